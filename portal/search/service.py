"""Searching the live index: parse, rank, check exact phrases, page, and cut snippets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask import Flask
from whoosh.index import EmptyIndexError

from .. import urls
from ..content.catalog import LIBRARY_SECTIONS
from ..content.synonyms import synonym_table
from .analysis import ParsedQuery, QueryTerm, fold
from .documents import SECTION_NAMES, Part, SearchDoc, article_at, search_doc
from .engine import Filters, Scored, cited, order, phrase_bonus, query_scores
from .live import Generation, current_generation
from .patterns import SNIPPET, QueryPatterns, compile_query, excerpt, snippet
from .query import analyse_query, folded_synonyms, synonym_pattern


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
    also: list[str] = field(default_factory=list)  # the law's words also searched for (synonyms)
    cited: tuple[int, bool] | None = None  # (article number, whether the cited work has it) for a citation


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


def _phrases(doc: SearchDoc, patterns: QueryPatterns) -> tuple[bool, float]:
    """Whether a document has every quoted run, and its exact-run bonus.

    Runs are looked for chunk by chunk, as the browser search reads them: a quoted run in every chunk, an unquoted
    one in the first ``phrase_chunks``.
    """
    bonus = 0.0
    for term, pattern in patterns.phrases:
        chunks = doc.chunk_texts if term.quoted else doc.chunk_texts[: SNIPPET["phrase_chunks"]]
        in_heading, in_body = _contains(term, pattern, (doc.heading,)), _contains(term, pattern, chunks)
        if term.quoted and not (in_heading or in_body):
            return False, 0.0
        bonus += phrase_bonus(in_heading, in_body)
    return True, bonus


def _result(doc: SearchDoc, patterns: QueryPatterns, lang: str) -> Result:
    index, html, focus, found = excerpt(doc.chunk_texts, patterns)
    article = article_at(doc.chunks[index], focus) if found else None
    return _result_at(doc, article, html, lang)


def _result_at(doc: SearchDoc, article: Part | None, html: str, lang: str) -> Result:
    entry = doc.entry
    url = urls.article_path(entry, lang, article.anchor) if article else urls.entry_path(entry, lang)
    return Result(
        entry.title_for(lang), url, entry.section, html, entry.date.isoformat() if entry.date else None,
        entry.legal.level if entry.legal else None, article.label if article else None,
    )


def _cited_result(doc: SearchDoc, anchor: str, lang: str) -> tuple[Result, bool]:
    """The cited article as the first result (its text the snippet), or the document when it has no such article."""
    part = next((p for p in doc.parts if p.anchor == anchor), None)
    if part is None:
        return _result_at(doc, None, snippet(doc.chunk_texts[0], [])[0], lang), False
    return _result_at(doc, part, snippet(part.text, [])[0], lang), True


def _scores(generation: Generation, query: ParsedQuery, filters: Filters) -> tuple[Scored, int | None]:
    library = tuple(SECTION_NAMES.index(s) for s in LIBRARY_SECTIONS)
    with generation.searcher() as searcher:
        postings = lambda key: generation.postings(searcher, key)  # noqa: E731
        scored = query_scores(query, postings, generation.stats, filters)
        return scored, cited(query, postings, generation.stats, library)


def _synonyms(app: Flask) -> tuple[dict, object]:
    """The catalogue's synonym table, folded, and its expression (computed once per catalogue)."""
    catalog = app.extensions["portal.catalog"]
    cached = catalog.derived.get("search.synonyms")
    if cached is None:
        table = folded_synonyms(synonym_table(catalog.synonyms))
        cached = catalog.derived["search.synonyms"] = (table, synonym_pattern(table))
    return cached


def _kept(ordered: list[int], query: ParsedQuery, patterns: QueryPatterns, load: _Documents) -> list[int]:
    """The ordered candidates that hold every quoted run (all of them without a quoted term)."""
    if not any(t.quoted for t in query.terms) or not patterns.phrases:
        return ordered
    return [d for d in ordered if (doc := load(d)) is not None and _phrases(doc, patterns)[0]]


def _page(ids: list[int], scores: dict[int, float], patterns: QueryPatterns, load: _Documents, rows,
          sort: str) -> list[SearchDoc]:
    """One page of documents: the exact-run bonus is added within the page and the page re-ordered by it
    (the browser search ranks the page it shows exactly so)."""
    page = {d: scores[d] + (_phrases(doc, patterns)[1] if patterns.phrases else 0.0)
            for d in ids if (doc := load(d)) is not None}
    return [doc for d in order(page, rows, sort) if (doc := load(d)) is not None]


def search(app: Flask, raw: str, *, filters: Filters | None = None, sort: str = "relevance", page: int = 1,
           lang: str = "zh", page_size: int | None = None) -> Answer:
    """Search everything published; ``page`` counts from 1."""
    generation = current_generation(app)
    query = analyse_query(raw, generation.lexicon, *_synonyms(app))
    if query.error:
        return Answer(raw, query.error)
    try:
        scored, pinned = _scores(generation, query, filters or Filters())
    except (OSError, EmptyIndexError):  # swapped out and pruned meanwhile (two rebuilds in a row): once more
        generation = current_generation(app)
        scored, pinned = _scores(generation, query, filters or Filters())
    load = _Documents(app, generation)
    patterns = compile_query(query, generation.variants)
    scores = {d: s for d, s in scored.scores.items() if load.present[d]}
    kept = [d for d in _kept(order(scores, generation.rows, sort), query, patterns, load) if d != pinned]
    pinned_doc = load(pinned) if pinned is not None else None
    size = page_size or app.config["PAGE_SIZE"]
    extra = 1 if pinned_doc is not None else 0
    first = max(0, (page - 1) * size - extra)
    window = kept[first : page * size - extra]
    results = [_result(doc, patterns, lang) for doc in _page(window, scores, patterns, load, generation.rows, sort)]
    cited_found = None
    if pinned_doc is not None and page == 1:
        top, cited_found = _cited_result(pinned_doc, f"art-{query.citation[1]}", lang)
        results.insert(0, top)
    total = len(kept) + extra
    also = list(dict.fromkeys(a.meaning for a in query.also))
    return Answer(raw, None, total, page, -(-total // size), results, scored.partial,
                  fold(raw).strip(), [p.text for p in query.pieces if p.required], also,
                  None if cited_found is None else (query.citation[1], cited_found))


def date_label(value: str | None) -> dt.date | None:
    """A result's ISO date back as a date (templates format it)."""
    return dt.date.fromisoformat(value) if value else None
