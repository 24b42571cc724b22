"""Resolve a cited document name and article to an entry of the catalogue and an anchor.

:func:`resolve_citation` is the one resolver: pages use it for links, and it takes a plain
name (《中华人民共和国专利法》, 专利法, 商标法实施条例) so a search query can use it too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..content.catalog import LIBRARY_SECTIONS, Catalog, work_key
from ..content.legal import article_anchor
from ..content.model import Entry
from ..messages import _

NATIONAL_PREFIX = "中华人民共和国"


@dataclass(frozen=True)
class CitationTarget:
    """Where a citation leads: an entry and an article anchor (None: the document as a whole)."""

    entry: Entry
    anchor: str | None
    reason: str | None = None  # why the article could not be linked, when it could not


def short_name(title: str) -> str:
    """The name a law is cited by without 《》: its title without 中华人民共和国."""
    key = work_key(title)
    return key.removeprefix(NATIONAL_PREFIX)


def name_index(catalog: Catalog) -> dict[str, list[Entry]]:
    """Every library entry by its full and short names (versions of one work share a name)."""
    cached = catalog.derived.get("citation_names")
    if cached is None:
        cached = {}
        for entry in catalog.entries.values():
            if entry.section in LIBRARY_SECTIONS:
                for name in {work_key(entry.title), short_name(entry.title)}:
                    cached.setdefault(name, []).append(entry)
        catalog.derived["citation_names"] = cached
    return cached


def _start(entry: Entry) -> dt.date:
    legal = entry.legal
    return (legal and (legal.version_date or legal.published)) or entry.date or dt.date.min


def version_in_force(versions: list[Entry], on: dt.date | None) -> Entry | None:
    """The newest version dated on or before ``on`` (the newest of all when ``on`` is None)."""
    ordered = sorted(versions, key=_start, reverse=True)
    if on is None:
        return ordered[0]
    return next((v for v in ordered if _start(v) <= on), None)


def resolve_citation(
    catalog: Catalog, name: str, article: tuple[int, int | None] | None = None, on: dt.date | None = None
) -> CitationTarget | None:
    """The entry and anchor that ``name`` (a title or short name) and ``article`` cite at date ``on``.

    None when no document of that name is in the catalogue. When the version in force at ``on`` is
    not in the catalogue, or lacks the article, the target is the document without an anchor and
    ``reason`` says why: an article number of another version is never linked.
    """
    key = work_key(name.strip("《》"))
    versions = name_index(catalog).get(key) or name_index(catalog).get(key.removeprefix(NATIONAL_PREFIX))
    if not versions:
        return None
    entry = version_in_force(versions, on)
    if entry is None:
        newest = version_in_force(versions, None)
        return CitationTarget(newest, None, _("引用时施行的版本不在法规库中") if article else None)
    return article_target(entry, article)


def article_target(entry: Entry, article: tuple[int, int | None] | None) -> CitationTarget:
    """``entry`` with the anchor of ``article`` when it has that article."""
    if article is None:
        return CitationTarget(entry, None)
    anchor = article_anchor(*article)
    if any(a.anchor == anchor for a in entry.articles):
        return CitationTarget(entry, anchor)
    return CitationTarget(entry, None, _("该文件没有 %(anchor)s 这一条", anchor=anchor))
