"""Ranking, shared by the live search and (ported line for line) search.js.

A document matches when it contains every required index term of the query, in its body
or its heading.  Its score is BM25 over those terms plus a heading boost; a heading that
contains every term, and a multi-piece term found as one exact run (in the heading or the
body), add large bonuses, so title and exact-phrase matches rank above scattered ones.  When
no document contains every term of an unquoted multi-term query, documents containing some
of them are returned instead, most terms first, and the answer says so.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from math import floor

from .analysis import ParsedQuery

RANKING = {
    "k1": 1.2, "b": 0.75, "heading": 2.0, "all_heading": 40.0, "phrase": 12.0, "phrase_heading": 20.0,
    "coverage": 100.0, "phrase_limit": 200,
}
SORTS = ("relevance", "date")


def quantize_length(chars: int) -> int:
    """A document length in one byte (as BM25 needs it), in both indexes."""
    return min(255, round(16 * math.log2(1 + chars / 32)))


def length_of(code: int) -> float:
    """Inverse of :func:`quantize_length`."""
    return 32 * (2 ** (code / 16) - 1)


@dataclass(frozen=True)
class DocRow:
    """Per-document numbers both indexes keep: length code, date code, section, level, fields."""

    key: str
    length: int
    date: int
    section: int
    level: int
    fields: int


@dataclass(frozen=True)
class Filters:
    """Restrictions chosen on the search page: a section index, a level code and a field bit (or None)."""

    sections: tuple[int, ...] = ()
    level: int | None = None
    field_bit: int | None = None

    def allows(self, row: DocRow) -> bool:
        """Whether a document passes every chosen filter."""
        if self.sections and row.section not in self.sections:
            return False
        if self.level is not None and row.level != self.level:
            return False
        return self.field_bit is None or bool(row.fields & self.field_bit)


@dataclass
class TermPostings:
    """Documents containing one index term: body term frequencies, and documents whose heading has it."""

    body: dict[int, int] = field(default_factory=dict)
    heading: set[int] = field(default_factory=set)


@dataclass
class Scored:
    """Base scores of the matching documents, and whether only some terms matched."""

    scores: dict[int, float]
    partial: bool


class Stats:
    """Per-index numbers computed once: BM25 length norms of every document, and filter masks."""

    def __init__(self, rows: list[DocRow]) -> None:
        self.rows = rows
        self.count = sum(1 for r in rows if r.key)  # rows without a key stand for re-indexed or removed documents
        k1, b = RANKING["k1"], RANKING["b"]
        avg = sum(length_of(r.length) for r in rows if r.key) / self.count if self.count else 1.0
        self.norms = [k1 * (1 - b + b * length_of(r.length) / avg) for r in rows]
        self._masks: dict[Filters, list[bool] | None] = {}

    def allowed(self, filters: Filters) -> list[bool] | None:
        """Which documents pass ``filters`` (None: all of them)."""
        if filters not in self._masks:
            everything = filters == Filters()
            self._masks[filters] = None if everything else [filters.allows(r) for r in self.rows]
        return self._masks[filters]


def base_scores(query: ParsedQuery, postings: Callable[[str], TermPostings], stats: Stats,
                filters: Filters) -> Scored:
    """BM25 + heading boost over the required terms; every term required, else the partial fallback."""
    keys = query.required_keys
    n, norms, allowed = stats.count, stats.norms, stats.allowed(filters)
    k1 = RANKING["k1"]
    scores: dict[int, float] = {}
    matched: dict[int, int] = {}
    in_heading: dict[int, int] = {}
    for bit, key in enumerate(keys):
        found = postings(key)
        df = len(found.body.keys() | found.heading)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        for doc, tf in found.body.items():
            if allowed is None or allowed[doc]:
                scores[doc] = scores.get(doc, 0.0) + idf * tf * (k1 + 1) / (tf + norms[doc])
                matched[doc] = matched.get(doc, 0) | 1 << bit
        for doc in sorted(found.heading):
            if allowed is None or allowed[doc]:
                scores[doc] = scores.get(doc, 0.0) + idf * RANKING["heading"]
                in_heading[doc] = in_heading.get(doc, 0) + 1
                matched[doc] = matched.get(doc, 0) | 1 << bit
    every = (1 << len(keys)) - 1
    full = {d: s + (RANKING["all_heading"] if in_heading.get(d) == len(keys) else 0.0)
            for d, s in scores.items() if matched[d] == every}
    pieces = [p for p in query.pieces if p.required]
    if full or len(pieces) < 2 or any(t.quoted for t in query.terms):
        return Scored(full, False)
    masks = [sum(1 << keys.index(k) for k in p.keys) for p in pieces]
    partial = {}
    for doc, score in scores.items():
        covered = sum(1 for mask in masks if matched[doc] & mask == mask)
        if covered:
            partial[doc] = score + RANKING["coverage"] * covered
    return Scored(partial, bool(partial))


def order(scores: dict[int, float], rows: list[DocRow], sort: str, limit: int | None = None) -> list[int]:
    """Documents by relevance (score, then newest) or by date (newest, then score); ties by id.

    Scores are compared in millionths (as search.js does), so last-digit float noise never
    decides an order.  With ``limit``, only that many first documents (a heap instead of a full sort).
    """
    if sort == "date":
        keyed = [(-rows[d].date, -floor(s * 1e6 + 0.5), d) for d, s in scores.items()]
    else:
        keyed = [(-floor(s * 1e6 + 0.5), -rows[d].date, d) for d, s in scores.items()]
    chosen = heapq.nsmallest(limit, keyed) if limit is not None and limit < len(keyed) else sorted(keyed)
    return [k[2] for k in chosen]


def phrase_bonus(in_heading: bool, in_body: bool) -> float:
    """Bonus of one multi-piece term found as an exact run."""
    return (RANKING["phrase_heading"] if in_heading else 0.0) + (RANKING["phrase"] if in_body else 0.0)
