"""`portal check` points at the line of a problem inside raw HTML even when its address is entity-encoded."""

from __future__ import annotations

from pathlib import Path

from portal.cli import run_checks

from .conftest import write


def test_problems_in_entity_encoded_raw_html_get_their_own_line(tmp_path: Path):
    content = tmp_path / "c"
    path = write(content, "news/a.md", """
        ---
        title: 测试
        date: 2024-01-01
        ---
        第一段。

        <p><a href="&#x2F;zh&#x2F;news&#x2F;missing&#x2F;">坏链接</a></p>

        <p><img src="&#47;static&#47;x.png"></p>

        <a href="#&#x6c49;">锚点</a> <a href="/zh/news/&#x6c49;&#23383;/">汉字</a>
        """)
    _, problems = run_checks([content])
    lines = {(str(p.message), p.line) for p in problems if p.path == path}
    by_text = {text: line for text, line in lines}
    assert any("/zh/news/missing/" in t and n == 7 for t, n in lines), by_text
    assert [n for t, n in lines if "/static/x.png" in t] == [9, 9], by_text  # not found, and no alt text
    assert any("汉" in t and "/zh/news/" not in t and n == 11 for t, n in lines), by_text
    assert any("/zh/news/汉字/" in t and n == 11 for t, n in lines), by_text
    assert all(n != 1 for _, n in lines), by_text
