"""Version comparison pages: the articles of two versions of one work, aligned by their text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from flask import Blueprint, abort, render_template
from flask_babel import lazy_gettext

from .. import urls
from ..content.catalog import LIBRARY_SECTIONS, Catalog
from ..content.compare import Comparison, compare_articles, paragraphs
from ..content.model import Entry
from ..settings import LANGUAGES
from .common import catalog, now, show_drafts

bp = Blueprint("compare", __name__)
# What each kind of pair is called on the page.
KIND_LABELS = {
    "unchanged": lazy_gettext("未修改"),
    "changed": lazy_gettext("内容修改"),
    "renumbered": lazy_gettext("仅条号变化"),
    "renumbered_changed": lazy_gettext("条号与内容均变化"),
    "added": lazy_gettext("新增条文"),
    "deleted": lazy_gettext("删除条文"),
}


def _date(entry: Entry) -> dt.date:
    return entry.date or dt.date.min


def work_pairs(versions: tuple[Entry, ...]) -> list[tuple[Entry, Entry]]:
    """The (older, newer) pairs of a work that have a page: each version with the next and with the newest.

    Only versions with articles take part (there is nothing to align in a text without 第N条).
    """
    ordered = sorted((v for v in versions if v.articles), key=_date)
    pairs = list(zip(ordered, ordered[1:], strict=False))
    pairs += [(older, ordered[-1]) for older in ordered[:-2]]
    return pairs


def _visible_versions(cat: Catalog, entry: Entry, moment: dt.datetime, drafts: bool) -> tuple[Entry, ...]:
    return tuple(v for v in cat.versions.get(entry.key, ()) if v.is_visible(moment, drafts))


def pairs_of(cat: Catalog, entry: Entry, moment: dt.datetime, drafts: bool = False) -> list[tuple[Entry, Entry]]:
    """The comparison pages ``entry``'s work has (visible versions only)."""
    return work_pairs(_visible_versions(cat, entry, moment, drafts))


def comparison(cat: Catalog, old: Entry, new: Entry) -> Comparison:
    """The comparison of two versions, computed once per catalogue."""
    cache = cat.derived.setdefault("compare", {})
    key = (old.key, new.key)
    if key not in cache:
        cache[key] = compare_articles(old.articles, new.articles)
    return cache[key]


def page_urls(cat: Catalog, moment: dt.datetime) -> Iterator[tuple[str, dict]]:
    """Every comparison page in every language, for the frozen build."""
    seen: set[tuple] = set()
    for entry in cat.in_sections(LIBRARY_SECTIONS, moment):
        for old, new in pairs_of(cat, entry, moment):
            if (old.key, new.key) in seen:
                continue
            seen.add((old.key, new.key))
            for lang in LANGUAGES:
                yield "compare.page", {"lang": lang, "old": old.slug, "new": new.slug}


@bp.app_template_global()
def compare_links(entry: Entry) -> list[tuple[Entry, Entry, Entry]]:
    """For a document page: (other version, older, newer) of each comparison that includes ``entry``."""
    pairs = pairs_of(catalog(), entry, now(), show_drafts())
    return [(new if old.key == entry.key else old, old, new) for old, new in pairs if entry.key in (old.key, new.key)]


@bp.app_template_global()
def compare_url(lang: str, old: Entry, new: Entry) -> str:
    """The comparison page of ``old`` → ``new`` (see :func:`portal.urls.compare_path`)."""
    return urls.compare_path(lang, old, new)


@bp.route("/<lang:lang>/library/compare/<slug:old>/<slug:new>/")
def page(lang: str, old: str, new: str):
    """The aligned articles of an older and a newer version of one work, with a summary."""
    cat, moment, drafts = catalog(), now(), show_drafts()
    older, newer = cat.library_entry(old), cat.library_entry(new)
    if older is None or newer is None:
        abort(404)
    pairs = pairs_of(cat, newer, moment, drafts)
    here = (older.key, newer.key)
    if here not in {(a.key, b.key) for a, b in pairs}:
        abort(404)
    result = comparison(cat, older, newer)
    return render_template(
        "compare.html",
        old=older,
        new=newer,
        result=result,
        counts=result.counts(),
        kind_labels=KIND_LABELS,
        paragraphs=paragraphs,
        other_pairs=[(a, b) for a, b in pairs if (a.key, b.key) != here],
    )
