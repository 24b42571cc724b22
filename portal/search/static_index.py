"""The static search index, written into the frozen site for static/js/search/.

Layout under ``static/search-index/`` (every file gzip-compressed JSON, except docs.bin.gz):

- ``manifest.json.gz``: version, counts, the folding table, ranking and snippet constants;
- ``docs.bin.gz``: per document length code (u8), date code (u16), section, level, fields (u8 each);
- ``lex/N.json.gz``: the query dictionary, sharded by the hash of a word's first character;
- ``py/N.json.gz``: the pinyin of title words ({pinyin: word}), sharded by the hash of the pinyin;
- ``post/N.json.gz``: postings, sharded by the hash of the term: {term: [doc gaps, tfs, heading doc gaps]};
- ``frag/ID.json.gz``: one per document: title, URLs, date, section, level and the first chunk of text
  (about 3,000 characters, in parts: articles and the text between them); ``frag/ID-N.json.gz``: chunk N.

A query downloads the manifest, the docs table, one dictionary shard per distinct character,
one postings shard per term and one fragment per result shown (plus further chunks of a result only
when its first chunk has no match).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import struct
import time
from dataclasses import dataclass
from itertools import chain
from operator import sub
from pathlib import Path

from flask import Flask

from .. import urls
from ..content.catalog import LIBRARY_SECTIONS
from ..content.schema import IP_FIELDS, LEVELS
from ..content.synonyms import synonym_table
from ..settings import LANGUAGES
from .analysis import ANALYSIS_VERSION, CJK_RANGES, MAX_QUERY_CHARS, QUESTION_WORDS, REMOVED, STOP_CHARS, Lexicon
from .corpus import Vocabulary
from .documents import SECTION_NAMES, SearchDoc
from .engine import RANKING, DocRow
from .english import KEEP_ENDINGS, QUESTION_WORDS_EN, STEM_RULES
from .known import NUMBER_MARK, TITLE_MARK
from .patterns import BOUNDARY, SNIPPET
from .pinyin import MIN_LETTERS as PINYIN_MIN_LETTERS
from .postings import Postings
from .query import MAX_ALTERNATIVES, folded_synonyms
from .shared import analysed

INDEX_FOLDER = "search-index"
FORMAT = 2
POSTINGS_PER_SHARD = 6000
WORDS_PER_SHARD = 250
PINYIN_PER_SHARD = 400
# Level 9 takes 3× the time of 6 over the postings shards for 1.4 % fewer bytes (fragments: the same size).
GZIP_LEVEL = 6
_XFL = gzip.compress(b"", compresslevel=GZIP_LEVEL, mtime=0)[8:9]


@dataclass(frozen=True)
class StaticReport:
    """What :func:`write_static_index` wrote."""

    folder: Path
    documents: int
    files: int
    bytes: int
    seconds: float


def index_url(app: Flask) -> str:
    """Where the frozen site serves the static index (the browser search reads it from there)."""
    return f"{app.static_url_path.rstrip('/')}/{INDEX_FOLDER}/"


def register_hook(live_only: tuple[str, ...] = ()) -> None:
    """Make every frozen build write the static index, and not freeze ``live_only`` endpoints (idempotent)."""
    from ..freeze import LIVE_ONLY_ENDPOINTS, POST_BUILD_HOOKS

    if write_static_index not in POST_BUILD_HOOKS:
        POST_BUILD_HOOKS.append(write_static_index)
    LIVE_ONLY_ENDPOINTS.update(live_only)


def shard_of(text: str, count: int) -> int:
    """FNV-1a over the code points of ``text``, modulo ``count`` (the browser search computes the same)."""
    value = 0x811C9DC5
    for char in text:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value % count


def _shards(items: int, per_shard: int) -> int:
    count = 1
    while count * per_shard < items and count < 4096:
        count *= 2
    return count


# (folder being written, the same folder in the previous build) while write_static_index runs.
_REUSE: list[tuple[Path, Path]] = []


def _previous_copy(path: Path, data: bytes) -> Path | None:
    """The previous build's file for ``path`` when it holds exactly ``data`` compressed as we would.

    The gzip header's XFL byte tells level 9 (2) from the levels between 2 and 8 (0): a file of a build
    made before GZIP_LEVEL changed is compressed again, so a rebuild stays a cold build byte for byte.
    """
    if not _REUSE:
        return None
    out, previous = _REUSE[-1]
    old = previous / path.relative_to(out)
    try:
        packed = old.read_bytes()
        same = packed[8:9] == _XFL and gzip.decompress(packed) == data
    except (OSError, ValueError, EOFError):
        return None
    return old if same else None


def _write(path: Path, data: bytes) -> int:
    """Write ``data`` gzipped; an unchanged file is hard-linked from the previous build, not recompressed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    old = _previous_copy(path, data)
    if old is not None:
        try:
            os.link(old, path)
            return old.stat().st_size
        except OSError:
            pass
    packed = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
    path.write_bytes(packed)
    return len(packed)


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _gaps(ids) -> list[int]:
    """Differences between consecutive ids, the first from 0."""
    return list(map(sub, ids, chain((0,), ids)))


