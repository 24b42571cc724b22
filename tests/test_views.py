"""Pages as a visitor sees them through the live app."""

from __future__ import annotations

import pytest

from portal import create_app

from .conftest import write


def test_root_redirects_by_accept_language(client):
    assert client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).headers["Location"] == "/en/"
    assert client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).headers["Location"] == "/zh/"
    assert client.get("/").headers["Location"] == "/zh/"


def test_unknown_language_is_404_not_500(client):
    for path in ("/fr/", "/zh-TW/", "/xx/library/"):
        assert client.get(path).status_code == 404


def test_home_offers_search_latest_items_and_sections(client):
    html = client.get("/zh/").get_data(as_text=True)
    assert '<html lang="zh-CN">' in html
    assert 'role="search"' in html and 'action="/zh/search/"' in html
    assert "巫山县发布知识产权工作实施意见" in html
    assert 'href="/zh/library/"' in html and 'href="/zh/news/"' in html


def test_document_page_has_metadata_panel_toc_and_anchors(client):
    html = client.get("/zh/library/sample-law/").get_data(as_text=True)
    assert "示例知识产权保护条例" in html
    assert "地方性法规" in html and "重庆市" in html
    assert "以国家机关发布的正式文本为准" in html
    assert 'href="#chapter-1"' in html and 'id="chapter-1"' in html
    assert 'id="art-2"' in html and 'href="#art-2"' in html
    assert "2020年1月1日 通过" in html


def test_unstated_facts_are_shown_as_unknown(client):
    html = client.get("/zh/library/sample-law/").get_data(as_text=True)
    panel = html.split('class="meta-panel"', 1)[1].split("</section>", 1)[0]
    # one compact line names every field the source does not state, instead of a row each
    assert '<p class="meta-unknown">未注明：发文字号、制定机关、时效性、公布日期、施行日期、来源</p>' in panel
    assert "<dt>制定机关</dt>" not in panel and "<dd>未注明</dd>" not in panel
    assert "<dt>效力级别</dt><dd>地方性法规</dd>" in panel and "<dt>地区</dt><dd>重庆市</dd>" in panel
    english = client.get("/en/library/sample-law/").get_data(as_text=True)
    assert "Not stated: Document number, Issuing authority, Validity," in english
    assert "现行有效" not in panel and "已废止" not in panel


def test_english_page_shows_chinese_text_with_notice(client):
    html = client.get("/en/news/first/").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "available in Chinese only" in html
    assert "巫山县印发" in html


def test_library_filters_live(client):
    html = client.get("/zh/library/?level=法律").get_data(as_text=True)
    listing = html.split('id="library-list"', 1)[1].split("</ul>", 1)[0]
    assert "示例知识产权保护条例" not in listing and 'id="library-empty" hidden' not in html
    assert "共 0 部，全部 1 部" in html
    html = client.get("/zh/library/?level=地方性法规&region=重庆市").get_data(as_text=True)
    assert "共 1 部，全部 1 部" in html


def test_security_headers_on_pages(client):
    response = client.get("/zh/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_no_inline_scripts_or_handlers_in_pages(client):
    import re

    for path in (
        "/zh/",
        "/en/",
        "/zh/library/",
        "/zh/library/sample-law/",
        "/zh/news/",
        "/zh/news/first/",
        "/zh/nope/",
    ):
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\son[a-z]+\s*=", html), path


@pytest.mark.parametrize(
    "vector",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<div style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</div>',
        "<iframe src=https://example.com></iframe>",
        '<svg onload="alert(1)"></svg>',
    ],
)
def test_content_html_is_sanitised(tmp_path, vector):
    write(tmp_path, "news/evil.md", f"---\ntitle: 测试\n---\n正文\n\n{vector}\n")
    client = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)]}).test_client()
    html = client.get("/zh/news/evil/").get_data(as_text=True)
    body = html.split('class="prose"', 1)[1].split("</article>", 1)[0].lower()
    for bad in ("<script", "onerror", "onload", "javascript:", "position:fixed", "<iframe", "style="):
        assert bad not in body


def test_drafts_only_in_preview(tmp_path):
    write(tmp_path, "news/wip.md", "---\ntitle: 未完成\ndraft: true\n---\n正文\n")
    live = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)]}).test_client()
    assert live.get("/zh/news/wip/").status_code == 404
    preview = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)], "SHOW_DRAFTS": True}).test_client()
    html = preview.get("/zh/news/wip/").get_data(as_text=True)
    assert "草稿" in html and 'class="draft-banner"' in html


def test_section_pagination_in_path(tmp_path):
    for i in range(3):
        write(tmp_path, f"news/n{i}.md", f"---\ntitle: 新闻{i}\ndate: 2024-01-0{i + 1}\n---\n正文\n")
    client = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)], "PAGE_SIZE": 2}).test_client()
    first = client.get("/zh/news/").get_data(as_text=True)
    assert "新闻2" in first and "新闻0" not in first and 'href="/zh/news/page/2/"' in first
    assert "新闻0" in client.get("/zh/news/page/2/").get_data(as_text=True)
    assert client.get("/zh/news/page/3/").status_code == 404


# --- the real corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_client(corpus_dir):
    from portal.settings import REPO_ROOT

    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(REPO_ROOT / "content"), str(corpus_dir)]})
    return app.test_client()


def test_every_law_page_renders(corpus_client):
    from portal.urls import entry_path

    catalog = corpus_client.application.extensions["portal.catalog"]
    laws = [e for e in catalog.entries.values() if e.section == "laws"]
    assert len(laws) == 54
    for entry in laws:
        for lang in ("zh", "en"):
            assert corpus_client.get(entry_path(entry, lang)).status_code == 200, entry.slug


def test_old_version_points_to_newest(corpus_client):
    old = corpus_client.get("/zh/library/专利法实施细则-2010-01-09/").get_data(as_text=True)
    assert (
        "这是历史版本" in old
        and 'href="/zh/library/%E4%B8%93%E5%88%A9%E6%B3%95%E5%AE%9E%E6%96%BD%E7%BB%86%E5%88%99-2023-12-11/"' in old
    )
    new = corpus_client.get("/zh/library/专利法实施细则-2023-12-11/").get_data(as_text=True)
    assert "这是历史版本" not in new and "最新版本" in new


def test_series_are_linked(corpus_client):
    html = corpus_client.get(
        "/zh/library/最高人民法院-最高人民检察院关于办理侵犯知识产权刑事案件具体应用法律若干问题的解释-二-2007-04-05/"
    ).get_data(as_text=True)
    series = html.split('class="series"', 1)[1].split("</section>", 1)[0]
    assert series.count("<li>") == 3 and 'aria-current="page"' in series


def test_library_lists_all_documents_with_filters(corpus_client):
    html = corpus_client.get("/zh/library/").get_data(as_text=True)
    listing = html.split('id="library-list"', 1)[1].split("</ul>", 1)[0]
    assert listing.count("<li>") >= 54
    assert '<option value="司法解释">' in html and '<option value="unknown">未注明</option>' in html


def test_links_in_content_follow_the_page_language(tmp_path):
    write(tmp_path, "news/links.md", "---\ntitle: 链接\n---\n见[关于本站](/zh/pages/about/)。\n")
    write(tmp_path, "pages/about.md", "---\ntitle: 关于\n---\n正文\n")
    client = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)]}).test_client()
    assert 'href="/en/pages/about/"' in client.get("/en/news/links/").get_data(as_text=True)
    assert 'href="/zh/pages/about/"' in client.get("/zh/news/links/").get_data(as_text=True)
