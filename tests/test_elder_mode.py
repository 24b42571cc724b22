"""长辈模式 without JavaScript on the live site: a link sets a cookie, the page comes back large."""

from __future__ import annotations

from portal import create_app

from .conftest import write


def test_link_sets_cookie_and_pages_render_in_elder_mode_uncached(tmp_path):
    write(tmp_path, "news/n.md", "---\ntitle: 新闻\n---\n正文\n")
    client = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)], "PAGE_CACHE_SIZE": 10}).test_client()
    plain = client.get("/zh/news/n/").get_data(as_text=True)  # now cached without elder mode
    assert '<html lang="zh-CN">' in plain and 'href="/prefs/elder?on=1&amp;next=/zh/news/n/"' in plain
    response = client.get("/prefs/elder?on=1&next=/zh/news/n/")
    assert response.status_code == 303 and response.headers["Location"] == "/zh/news/n/"
    assert "portal-elder=1" in response.headers["Set-Cookie"]
    large = client.get("/zh/news/n/").get_data(as_text=True)
    assert 'class="elder"' in large and 'aria-pressed="true"' in large and "on=0" in large
    client.get("/prefs/elder?on=0&next=/zh/news/n/")
    assert 'class="elder"' not in client.get("/zh/news/n/").get_data(as_text=True)


def test_link_only_returns_to_this_site(tmp_path):
    client = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)]}).test_client()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        assert client.get("/prefs/elder", query_string={"on": "1", "next": target}).headers["Location"] == "/"