def _entry(postings: Postings, term: str) -> list:
    """[doc gaps, tfs (empty when all are 1), heading doc gaps] of one term."""
    ids, tfs = postings.body.get(term, ((), ()))
    heading = postings.heading.get(term)
    ones = tfs.count(1) == len(tfs) if tfs else True
    return [_gaps(ids), [] if ones else tfs.tolist(), _gaps(heading[0]) if heading else []]


def _write_postings(out: Path, postings: Postings) -> tuple[int, int]:
    """Shard by shard: the JSON lists of one shard at a time (all of them at once took 300 MB at 3,403 documents)."""
    count = _shards(postings.body_count() + postings.heading_count(), POSTINGS_PER_SHARD)
    groups: list[list[str]] = [[] for _ in range(count)]
    for term in sorted(postings.body.keys() | postings.heading.keys()):
        groups[shard_of(term, count)].append(term)
    size = 0
    for number, terms in enumerate(groups):
        shard = {term: _entry(postings, term) for term in terms}
        size += _write(out / "post" / f"{number}.json.gz", _json(shard))
    return count, size


def _write_lexicon(out: Path, lexicon: Lexicon) -> tuple[int, int]:
    count = _shards(len(lexicon.words) + len(lexicon.chars), WORDS_PER_SHARD)
    groups: list[dict] = [{"w": {}, "c": {}} for _ in range(count)]
    for word, weight in lexicon.words.items():
        groups[shard_of(word[0], count)]["w"][word] = weight
    for char, weight in lexicon.chars.items():
        groups[shard_of(char, count)]["c"][char] = weight
    return count, sum(_write(out / "lex" / f"{i}.json.gz", _json(g)) for i, g in enumerate(groups))


def _write_pinyin(out: Path, table: dict[str, str]) -> tuple[int, int]:
    """The pinyin table, sharded by the hash of the key (the browser search reads one shard per pinyin token)."""
    count = _shards(len(table), PINYIN_PER_SHARD)
    groups: list[dict] = [{} for _ in range(count)]
    for key, word in table.items():
        groups[shard_of(key, count)][key] = word
    return count, sum(_write(out / "py" / f"{i}.json.gz", _json(g)) for i, g in enumerate(groups))


def _docs_table(rows: list[DocRow]) -> bytes:
    n = len(rows)
    return b"".join((
        bytes(r.length for r in rows), struct.pack(f"<{n}H", *(min(r.date, 65535) for r in rows)),
        bytes(r.section for r in rows), bytes(r.level for r in rows), bytes(r.fields for r in rows),
        bytes(r.title for r in rows),
    ))


def _parts(chunk: tuple) -> list:
    return [[p.anchor, p.label, p.text] for p in chunk]


def fragment(doc: SearchDoc) -> dict:
    """What the browser search shows of a result: title, links, labels, and the first chunk of text (for snippets)."""
    entry = doc.entry
    title_en = entry.title_for("en")
    has_articles = any(p.anchor for p in doc.parts)
    return {
        "t": entry.title, "te": title_en if title_en != entry.title else None, "h": doc.heading,
        "u": [urls.entry_path(entry, lang) for lang in LANGUAGES],
        "a": [urls.article_path(entry, lang, "{a}") for lang in LANGUAGES] if has_articles else None,
        "s": entry.section, "d": entry.date.isoformat() if entry.date else None,
        "l": entry.legal.level if entry.legal else None,
        "p": _parts(doc.chunks[0]), "n": len(doc.chunks), "ak": article_ranges(doc) if has_articles else None,
    }


