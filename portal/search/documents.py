"""What gets indexed: every published entry, as a heading, a body text and its articles."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from ..content import Catalog, Entry
from ..content.render import plain_text
from ..content.schema import IP_FIELDS, LEVELS, SECTIONS

SECTION_NAMES = tuple(SECTIONS)
_ARTICLE_DIV = re.compile(r'<div class="article" id="([^"]+)"[^>]*>.*?</div>', re.S)
_BLANK_LINES = re.compile(r"[ \t]*\n[ \t\n]*")
EPOCH = dt.date(1900, 1, 1)
CHUNK_CHARS = 3000


@dataclass(frozen=True)
class Part:
    """A stretch of a body text: an article (anchor and label set) or the text between articles."""

    anchor: str
    label: str
    text: str


@dataclass(frozen=True)
class SearchDoc:
    """One searchable document: the entry, its heading (title + document number) and its body parts."""

    key: str
    entry: Entry
    heading: str
    parts: tuple[Part, ...]

    @cached_property
    def text(self) -> str:
        """The body text: the parts joined by newlines."""
        return joined(self.parts)

    @cached_property
    def chunks(self) -> tuple[tuple[Part, ...], ...]:
        """The parts in groups of about CHUNK_CHARS characters (the browser search downloads them one by one)."""
        out: list[tuple[Part, ...]] = []
        current: list[Part] = []
        size = 0
        for part in self.parts:
            if current and size + len(part.text) > CHUNK_CHARS:
                out.append(tuple(current))
                current, size = [], 0
            current.append(part)
            size += len(part.text) + 1
        return (*out, tuple(current)) if current else tuple(out)

    @cached_property
    def chunk_texts(self) -> tuple[str, ...]:
        """The text of each chunk."""
        return tuple(joined(c) for c in self.chunks)


def joined(parts: tuple[Part, ...]) -> str:
    """The text of consecutive parts (one newline between them)."""
    return "\n".join(p.text for p in parts)


def article_at(parts: tuple[Part, ...], offset: int) -> Part | None:
    """The article that holds character ``offset`` of ``joined(parts)``, if any."""
    start = 0
    for part in parts:
        end = start + len(part.text)
        if start <= offset < end + 1:
            return part if part.anchor else None
        start = end + 1
    return None


def doc_key(entry: Entry) -> str:
    """Stable key of an entry in the index."""
    return f"{entry.section}/{entry.slug}"


def _clean(text: str) -> str:
    return _BLANK_LINES.sub("\n", text).strip()


def _legal_parts(entry: Entry) -> list[Part]:
    by_anchor = {a.anchor: a for a in entry.articles}
    parts: list[Part] = []
    last = 0
    for match in _ARTICLE_DIV.finditer(entry.html):
        parts.append(Part("", "", _clean(plain_text(entry.html[last : match.start()]))))
        article = by_anchor.get(match.group(1))
        if article is not None:
            parts.append(Part(article.anchor, article.label, article.text))
        else:
            parts.append(Part("", "", _clean(plain_text(match.group(0)))))
        last = match.end()
    parts.append(Part("", "", _clean(plain_text(entry.html[last:]))))
    return parts


_CACHE: dict[int, tuple[Entry, SearchDoc]] = {}


def search_doc(entry: Entry) -> SearchDoc:
    """The searchable form of ``entry`` (cached by identity: hashing an entry hashes all its articles)."""
    cached = _CACHE.get(id(entry))
    if cached is not None and cached[0] is entry:
        return cached[1]
    if len(_CACHE) > 20000:
        _CACHE.clear()
    doc = _search_doc(entry)
    _CACHE[id(entry)] = (entry, doc)
    return doc


def _search_doc(entry: Entry) -> SearchDoc:
    parts = _legal_parts(entry) if entry.articles else [Part("", "", _clean(entry.text))]
    if entry.summary and entry.summary not in entry.text:
        parts.insert(0, Part("", "", entry.summary.strip()))
    parts += _english_parts(entry)
    parts = [p for p in parts if p.text]
    heading = entry.title
    if entry.translation and entry.translation.title != entry.title:
        heading = f"{heading} {entry.translation.title}"
    number = entry.legal.doc_number if entry.legal else None
    if number and number not in heading:
        heading = f"{heading} {number}"
    return SearchDoc(doc_key(entry), entry, heading, tuple(parts) or (Part("", "", ""),))


def _english_parts(entry: Entry) -> list[Part]:
    """The team's English version, after the Chinese text: English words find the entry in both languages."""
    if entry.translation is None:
        return []
    summary = entry.translation.summary or ""
    return [Part("", "", summary.strip()), Part("", "", _clean(plain_text(entry.translation.html)))]


def searchable(entry: Entry) -> bool:
    """Whether an entry goes into the search indexes: campaign events do not (they are short-lived
    and reached through their campaign year's page, which is indexed)."""
    return entry.section != "events"


def search_documents(catalog: Catalog, moment: dt.datetime) -> list[SearchDoc]:
    """Every published, :func:`searchable` entry (no drafts, nothing scheduled), in a stable order."""
    entries = sorted(filter(searchable, catalog.all_visible(moment)), key=doc_key)
    return [search_doc(e) for e in entries]


def date_code(day: dt.date | None) -> int:
    """Days since 1900-01-01 (0 when the date is unknown), as stored in both indexes."""
    return (day - EPOCH).days + 1 if day and day > EPOCH else 0


def level_code(entry: Entry) -> int:
    """Index of the entry's 效力级别 in LEVELS, plus one (0 when none is stated)."""
    level = entry.legal.level if entry.legal else None
    return LEVELS.index(level) + 1 if level in LEVELS else 0


def fields_code(entry: Entry) -> int:
    """The entry's IP fields as a bit mask over IP_FIELDS."""
    return sum(1 << IP_FIELDS.index(f) for f in entry.ip_fields if f in IP_FIELDS)
