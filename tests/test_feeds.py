"""Atom feeds, sitemap and the open-data listing, live and in the frozen build."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from portal.freeze import build_site

ATOM = "{http://www.w3.org/2005/Atom}"


def test_site_and_section_feeds_are_valid_atom(client):
    for path, expected in (("/zh/feed.xml", 2), ("/zh/news/feed.xml", 1), ("/en/library/feed.xml", 1)):
        root = ET.fromstring(client.get(path).data)
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == expected, path
        assert all(e.find(f"{ATOM}link").get("href").startswith(("/zh/", "/en/")) for e in entries)
    news = ET.fromstring(client.get("/zh/news/feed.xml").data)
    assert news.find(f"{ATOM}entry/{ATOM}title").text == "巫山县发布知识产权工作实施意见"


def test_feed_uses_site_url_when_set(app):
    app.config["SITE_URL"] = "https://ip.example.gov.cn"
    root = ET.fromstring(app.test_client().get("/zh/news/feed.xml").data)
    assert root.find(f"{ATOM}entry/{ATOM}link").get("href").startswith("https://ip.example.gov.cn/zh/news/")


def test_sitemap_lists_every_page_in_both_languages(client):
    root = ET.fromstring(client.get("/sitemap.xml").data)
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    for lang in ("zh", "en"):
        assert f"/{lang}/library/sample-law/" in locs and f"/{lang}/news/first/" in locs
    assert all(client.get(loc).status_code == 200 for loc in locs)


def test_library_json_keeps_unknowns_null_and_empty_lists_empty(client):
    data = json.loads(client.get("/api/library.json").data)
    [law] = data["documents"]
    assert data["count"] == 1 and law["title"] == "示例知识产权保护条例"
    assert law["status"] is None and law["issuers"] == [] and law["doc_number"] is None
    assert law["level"] == "地方性法规" and law["version_date"] == "2020-01-01" and law["articles"] == 2


def test_frozen_build_contains_feeds_sitemap_and_listing(app, tmp_path):
    out = tmp_path / "site"
    build_site(app, out)
    for relative in (
        "sitemap.xml",
        "api/library.json",
        "zh/feed.xml",
        "en/feed.xml",
        "zh/news/feed.xml",
        "zh/library/feed.xml",
        "zh/guides/feed.xml",
    ):
        assert (out / relative).is_file(), relative
    ET.fromstring((out / "zh" / "feed.xml").read_bytes())