def article_ranges(doc: SearchDoc) -> list[list[int]]:
    """Per chunk, the first and last article number in it ([0, 0] for none): where the browser search finds 第N条."""
    out = []
    for chunk in doc.chunks:
        numbers = [int(p.anchor[4:]) for p in chunk if p.anchor.startswith("art-") and p.anchor[4:].isdigit()]
        out.append([min(numbers), max(numbers)] if numbers else [0, 0])
    return out


def _manifest(app: Flask, docs: int, shards: dict, vocabulary: Vocabulary, lexicon: Lexicon, version: str) -> dict:
    synonyms = folded_synonyms(synonym_table(app.extensions["portal.catalog"].synonyms))
    return {
        "format": FORMAT, "analysis": ANALYSIS_VERSION, "version": version[:16], "docs": docs,
        "shards": shards, "fold": vocabulary.fold_table(), "variants": vocabulary.variants(), "cjk": CJK_RANGES,
        "removed": REMOVED, "stop": STOP_CHARS, "question": QUESTION_WORDS, "maxQuery": MAX_QUERY_CHARS,
        "questionEn": QUESTION_WORDS_EN, "stem": {"rules": STEM_RULES, "keep": KEEP_ENDINGS},
        "synonyms": synonyms, "maxAlternatives": MAX_ALTERNATIVES, "pinyinMin": PINYIN_MIN_LETTERS,
        "known": {"title": TITLE_MARK, "number": NUMBER_MARK},
        "library": [SECTION_NAMES.index(s) for s in LIBRARY_SECTIONS],
        "lexicon": {"default": lexicon.default, "maxLen": lexicon.max_len},
        "ranking": RANKING, "snippet": SNIPPET, "boundary": BOUNDARY,
        "sections": SECTION_NAMES, "levels": LEVELS, "fields": IP_FIELDS,
        "langs": LANGUAGES,
    }


def write_static_index(app: Flask, folder: Path) -> StaticReport:
    """Write the static index of everything ``app`` publishes into the build ``folder`` (a POST_BUILD_HOOK).

    When the build replaces a previous one (``app.extensions["portal.build.previous"]``), files whose
    content did not change are hard-linked from it instead of being compressed again.
    """
    started = time.perf_counter()
    out = Path(folder) / app.static_url_path.strip("/") / INDEX_FOLDER
    shutil.rmtree(out, ignore_errors=True)
    previous = app.extensions.get("portal.build.previous")
    if not previous:
        return _write_all(app, out, started)
    _REUSE.append((out, Path(previous) / out.relative_to(folder)))
    try:
        return _write_all(app, out, started)
    finally:
        _REUSE.pop()


def _write_all(app: Flask, out: Path, started: float) -> StaticReport:
    found = analysed(app, "static")
    size = files = 0
    for doc_id, doc in enumerate(found.docs):
        size += _write(out / "frag" / f"{doc_id}.json.gz", _json(fragment(doc)))
        for number, chunk in enumerate(doc.chunks[1:], start=1):
            size += _write(out / "frag" / f"{doc_id}-{number}.json.gz", _json({"p": _parts(chunk)}))
            files += 1
    rows, lexicon = found.rows, found.lexicon
    post_count, post_size = _write_postings(out, found.postings)
    lex_count, lex_size = _write_lexicon(out, lexicon)
    py_count, py_size = _write_pinyin(out, lexicon.pinyin)
    size += post_size + lex_size + py_size + _write(out / "docs.bin.gz", _docs_table(rows))
    shards = {"postings": post_count, "lexicon": lex_count, "pinyin": py_count}
    manifest = _manifest(app, len(rows), shards, found.vocabulary, lexicon, found.fingerprint)
    size += _write(out / "manifest.json.gz", _json(manifest))
    files += len(rows) + post_count + lex_count + py_count + 2
    return StaticReport(out, len(rows), files, size, time.perf_counter() - started)
