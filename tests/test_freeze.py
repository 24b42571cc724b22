"""The frozen build: each page in its own language, real files only, atomic swap."""

from __future__ import annotations

import pytest

from portal import create_app
from portal.freeze import build_site

from .conftest import write


@pytest.fixture
def built(app, tmp_path):
    out = tmp_path / "site"
    report = build_site(app, out)
    return out, report


def test_zh_and_en_pages_each_in_their_own_language(built):
    out, _ = built
    zh = (out / "zh" / "index.html").read_text(encoding="utf-8")
    en = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in zh and ">首页</a>" in zh and ">Home</a>" not in zh
    assert '<html lang="en">' in en and ">Home</a>" in en and ">首页</a>" not in en
    zh_law = (out / "zh" / "library" / "sample-law" / "index.html").read_text(encoding="utf-8")
    en_law = (out / "en" / "library" / "sample-law" / "index.html").read_text(encoding="utf-8")
    assert "<dt>效力级别</dt>" in zh_law and "<dt>Legal rank</dt>" in en_law
    assert "未注明：发文字号、制定机关" in zh_law and "Not stated: Document number, Issuing authority" in en_law


def test_root_is_a_real_page_and_404_exists(built):
    out, report = built
    root = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="/zh/">' in root and "<h1>" in root
    assert "页面不存在" in (out / "404.html").read_text(encoding="utf-8")
    assert report.pages > 10


def test_the_frozen_english_404_is_english(built):
    out, _ = built
    english = (out / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in english and "<h1>Page not found</h1>" in english and "页面不存在" not in english
    assert 'href="/en/"' in english
    chinese = (out / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in chinese and "<h1>页面不存在</h1>" in chinese


def test_every_page_url_ends_in_a_folder_with_index_html(built):
    out, _ = built
    html_files = [p for p in out.rglob("*") if p.is_file() and "static" not in p.parts]
    assert html_files
    for path in html_files:
        allowed = (".json", ".xml", ".txt", ".csv", ".pdf", ".docx")
        assert path.name in ("index.html", "404.html") or path.suffix in allowed, path


def test_drafts_and_future_items_are_not_frozen(tmp_path):
    content = tmp_path / "c"
    write(content, "news/ok.md", "---\ntitle: 已发布\ndate: 2024-01-01\n---\n正文\n")
    write(content, "news/wip.md", "---\ntitle: 草稿\ndraft: true\n---\n正文\n")
    write(content, "news/later.md", "---\ntitle: 以后\npublish_at: 2999-01-01\n---\n正文\n")
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content)], "SHOW_DRAFTS": True})
    out = tmp_path / "site"
    build_site(app, out)
    assert (out / "zh" / "news" / "ok" / "index.html").exists()
    assert not (out / "zh" / "news" / "wip").exists()
    assert not (out / "zh" / "news" / "later").exists()


def test_failed_build_leaves_previous_build_in_place(app, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build_site(app, out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def broken(app, folder):
        raise RuntimeError("disk full")

    monkeypatch.setattr("portal.freeze.POST_BUILD_HOOKS", [broken])
    with pytest.raises(RuntimeError, match="disk full"):
        build_site(app, out)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not list(tmp_path.glob(".site.new-*"))


def test_empty_site_builds(tmp_path):
    content = tmp_path / "empty"
    content.mkdir()
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content)]})
    report = build_site(app, tmp_path / "site")
    assert (tmp_path / "site" / "zh" / "index.html").exists() and report.pages > 5


def test_locale_does_not_leak_between_frozen_pages(built):
    """Trap 1: Flask-Babel caches the locale on g; every en page must still be English."""
    out, _ = built
    for page in (out / "en").rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="en">' in text and "跳到正文" not in text, page
    for page in (out / "zh").rglob("index.html"):
        assert "Skip to content" not in page.read_text(encoding="utf-8"), page
