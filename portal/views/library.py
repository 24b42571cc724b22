"""The law and policy library: a filterable list and one page per document."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from ..content.catalog import Catalog
from ..content.model import Entry
from ..content.schema import IP_FIELDS, LEVELS
from .chinese_only import chinese_only, contents
from .common import catalog, now, show_drafts, visible_or_404

bp = Blueprint("library", __name__)
UNKNOWN = "unknown"
FILTERS = ("level", "region", "field", "status")


def facet_values(entry: Entry) -> dict[str, list[str]]:
    """The filter values of an entry (``unknown`` where the source states none)."""
    legal = entry.legal
    return {
        "level": [legal.level or UNKNOWN],
        "region": [legal.region or UNKNOWN],
        "field": list(entry.ip_fields) or [UNKNOWN],
        "status": [legal.status or UNKNOWN],
    }


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
    values = facet_values(entry)
    return all(not want or want in values[name] for name, want in chosen.items())


@bp.route("/<lang:lang>/library/")
def index(lang: str):
    """All laws and policies, newest first; filters work live (query) and frozen (script)."""
    entries = catalog().library(now(), show_drafts())
    chosen = {name: request.args.get(name, "") for name in FILTERS}
    shown = {e.key for e in entries if _matches(e, chosen)}
    return render_template(
        "library.html",
        entries=entries,
        shown=shown,
        total=len(entries),
        facets=_facets(entries),
        chosen=chosen,
        facet_values=facet_values,
        unknown=UNKNOWN,
    )


def _related(cat: Catalog, entry: Entry) -> dict:
    return {
        "versions": cat.versions.get(entry.key, ()),
        "series": cat.series.get(entry.key, ()),
        "is_newest": cat.is_newest_version(entry),
        "also_from": cat.also_from.get(entry.key, ()),
    }


@bp.route("/<lang:lang>/library/<slug:slug>/")
def document(lang: str, slug: str):
    """One law or policy with its metadata panel, contents and anchored articles.

    In English, a text that has no English version shows its contents, each item leading to the
    article on the Chinese page, instead of a copy of the Chinese text.
    """
    cat = catalog()
    entry = visible_or_404(cat.library_entry(slug))
    chinese_contents = contents(entry) if chinese_only(entry, lang) else None
    return render_template("document.html", entry=entry, contents=chinese_contents, **_related(cat, entry))
