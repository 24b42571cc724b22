"""The law and policy library: a filterable list and one page per document."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request

from ..content.catalog import Catalog
from ..content.model import Entry
from ..content.schema import IP_FIELDS, LEVELS
from ..library_names import current_version, lookup, short_name_for
from ..urls import entry_path, short_path
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
        "short_name": short_name_for(cat, entry, now(), show_drafts()),
    }


@bp.route("/<lang:lang>/library/<slug:slug>/")
def document(lang: str, slug: str):
    """One law or policy with its metadata panel, contents and anchored articles.

    A law's short name (专利法) is the address of its current version: the same page, with a
    canonical link to the version's own address (see :mod:`portal.library_names`).
    """
    cat = catalog()
    entry = cat.library_entry(slug)
    if entry is None:
        return _short_address(cat, lang, slug)
    entry = visible_or_404(entry)
    jump = _jump_target(entry)
    if jump:
        return redirect(jump, 303)
    return render_template("document.html", entry=entry, **_related(cat, entry))


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
    return render_template("document.html", entry=entry, canonical=entry_path(entry, lang), **_related(cat, entry))
