"""The law and policy library: a filterable list and one page per document."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import unquote

from flask import Blueprint, Flask, Response, abort, current_app, redirect, render_template, request

from ..content.catalog import Catalog
from ..content.model import Entry
from ..content.schema import IP_FIELDS, LEVELS
from ..library_names import current_version, lookup, short_name_for
from ..pipeline import trace
from ..urls import entry_path, short_path
from .chinese_only import chinese_only, contents
from .common import catalog, now, show_drafts, visible_or_404

bp = Blueprint("library", __name__)
UNKNOWN = "unknown"
FILTERS = ("level", "region", "field", "status")


_VALUES: dict[int, tuple[Entry, dict[str, list[str]]]] = {}


def facet_values(entry: Entry) -> dict[str, list[str]]:
    """The filter values of an entry (``unknown`` where the source states none), found once per entry object."""
    cached = _VALUES.get(id(entry))
    if cached is not None and cached[0] is entry:
        trace.read_entry(entry)
        return cached[1]
    if len(_VALUES) > 50000:
        _VALUES.clear()
    legal = entry.legal
    values = {
        "level": [legal.level or UNKNOWN],
        "region": [legal.region or UNKNOWN],
        "field": list(entry.ip_fields) or [UNKNOWN],
        "status": [legal.status or UNKNOWN],
    }
    _VALUES[id(entry)] = (entry, values)
    return values


def _facets(entries: list[Entry]) -> dict[str, list[str]]:
    present: dict[str, set[str]] = {name: set() for name in FILTERS}
    for entry in entries:
        for name, values in facet_values(entry).items():
            present[name].update(values)
    order = {"level": LEVELS, "field": IP_FIELDS}
    return {
        name: sorted(
            values, key=lambda v: (v == UNKNOWN, order.get(name, ()).index(v) if v in order.get(name, ()) else 99, v)
        )
        for name, values in present.items()
    }


def _matches(entry: Entry, chosen: dict[str, str]) -> bool:
    if not any(chosen.values()):
        return True
    values = facet_values(entry)
    return all(not want or want in values[name] for name, want in chosen.items())


def _chosen() -> dict[str, str]:
    return {name: request.args.get(name, "") for name in FILTERS}


def _query_page() -> int:
    """The ``page`` of a filtered listing (``?level=法律&page=2``); 404 when it is not a number."""
    value = request.args.get("page", "1")
    if not value.isdigit():
        abort(404)
    return int(value)


def page_count(total: int) -> int:
    """Pages the library listing needs for ``total`` entries."""
    return max(1, -(-total // current_app.config["LIBRARY_PAGE_SIZE"]))


@bp.route("/<lang:lang>/library/", defaults={"page": 0})
@bp.route("/<lang:lang>/library/page/<int:page>/")
def index(lang: str, page: int):
    """Laws and policies, newest first, a page at a time; filters work live (query) and frozen (script).

    The unfiltered listing pages in the path (/zh/library/page/2/); a filtered one in the query
    (?level=法律&page=2), which the frozen site's script answers from ``library_list`` alone.
    """
    entries = catalog().library(now(), show_drafts())
    chosen = _chosen() if page == 0 else dict.fromkeys(FILTERS, "")
    if page == 0:
        page = _query_page()
    matching = [e for e in entries if _matches(e, chosen)]
    pages = page_count(len(matching))
    if page < 1 or page > pages:
        abort(404)
    size = current_app.config["LIBRARY_PAGE_SIZE"]
    return render_template(
        "library.html",
        entries=matching[(page - 1) * size : page * size],
        matching=len(matching),
        total=len(entries),
        page=page,
        pages=pages,
        page_size=size,
        facets=_facets(entries),
        chosen=chosen,
        filtered={name: value for name, value in chosen.items() if value},
        unknown=UNKNOWN,
    )


@bp.route("/library/list.json")
def library_list():
    """Every law and policy as a compact row, for the frozen listing's filters (language-neutral)."""
    entries = catalog().library(now(), show_drafts())
    rows = [
        [e.slug, e.title, e.legal.level, e.legal.region, list(e.ip_fields), e.legal.status, e.legal.doc_number,
         e.date.isoformat() if e.date else None]
        for e in entries
    ]
    body = json.dumps({"unknown": UNKNOWN, "rows": rows}, ensure_ascii=False, separators=(",", ":"))
    return Response(body, mimetype="application/json")


