"""Live HTML pages carry Cache-Control and an ETag; a conditional GET with that ETag answers 304."""

from __future__ import annotations

from portal import create_app
from portal.security import HEADERS

from .conftest import REPO_ROOT

PAGES = ("/zh/", "/en/news/first/", "/zh/library/sample-law/", "/zh/search/")


def test_html_pages_have_cache_control_and_etag(client):
    for path in PAGES:
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["Cache-Control"] == "public, no-cache", path
        assert "Cookie" in answer.headers["Vary"], path
        assert answer.headers.get("ETag"), path


def test_conditional_get_answers_304_without_a_body(client):
    for path in PAGES:
        tag = client.get(path).headers["ETag"]
        again = client.get(path, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.data == b"", path
        assert again.headers["ETag"] == tag
        assert all(again.headers.get(name) == value for name, value in HEADERS.items())
        assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_the_etag_changes_with_the_page(client):
    assert client.get("/zh/").headers["ETag"] != client.get("/en/").headers["ETag"]


def test_preview_pages_are_revalidated_every_time(content_dir, tmp_path):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "i"),
                      "SHOW_DRAFTS": True})
    assert app.test_client().get("/zh/").headers["Cache-Control"] == "no-cache, private"


def test_errors_are_not_cached_and_readme_says_the_proxy_compresses(client):
    missing = client.get("/zh/news/missing/")
    assert missing.status_code == 404 and "ETag" not in missing.headers
    readme = " ".join((REPO_ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "gunicorn sends nothing compressed" in readme and "ETag" in readme
