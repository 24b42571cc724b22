"""One pass over the published documents, shared by the live and the static index builders."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import compress

from flask import Flask

from ..content.model import Entry
from .analysis import ANALYSIS_VERSION, Lexicon, document_terms
from .documents import (
    SECTION_NAMES,
    SearchDoc,
    date_code,
    doc_key,
    fields_code,
    level_code,
    search_documents,
    searchable,
)
from .engine import DocRow, quantize_length
from .known import short_title_length, title_keys
from .lexicon import build_lexicon, segmenter
from .pinyin import pinyin_table
from .tables import fold_table, variants

_ONE = 1


@dataclass
class AnalysedDoc:
    """A document with its id, its numbers and the term counts of its heading and body."""

    doc_id: int
    doc: SearchDoc
    row: DocRow
    heading: Counter
    body: Counter
    heading_words: set[str] = field(default_factory=set)  # dictionary words (2+ characters) of the heading
    body_words: set[str] = field(default_factory=set)  # and of the body
    raw: set[str] = field(default_factory=set)  # the characters of both, as written


@dataclass
class Vocabulary:
    """What the whole corpus uses: dictionary words, one-character terms and raw characters."""

    words: set[str] = field(default_factory=set)
    chars: set[str] = field(default_factory=set)
    raw: set[str] = field(default_factory=set)
    title_words: Counter = field(default_factory=Counter)  # dictionary words of headings: for pinyin

    def add(self, heading: Collection[str], heading_words: Collection[str], body: Collection[str],
            body_words: Iterable[str], raw: Iterable[str]) -> None:
        """Add one document: its heading and body terms, the dictionary words of each, its raw characters."""
        self.words.update(heading_words, body_words)
        self.title_words.update(heading_words)
        self.chars.update(compress(body, map(_ONE.__eq__, map(len, body))))  # the one-character terms
        self.chars.update(compress(heading, map(_ONE.__eq__, map(len, heading))))
        self.raw.update(raw)

    def lexicon(self) -> Lexicon:
        """The query segmenter's dictionary for this corpus, with the pinyin of its title words."""
        return replace(build_lexicon(self.words, self.chars), pinyin=pinyin_table(self.title_words))

    def fold_table(self) -> dict[str, str]:
        """The folding table exported with the index."""
        return fold_table(self.raw)

    def variants(self) -> dict[str, str]:
        """Raw characters per folded character, for matching texts as written."""
        return variants(self.fold_table(), self.raw)


def published(app: Flask) -> list[SearchDoc]:
    """The documents to index: what the site publishes now (drafts never)."""
    from ..views.common import now

    with app.app_context():
        return search_documents(app.extensions["portal.catalog"], now())


def row_of(doc: SearchDoc) -> DocRow:
    """The numbers of a document that ranking and filters need."""
    entry = doc.entry
    section = SECTION_NAMES.index(entry.section) if entry.section in SECTION_NAMES else 0
    return DocRow(doc.key, quantize_length(len(doc.text)), date_code(entry.date), section, level_code(entry),
                  fields_code(entry), min(255, short_title_length(entry.title)))


def analyse(docs: list[SearchDoc], vocabulary: Vocabulary) -> Iterator[AnalysedDoc]:
    """Term counts of each document, in order; fills ``vocabulary`` as it goes."""
    seg = segmenter()
    for doc_id, doc in enumerate(docs):
        heading, heading_words = document_terms(doc.heading, seg)
        heading.update(title_keys(doc.entry.title, doc.entry.legal.doc_number if doc.entry.legal else None))
        text = doc.text
        body, body_words = document_terms(text, seg)
        raw = set(text) | set(doc.heading)
        vocabulary.add(heading, heading_words, body, body_words, raw)
        yield AnalysedDoc(doc_id, doc, row_of(doc), heading, body, heading_words, body_words, raw)


def _entry_digest(entry: Entry) -> str:
    legal = entry.legal
    parts = (doc_key(entry), entry.title, str(entry.date), entry.summary or "", ",".join(entry.ip_fields),
             legal.level or "" if legal else "", legal.doc_number or "" if legal else "", str(entry.translation
             and entry.translation.title), entry.title_en or "", str(zlib.crc32(entry.html.encode("utf-8"))),
             str(zlib.crc32(entry.translation.html.encode("utf-8")) if entry.translation else ""),
             str(entry.translation and entry.translation.summary))  # indexed before the English text
    return "\x1f".join(parts)


_DIGESTS: dict[int, tuple[Entry, str]] = {}


def entry_digest(entry: Entry) -> str:
    """A short hash of what the index holds of ``entry``: it changes exactly when the entry must be re-indexed.

    Remembered per entry object (entries are immutable; a reload re-creates only the changed ones).
    """
    cached = _DIGESTS.get(id(entry))
    if cached is not None and cached[0] is entry:
        return cached[1]
    if len(_DIGESTS) > 50000:
        _DIGESTS.clear()
    digest = hashlib.blake2b(_entry_digest(entry).encode("utf-8"), digest_size=8).hexdigest()
    _DIGESTS[id(entry)] = (entry, digest)
    return digest


def current_digests(app: Flask) -> dict[str, str]:
    """Index key → :func:`entry_digest` of every entry the site publishes now."""
    from ..views.common import now

    with app.app_context():
        entries = filter(searchable, app.extensions["portal.catalog"].all_visible(now()))
    return {doc_key(e): entry_digest(e) for e in entries}


def fingerprint_of(digests: dict[str, str]) -> str:
    """Identity of a set of indexed documents (and of the analysis that indexed them)."""
    digest = hashlib.sha256(json.dumps([ANALYSIS_VERSION, 2]).encode())
    for key in sorted(digests):
        digest.update(f"{key}\x1f{digests[key]}\x1e".encode())
    return digest.hexdigest()[:32]


def fingerprint(app: Flask) -> str:
    """Identity of what would be indexed now: changes when content, visibility or the analysis change."""
    return fingerprint_of(current_digests(app))
