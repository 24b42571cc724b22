"""Raw HTML in content cannot take the ids of the page's own elements (skip link, search form, articles)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from portal import create_app
from portal.content.render import PAGE_ID_FAMILIES, PAGE_IDS

from .conftest import REPO_ROOT, write

TEMPLATES = REPO_ROOT / "portal" / "templates"


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.main_tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        value = dict(attrs).get("id")
        if value:
            self.ids[value] += 1
            if value == "main":
                self.main_tag = tag


def _ids(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def test_every_template_id_is_reserved():
    literal, families = set(), set()
    for path in TEMPLATES.rglob("*.html"):
        for value in re.findall(r'\bid="([^"]*)"', path.read_text(encoding="utf-8")):
            if "{" in value:
                families.add(value.split("{", 1)[0])
            else:
                literal.add(value)
    assert {i for i in literal - PAGE_IDS if not i.startswith(PAGE_ID_FAMILIES)} == set()
    assert {f for f in families if f} - set(PAGE_ID_FAMILIES) == set()


def test_raw_html_ids_never_duplicate_the_pages_own(tmp_path: Path):
    content = tmp_path / "c"
    write(content, "news/ids.md", """
        ---
        title: 标识测试
        date: 2024-01-01
        ---
        <div id="main">正文一</div>

        <p id="search-form">正文二</p> <span id="site-search">三</span>

        ## main

        <span id="my-note">自己的锚点</span>

        ## 第二部分

        ## 第三部分
        """)
    write(content, "laws/law.md", """
        ---
        title: 示例条例
        level: 地方性法规
        ---
        第一条 本条例<span id="art-2">适用</span>于本市。

        第二条 其他。
        """)
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content)], "INDEX_DIR": str(tmp_path / "i")})
    client = app.test_client()
    for url in ("/zh/news/ids/", "/en/news/ids/", "/zh/library/law/"):
        page = client.get(url).get_data(as_text=True)
        found = _ids(page)
        assert [v for v, n in found.ids.items() if n > 1] == [], url
        assert found.main_tag == "main", "the skip link still reaches the page's <main>"
    news = client.get("/zh/news/ids/").get_data(as_text=True)
    assert re.search(r'id="c-main[-0-9]*">正文一', news) and 'id="my-note"' in news
    heading = re.search(r'<h2 id="([^"]+)">main</h2>', news)
    assert heading and heading.group(1).startswith("c-main")
    assert f'href="#{heading.group(1)}"' in news, "the contents still link to the renamed heading"
    law = client.get("/zh/library/law/").get_data(as_text=True)
    assert 'id="c-art-2">适用' in law and law.count('id="art-2"') == 1
