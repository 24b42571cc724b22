"""Ranking, shared by the live search and (ported line for line) the browser search.

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

from .analysis import Alternative, ParsedQuery

# all_heading: a heading with every term, plus title_cover × the share of the title the query covers;
# typed: documents with the words typed, above those found only through a synonym (× expanded);
# known: a document the whole query names (its title, short title or 文号), half for its older versions.
RANKING = {
    "k1": 1.2, "b": 0.75, "heading": 2.0, "all_heading": 40.0, "title_cover": 60.0, "phrase": 12.0,
    "phrase_heading": 20.0, "coverage": 100.0, "typed": 1000.0, "expanded": 0.5, "known": 2000.0,
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
    title: int = 0  # characters of the short title (letters, digits, Chinese), at most 255


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


def _title_cover(query: ParsedQuery | Alternative, row: DocRow) -> float:
    """The share of a document's title that the query's required pieces cover (0 … 1)."""
    chars = {c for p in query.pieces if p.required for c in p.text}
    return min(1.0, len(chars) / row.title) if row.title else 0.0


def base_scores(query: ParsedQuery | Alternative, postings: Callable[[str], TermPostings], stats: Stats,
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
    heading_bonus = RANKING["all_heading"], RANKING["title_cover"]
    full = {d: s + (heading_bonus[0] + heading_bonus[1] * _title_cover(query, stats.rows[d])
                    if in_heading.get(d) == len(keys) else 0.0)
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


def query_scores(query: ParsedQuery, postings: Callable[[str], TermPostings], stats: Stats,
                 filters: Filters) -> Scored:
    """Scores of the query and of its synonym alternatives, merged, plus the known-item bonus.

    Documents with the words typed keep their own score plus ``typed``; documents found only through
    an alternative get ``expanded`` × its score.  Partial matches count only when nothing matches fully.
    """
    main = base_scores(query, postings, stats, filters)
    alternatives = [base_scores(a, postings, stats, filters) for a in query.also]
    found = [a.scores for a in alternatives if a.scores and not a.partial]
    if found and (main.partial or not main.scores):
        main = Scored({}, False)
    merged = {d: s + (RANKING["typed"] if found else 0.0) for d, s in main.scores.items()}
    for scores in found:
        for doc, score in scores.items():
            if doc not in main.scores:
                merged[doc] = max(merged.get(doc, 0.0), score * RANKING["expanded"])
    _add_known(merged, query, postings, stats, filters)
    return Scored(merged, main.partial and not found)


def _add_known(scores: dict[int, float], query: ParsedQuery, postings: Callable[[str], TermPostings],
               stats: Stats, filters: Filters) -> None:
    """The known-item bonus for the documents the whole query names (the newest version in full)."""
    allowed = stats.allowed(filters)
    for key in query.known:
        docs = [d for d in sorted(postings(key).heading) if d in scores and (allowed is None or allowed[d])]
        if not docs:
            continue
        newest = max(docs, key=lambda d: (stats.rows[d].date, -d))
        for doc in docs:
            scores[doc] += RANKING["known"] if doc == newest else RANKING["known"] / 2


def cited(query: ParsedQuery, postings: Callable[[str], TermPostings], stats: Stats,
          library: tuple[int, ...]) -> int | None:
    """The newest library document whose title or short title is the work a citation query names."""
    if not query.citation:
        return None
    docs = [d for d in sorted(postings(query.citation[0]).heading) if stats.rows[d].section in library
            and stats.rows[d].key]
    return max(docs, key=lambda d: (stats.rows[d].date, -d)) if docs else None


def order(scores: dict[int, float], rows: list[DocRow], sort: str, limit: int | None = None) -> list[int]:
    """Documents by relevance (score, then newest) or by date (newest, then score); ties by id.

    Scores are compared in millionths (as the browser search does), so last-digit float noise never
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
