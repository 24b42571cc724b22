"""Feeds and sitemap as their specifications want them: absolute ids and <loc>, atom:author,
application/atom+xml live and from nginx; a production site without SITE_URL is refused."""

from __future__ import annotations

import shutil
import tempfile
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from portal import create_app
from portal.cli import main
from portal.freeze import build_site

SITE = "https://ip.example.gov.cn"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
URL_CHILDREN = {f"{SITEMAP}{name}" for name in ("loc", "lastmod", "changefreq", "priority")}


def _parse_feed(data: bytes):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # feedparser's own use of the standard library
        import feedparser

        return feedparser.parse(data)


def _absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@pytest.fixture
def site_app(content_dir: Path, tmp_path: Path):
    return create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "index"),
                       "SITE_URL": SITE, "OWNER": "巫山县市场监督管理局"})


@pytest.mark.parametrize("path", ["/zh/feed.xml", "/en/feed.xml", "/zh/news/feed.xml", "/en/library/feed.xml"])
def test_feeds_are_well_formed_atom_with_absolute_ids_and_an_author(site_app, path):
    answer = site_app.test_client().get(path)
    assert answer.mimetype == "application/atom+xml"
    feed = _parse_feed(answer.data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert _absolute(feed.feed.id) and feed.feed.id.startswith(SITE)
    assert feed.feed.author_detail.name == "巫山县市场监督管理局"
    assert feed.feed.updated_parsed and feed.feed.title
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [SITE + path]
    assert feed.entries
    for entry in feed.entries:
        assert _absolute(entry.id) and entry.link == entry.id and entry.title and entry.updated_parsed


def test_sitemap_follows_the_sitemaps_protocol(site_app):
    """sitemaps.org: <urlset> in its namespace, each <url> one absolute <loc> (≤ 2,048 characters),
    only the protocol's child elements, at most 50,000 URLs. (The XSD is not available offline:
    these are its required elements and limits.)"""
    client = site_app.test_client()
    answer = client.get("/sitemap.xml")
    root = ET.fromstring(answer.data)
    assert answer.data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert root.tag == f"{SITEMAP}urlset"
    urls = list(root)
    assert 0 < len(urls) <= 50000 and len(answer.data) <= 50 * 1024 * 1024
    locs = []
    for url in urls:
        assert url.tag == f"{SITEMAP}url"
        assert {child.tag for child in url} <= URL_CHILDREN
        [loc] = url.findall(f"{SITEMAP}loc")
        assert _absolute(loc.text) and loc.text.startswith(SITE + "/") and len(loc.text) <= 2048
        locs.append(loc.text)
    assert len(locs) == len(set(locs))
    assert all(client.get(loc.removeprefix(SITE)).status_code == 200 for loc in locs)


def test_production_check_requires_a_site_url(content_dir: Path, monkeypatch):
    monkeypatch.setenv("PORTAL_STAFF_LANGUAGE", "en")
    monkeypatch.delenv("PORTAL_SITE_URL", raising=False)
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)]})
    result = app.test_cli_runner().invoke(main, ["check", "--production", "--content", str(content_dir)])
    assert result.exit_code == 1
    assert "SITE_URL is not set or not a full address" in result.output
    monkeypatch.setenv("PORTAL_SITE_URL", "ip.example.gov.cn")  # no scheme: still not absolute
    result = app.test_cli_runner().invoke(main, ["check", "--production", "--content", str(content_dir)])
    assert "SITE_URL is not set or not a full address" in result.output
    monkeypatch.setenv("PORTAL_SITE_URL", SITE)
    result = app.test_cli_runner().invoke(main, ["check", "--production", "--content", str(content_dir)])
    assert "SITE_URL" not in result.output


@pytest.mark.nginx
def test_nginx_serves_the_frozen_feeds_as_atom(site_app):
    from .nginx_server import NginxServer, nginx_or_skip

    binary = nginx_or_skip()
    work = Path(tempfile.mkdtemp(prefix="portal-feeds-"))  # world-readable for nginx's workers
    try:
        work.chmod(0o755)
        out = build_site(site_app, work / "site").output
        with NginxServer(out, work / "nginx", binary) as server:
            for path in ("/zh/feed.xml", "/en/news/feed.xml"):
                answer = server.get(path)
                assert answer.status == 200
                assert answer.headers["content-type"] == "application/atom+xml; charset=utf-8"
                assert not _parse_feed(answer.body).bozo
            assert server.get("/sitemap.xml").headers["content-type"].endswith("xml; charset=utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
