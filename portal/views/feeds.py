"""Machine-readable output: Atom feeds, sitemap.xml and the open-data listing of the library."""

from __future__ import annotations

import datetime as dt
import json

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, current_app

from .. import urls
from ..content.catalog import LIBRARY_SECTIONS
from ..content.model import Entry
from ..settings import LANGUAGES
from .common import catalog, now
from .converters import ARTICLE_SECTIONS
from .template_helpers import section_label

bp = Blueprint("feeds", __name__)
CHINA = dt.timezone(dt.timedelta(hours=8))
FEED_SIZE = 50
FEED_MIMETYPE = "application/atom+xml"  # RFC 4287; deploy/nginx.conf sends the same for the frozen feed.xml


def absolute(path: str) -> str:
    """``path`` on the public site (root-relative when SITE_URL is not set)."""
    return current_app.config["SITE_URL"].rstrip("/") + path


def _author() -> dict[str, str]:
    """The body that owns the site, as the feeds' atom:author."""
    config = current_app.config
    author = {"name": config["OWNER"]}
    if config["SITE_URL"]:
        author["uri"] = config["SITE_URL"].rstrip("/") + "/"
    return author


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), CHINA)


def _feed_entries(section: str | None) -> list[Entry]:
    moment = now()
    if section is None:
        chosen = catalog().all_visible(moment)
    else:
        chosen = catalog().in_sections(LIBRARY_SECTIONS if section == "library" else (section,), moment)
    return [e for e in chosen if e.date][:FEED_SIZE]


def atom_feed(lang: str, section: str | None) -> bytes:
    """An Atom feed of the newest dated entries of ``section`` (or of the whole site)."""
    site = current_app.config["SITE_NAME"]
    self_path = f"/{lang}/feed.xml" if section is None else urls.section_path(lang, section) + "feed.xml"
    feed = FeedGenerator()
    feed.id(absolute(self_path))
    feed.title(site if section is None else f"{section_label(section, lang)} · {site}")
    feed.link(href=absolute(self_path), rel="self")
    feed.link(href=absolute(urls.home_path(lang)), rel="alternate")
    feed.language("zh-CN" if lang == "zh" else "en")
    feed.author(_author())  # atom:author of the feed covers every entry (RFC 4287 4.1.1)
    entries = _feed_entries(section)
    feed.updated(_stamp(entries[0].date) if entries else dt.datetime(2000, 1, 1, tzinfo=CHINA))
    for entry in reversed(entries):
        item = feed.add_entry()
        link = absolute(urls.entry_path(entry, lang))
        item.id(link)
        item.title(entry.title_for(lang))
        item.link(href=link)
        item.updated(_stamp(entry.date))
        if entry.summary:
            item.summary(entry.summary)
    return feed.atom_str(pretty=True)


@bp.route("/<lang:lang>/feed.xml")
def site_feed(lang: str):
    """Everything new on the site."""
    return Response(atom_feed(lang, None), mimetype=FEED_MIMETYPE)


@bp.route("/<lang:lang>/<feed_section:section>/feed.xml")
def section_feed(lang: str, section: str):
    """What is new in one section."""
    return Response(atom_feed(lang, section), mimetype=FEED_MIMETYPE)


def sitemap_paths() -> list[str]:
    """Every public page, in both languages."""
    moment = now()
    paths = []
    for lang in LANGUAGES:
        paths += [urls.home_path(lang), urls.section_path(lang, "library")]
        if catalog().indicators:
            paths.append(urls.indicators_path(lang))
        paths += [urls.section_path(lang, s) for s in ARTICLE_SECTIONS if catalog().section(s, moment)]
        paths += [urls.entry_path(e, lang) for e in catalog().all_visible(moment)]
    return paths


@bp.route("/sitemap.xml")
def sitemap():
    """The sitemap search engines read."""
    rows = "".join(f"<url><loc>{absolute(p)}</loc></url>\n" for p in sitemap_paths())
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{rows}</urlset>\n'
    return Response(body, mimetype="application/xml")


def library_record(entry: Entry) -> dict:
    """Open-data record of one law or policy: null where the source states a value nowhere, [] for an
    empty list (never null)."""
    legal = entry.legal

    def iso(day: dt.date | None) -> str | None:
        return day.isoformat() if day else None

    return {
        "title": entry.title,
        "section": entry.section,
        "url": absolute(urls.entry_path(entry, "zh")),
        "doc_number": legal.doc_number,
        "issuers": list(legal.issuers),
        "level": legal.level,
        "status": legal.status,
        "region": legal.region,
        "ip_fields": list(entry.ip_fields),
        "version_date": iso(legal.version_date),
        "published": iso(legal.published),
        "effective": iso(legal.effective),
        "date": iso(entry.date),
        "history": list(legal.history),
        "source": legal.source,
        "articles": len(entry.articles),
    }


LIBRARY_FORMAT = 1  # raised when a field changes meaning or is removed (README: Open data)
COPYRIGHT_LAW = "中华人民共和国著作权法"


def _licence() -> dict:
    """Why the texts may be reused: 著作权法 第五条 (linked when the site publishes that law); the
    licence of the listing itself is not stated anywhere, so it stays null."""
    versions = [e for e in catalog().library(now()) if e.title == COPYRIGHT_LAW]
    basis = max(versions, key=lambda e: e.legal.version_date or dt.date.min, default=None)
    return {
        "texts": "法律、法规，国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件，"
                 "及其官方正式译文，不适用著作权法（《中华人民共和国著作权法》第五条第一项）",
        "basis": absolute(urls.article_path(basis, "zh", "art-5")) if basis else None,
        "metadata": None,
        "metadata_note": "本目录（元数据）的许可未注明：请向网站主办单位询问",
        "owner": current_app.config["OWNER"],
    }


@bp.route("/api/library.json")
def library_json():
    """All published laws and policies with their metadata (open data), versioned and dated."""
    records = [library_record(e) for e in catalog().library(now())]
    listing = {
        "format": LIBRARY_FORMAT,
        "generated": now().astimezone(CHINA).date().isoformat(),  # a day: rebuilds of one day stay identical
        "licence": _licence(),
        "count": len(records),
        "documents": records,
    }
    return Response(json.dumps(listing, ensure_ascii=False, indent=1), mimetype="application/json")
