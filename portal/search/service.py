"""Searching the live index: parse, rank, check exact phrases, page, and cut snippets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask import Flask
from whoosh.index import EmptyIndexError

from .. import urls
from .analysis import ParsedQuery, QueryTerm, fold, parse_query
from .documents import SearchDoc, article_at, search_doc
from .engine import RANKING, Filters, Scored, base_scores, order, phrase_bonus
from .live import Generation, current_generation
from .patterns import SNIPPET, QueryPatterns, compile_query, excerpt


@dataclass(frozen=True)
class Result:
    """One hit as the page and the API show it."""

    title: str
    url: str
    section: str
    snippet: str
    date: str | None
    level: str | None
    article: str | None


@dataclass(frozen=True)
class Answer:
    """A page of results, or the reason there are none."""

    query: str
    error: str | None = None
    total: int = 0
    page: int = 1
    pages: int = 0
    results: list[Result] = field(default_factory=list)
    partial: bool = False
    searched_as: str = ""
    pieces: list[str] = field(default_factory=list)


class _Documents:
    """The catalogue's entries behind index rows (an index row whose entry is gone is skipped)."""

    def __init__(self, app: Flask, generation: Generation) -> None:
        self.catalog = app.extensions["portal.catalog"]
        self.rows = generation.rows
        self.present = generation.present(self.catalog)

    def __call__(self, doc: int) -> SearchDoc | None:
        if not self.present[doc]:
            return None
        return search_doc(self.catalog.get(*self.rows[doc].key.split("/", 1)))


def _contains(term: QueryTerm, pattern, texts: tuple[str, ...]) -> bool:
    """Exact-run test on each text: for one Chinese run a plain substring test first (cheap), else the
    folding-aware expression."""
    plain = len(term.runs) == 1 and term.runs[0][0] == "c"
    return any((plain and term.runs[0][1] in text) or pattern.search(text) for text in texts)


def _with_phrases(ids: list[int], scores: dict[int, float], query: ParsedQuery, patterns: QueryPatterns,
                  load: _Documents) -> dict[int, float]:
    """Exact-run bonuses for the best candidates (all of them when a term is quoted: then the run is required).

    Runs are looked for chunk by chunk, as search.js reads them: a quoted run in every chunk, an unquoted
    one in the first ``phrase_chunks``.
    """
    out = dict(scores)
    for doc_id in ids:
        doc = load(doc_id)
        if doc is None:
            continue
        for term, pattern in patterns.phrases:
            chunks = doc.chunk_texts if term.quoted else doc.chunk_texts[: SNIPPET["phrase_chunks"]]
            in_heading, in_body = _contains(term, pattern, (doc.heading,)), _contains(term, pattern, chunks)
            if term.quoted and not (in_heading or in_body):
                out.pop(doc_id, None)
                break
            out[doc_id] += phrase_bonus(in_heading, in_body)
    return out


def _result(doc: SearchDoc, patterns: QueryPatterns, lang: str) -> Result:
    entry = doc.entry
    index, html, focus, found = excerpt(doc.chunk_texts, patterns)
    article = article_at(doc.chunks[index], focus) if found else None
    url = urls.article_path(entry, lang, article.anchor) if article else urls.entry_path(entry, lang)
    return Result(
        entry.title_for(lang), url, entry.section, html, entry.date.isoformat() if entry.date else None,
        entry.legal.level if entry.legal else None, article.label if article else None,
    )


def _scores(generation: Generation, query: ParsedQuery, filters: Filters) -> Scored:
    with generation.searcher() as searcher:
        return base_scores(query, lambda key: generation.postings(searcher, key), generation.stats, filters)


def search(app: Flask, raw: str, *, filters: Filters | None = None, sort: str = "relevance", page: int = 1,
           lang: str = "zh", page_size: int | None = None) -> Answer:
    """Search everything published; ``page`` counts from 1."""
    generation = current_generation(app)
    query = parse_query(raw, generation.lexicon)
    if query.error:
        return Answer(raw, query.error)
    try:
        scored = _scores(generation, query, filters or Filters())
    except (OSError, EmptyIndexError):  # swapped out and pruned meanwhile (two rebuilds in a row): once more
        generation = current_generation(app)
        scored = _scores(generation, query, filters or Filters())
    load = _Documents(app, generation)
    patterns = compile_query(query, generation.variants)
    scores = scored.scores
    if patterns.phrases:
        quoted = any(t.quoted for t in query.terms)
        checked = order(scores, generation.rows, "relevance", None if quoted else RANKING["phrase_limit"])
        scores = _with_phrases(checked, scores, query, patterns, load)
    scores = {d: s for d, s in scores.items() if load.present[d]}
    size = page_size or app.config["PAGE_SIZE"]
    shown = order(scores, generation.rows, sort, page * size)[(page - 1) * size :]
    results = [_result(doc, patterns, lang) for d in shown if (doc := load(d)) is not None]
    return Answer(raw, None, len(scores), page, -(-len(scores) // size), results, scored.partial,
                  fold(raw).strip(), [p.text for p in query.pieces if p.required])


def date_label(value: str | None) -> dt.date | None:
    """A result's ISO date back as a date (templates format it)."""
    return dt.date.fromisoformat(value) if value else None