def frozen_pages(app: Flask, lang: str) -> Iterator[tuple[str, dict]]:
    """The listing's pages after the first, for the freezer (the first is ``library.index``)."""
    entries = app.extensions["portal.catalog"].library(now())
    pages = max(1, -(-len(entries) // app.config["LIBRARY_PAGE_SIZE"]))
    for page in range(2, pages + 1):
        yield "library.index", {"lang": lang, "page": page}


def _related(cat: Catalog, entry: Entry) -> dict:
    return {
        "versions": cat.versions.get(entry.key, ()),
        "series": cat.series.get(entry.key, ()),
        "is_newest": cat.is_newest_version(entry),
        "also_from": cat.also_from.get(entry.key, ()),
        "short_name": short_name_for(cat, entry, now(), show_drafts()),
    }


@bp.route("/<lang:lang>/library/<slug:slug>/")
def document(lang: str, slug: str):
    """One law or policy with its metadata panel, contents and anchored articles.

    A law's short name (专利法) is the address of its current version: the same page, whose
    canonical link names the version's own address (see :mod:`portal.library_names`).
    """
    cat = catalog()
    entry = cat.library_entry(slug)
    if entry is None:
        return _short_address(cat, lang, slug)
    entry = visible_or_404(entry)
    jump = _jump_target(entry)
    if jump:
        return redirect(jump, 303)
    return _document_page(cat, entry, lang)


def _jump_target(entry: Entry) -> str | None:
    """跳到第__条 without JavaScript: ``?art=11`` answers with the page at ``#art-11`` (if it has one)."""
    wanted = request.args.get("art", "").strip()
    if not wanted.isdigit() or len(wanted) > 4:
        return None
    anchor = f"art-{int(wanted)}"
    return f"{request.path}#{anchor}" if any(a.anchor == anchor for a in entry.articles) else None


def _short_address(cat: Catalog, lang: str, requested: str):
    found = lookup(cat, requested)
    if found is None:
        abort(404)
    if found.name != requested:  # 中华人民共和国专利法, 专利法 with a space …: the one short address
        return redirect(short_path(lang, found.name), 301)
    current = [v for versions in found.works if (v := current_version(versions, now(), show_drafts()))]
    if not current:
        abort(404)
    if len(current) > 1:
        return render_template("short_name.html", name=found.name, works=current)
    entry = current[0]
    jump = _jump_target(entry)
    if jump:
        return redirect(jump, 303)
    return _document_page(cat, entry, lang)


def _document_page(cat: Catalog, entry: Entry, lang: str) -> str:
    """The page of ``entry``, the same bytes at its own address and at its short address: the canonical
    link and the language switch name its own address (so a frozen build can link one file to both).

    The canonical link must be absolute (search engines and Lighthouse reject a relative one), so it
    is given only when SITE_URL says where the site is."""
    own = entry_path(entry, lang)
    site = current_app.config["SITE_URL"].rstrip("/")
    return render_template("document.html", entry=entry, canonical=site + own if site else None,
                           page_path=unquote(own), contents=_chinese_contents(entry, lang), **_related(cat, entry))


def _chinese_contents(entry: Entry, lang: str):
    """In English, a text with no English version shows its contents (each item leading to the article on
    the Chinese page) instead of a copy of the Chinese text; None otherwise."""
    return contents(entry) if chinese_only(entry, lang) else None
