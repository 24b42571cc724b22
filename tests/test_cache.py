"""The live page cache: repeated requests are served from memory, scheduled items still appear."""

from __future__ import annotations

import datetime as dt

from portal import create_app

from .conftest import write


def test_repeated_request_is_served_from_cache(app):
    client = app.test_client()
    first = client.get("/zh/library/sample-law/")
    cache = app.extensions["portal.page_cache"]
    assert "/zh/library/sample-law/" in cache.pages
    second = client.get("/zh/library/sample-law/")
    assert second.data == first.data
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_scheduled_item_appears_when_its_time_comes(tmp_path):
    write(tmp_path, "news/now.md", "---\ntitle: 已发布\ndate: 2026-01-01\n---\n正文\n")
    write(tmp_path, "news/later.md", "---\ntitle: 定时发布\npublish_at: 2026-06-01 09:00\n---\n正文\n")
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)], "NOW": dt.datetime(2026, 5, 31, 12)})
    client = app.test_client()
    assert "定时发布" not in client.get("/zh/news/").get_data(as_text=True)
    assert client.get("/zh/news/later/").status_code == 404
    app.config["NOW"] = dt.datetime(2026, 6, 1, 9, 0)
    assert "定时发布" in client.get("/zh/news/").get_data(as_text=True)
    assert client.get("/zh/news/later/").status_code == 200


def test_other_query_strings_and_errors_are_not_cached(app):
    client = app.test_client()
    client.get("/zh/library/?utm=x")
    client.get("/zh/news/?level=法律")
    client.get("/zh/library/?level=法律&level=司法解释")
    client.get("/zh/nothing-here/")
    assert not [k for k in app.extensions["portal.page_cache"].pages if "?" in k or "nothing" in k]


def test_library_filter_pages_are_cached_once_per_filter(app):
    client = app.test_client()
    first = client.get("/zh/library/?level=法律&region=")
    pages = app.extensions["portal.page_cache"].pages
    assert list(pages) == ["/zh/library/?level=%E6%B3%95%E5%BE%8B"]
    again = client.get("/zh/library/?region=&level=法律")
    assert again.data == first.data and "共 0 部，全部 1 部" in again.get_data(as_text=True)
    assert len(pages) == 1


def test_cache_is_bounded(tmp_path):
    for i in range(5):
        write(tmp_path, f"news/n{i}.md", f"---\ntitle: 新闻{i}\n---\n正文\n")
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)], "PAGE_CACHE_SIZE": 3})
    client = app.test_client()
    for i in range(5):
        client.get(f"/zh/news/n{i}/")
    assert list(app.extensions["portal.page_cache"].pages) == ["/zh/news/n2/", "/zh/news/n3/", "/zh/news/n4/"]
