"""Rendering stays linear in the input size on long runs of brackets."""

import time

import pytest

from portal.content.render import render_block, render_markdown


@pytest.mark.parametrize("unit", ["[", "[a", "[a](", "("])
def test_100k_of_unmatched_brackets_renders_quickly_and_keeps_the_text(unit):
    text = unit * (100_000 // len(unit))
    started = time.perf_counter()
    html, _ = render_markdown(text)
    assert time.perf_counter() - started < 5
    assert html.count(unit[0]) == text.count(unit[0])
    assert "\ufdd0" not in html and "\\" not in html


def test_ordinary_links_and_a_few_stray_brackets_are_untouched():
    html, _ = render_markdown("见 [第十条](https://example.org/a) 与 [注 (一")
    assert '<a href="https://example.org/a"' in html
    assert "[注 (一" in html
    started = time.perf_counter()
    assert render_block("[a](" * 25_000).count("[") == 25_000
    assert time.perf_counter() - started < 5


def test_control_characters_from_content_do_not_reach_the_html():
    html, _ = render_markdown("警示\x1b[31m文字\x07结束\x00。\n\n第二段\t保留")
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in html)
    assert "警示[31m文字结束。" in html and "第二段" in html and "保留" in html
    assert "\x1b" not in render_block("警示\x1b文字\x7f")
