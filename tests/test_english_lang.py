"""English pages mark the Chinese text they show (snippets, article tags, source lines) as zh-CN."""

from __future__ import annotations

import re

from portal import create_app
from portal.search import build_index

from .conftest import write


def app_with_index(root, tmp_path):
    write(root, "guides/howto.md", "---\ntitle: 保护条例办事指南\n---\n知识产权保护的办事指南。\n")
    write(root, "guides/howto.en.md", "---\ntitle: How to protect IP\n---\nAn English guide.\n")
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(root)], "INDEX_DIR": str(tmp_path / "index")})
    build_index(app)
    return app


def results(page: str) -> list[str]:
    return re.findall(r'<li class="search-result">(.*?)</li>', page, re.S)


def test_english_search_marks_chinese_snippets_article_tags_and_titles(content_dir, tmp_path):
    client = app_with_index(content_dir, tmp_path).test_client()
    page = client.get("/en/search/", query_string={"q": "保护"}).get_data(as_text=True)
    hits = results(page)
    law = next(h for h in hits if "示例知识产权保护条例" in h)
    assert re.search(r'<a class="search-result-title" href="[^"]+" lang="zh-CN">示例知识产权保护条例</a>', law)
    assert '<span class="tag search-result-article" lang="zh-CN">第一条</span>' in law
    assert '<p class="search-result-snippet" lang="zh-CN">' in law
    guide = next(h for h in hits if "How to protect IP" in h)
    assert re.search(r'<a class="search-result-title" href="[^"]+">How to protect IP</a>', guide)
    chinese = client.get("/zh/search/", query_string={"q": "保护"}).get_data(as_text=True)
    assert 'lang="zh-CN"' not in "".join(results(chinese))


def test_english_law_page_and_facts_mark_their_chinese_source_lines(content_dir):
    write(content_dir, "laws/sourced.md", "---\ntitle: 来源测试条例\nsource: 重庆市人民政府公报\n---\n第一条 正文。\n")
    client = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)]}).test_client()
    page = client.get("/en/library/sourced/").get_data(as_text=True)
    assert '<dd lang="zh-CN">重庆市人民政府公报' in page
    assert '<nav class="toc chinese-contents"' in page and '<ul lang="zh-CN">' in page  # contents, not the text


def test_english_campaign_page_marks_the_theme_source(content_dir):
    write(content_dir, "campaigns/2027.md",
          "---\ntitle: 2027年知识产权宣传周\nyear: 2027\ntheme: 示例主题\n"
          "theme_source: 国家知识产权局通知\n---\n正文\n")
    client = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)]}).test_client()
    page = client.get("/en/campaigns/2027/").get_data(as_text=True)
    assert '<span lang="zh-CN">国家知识产权局通知</span>' in page
    assert '<span lang="zh-CN">' not in client.get("/zh/campaigns/2027/").get_data(as_text=True)
