"""English pages of laws and policies with no English text lead to the Chinese text instead of copying it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from portal import create_app
from portal.cli import main
from portal.freeze import build_site
from tests.conftest import write

LAW = """
    ---
    title: 示例著作权保护条例
    level: 地方性法规
    region: 重庆市
    version_date: 2021-03-01
    ---
    ## 第一章 总则

    第一条 为了保护作者的著作权，制定本条例。

    第二条 本条例适用于本市行政区域内的作品。

    ## 第二章 保护

    第三条 侵犯著作权的，依法承担民事责任。
    """


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    write(root, "laws/copyright-rules.md", LAW)
    write(root, "guides/howto.md", """
        ---
        title: 著作权登记指南
        ---
        依照[条例第二条](/zh/library/copyright-rules/#art-2)办理。
        """)
    write(root, "guides/howto.en.md", """
        ---
        title: Registering a copyright
        ---
        See [article 2 of the rules](/zh/library/copyright-rules/#art-2).
        """)
    return root


def _client(root: Path, tmp_path: Path):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(root)], "INDEX_DIR": str(tmp_path / "index")})
    return app, app.test_client()


def test_english_page_has_metadata_and_contents_but_no_chinese_text(site, tmp_path):
    _, client = _client(site, tmp_path)
    english = client.get("/en/library/copyright-rules/").get_data(as_text=True)
    panel = english.split('class="meta-panel"', 1)[1].split("</section>", 1)[0]
    assert '<dd lang="zh-CN">重庆市</dd>' in panel and "available in Chinese only" in english
    assert "侵犯著作权的，依法承担民事责任" not in english and "为了保护作者的著作权" not in english
    items = re.findall(r'<a id="([^"]+)" href="([^"]+)">([^<]+)</a>', english)
    assert [(a, t) for a, _, t in items] == [
        ("chapter-1", "第一章 总则"), ("art-1", "第一条"), ("art-2", "第二条"),
        ("chapter-2", "第二章 保护"), ("art-3", "第三条"),
    ]
    assert all(href == f"/zh/library/copyright-rules/#{anchor}" for anchor, href, _ in items)
    chinese = client.get("/zh/library/copyright-rules/").get_data(as_text=True)
    assert "侵犯著作权的，依法承担民事责任" in chinese and "chinese-contents" not in chinese


def test_links_from_english_pages_land_on_the_item_leading_to_the_article(site, tmp_path):
    _, client = _client(site, tmp_path)
    guide = client.get("/en/guides/howto/").get_data(as_text=True)
    assert 'href="/en/library/copyright-rules/#art-2"' in guide
    law = client.get("/en/library/copyright-rules/").get_data(as_text=True)
    assert '<a id="art-2" href="/zh/library/copyright-rules/#art-2"' in law


def test_every_anchor_of_the_chinese_text_is_on_the_english_page(corpus_dir, tmp_path):
    _, client = _client(corpus_dir, tmp_path)
    for slug in ("专利法-2020-10-17", "商标法-2019-04-23"):
        chinese = client.get(f"/zh/library/{slug}/").get_data(as_text=True)
        body = chinese.split('class="legal-text prose"', 1)[1]
        anchors = {a for a in re.findall(r'\bid="([^"]+)"', body) if not a.endswith("-label")}  # labels name regions
        english = client.get(f"/en/library/{slug}/").get_data(as_text=True)
        assert anchors and anchors <= set(re.findall(r'\bid="([^"]+)"', english))
        assert len(english.encode()) < 0.6 * len(chinese.encode())


def test_a_law_with_an_english_version_keeps_its_full_page(site, tmp_path):
    write(site, "laws/copyright-rules.en.md", """
        ---
        title: Sample Copyright Rules
        ---
        Article 1 These rules protect authors.
        """)
    _, client = _client(site, tmp_path)
    english = client.get("/en/library/copyright-rules/").get_data(as_text=True)
    assert "chinese-contents" not in english and "侵犯著作权的，依法承担民事责任" in english


def test_frozen_english_pages_are_small_and_portal_check_passes(site, tmp_path):
    app, _ = _client(site, tmp_path)
    result = CliRunner().invoke(main, ["check", "--content", str(site)])
    assert result.exit_code == 0, result.output
    build_site(app, tmp_path / "out")
    english = (tmp_path / "out/en/library/copyright-rules/index.html").read_text(encoding="utf-8")
    chinese = (tmp_path / "out/zh/library/copyright-rules/index.html").read_text(encoding="utf-8")
    assert "为了保护作者的著作权" in chinese and "为了保护作者的著作权" not in english
