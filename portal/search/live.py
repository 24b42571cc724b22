"""The live search index: Whoosh, in generation folders under INDEX_DIR, swapped in atomically.

``INDEX_DIR/current`` is a symbolic link to the generation in use.  A build writes a new
``gen-*`` folder next to it and then replaces the link with one ``rename``, so a reader
resolves either the old or the new complete index, never a half-written one; readers open
it read-only and never take Whoosh's write lock.  The previous generation is kept for
readers still using it; older ones are removed.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
from array import array
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from whoosh import fields, formats, index
from whoosh.analysis import Token, Tokenizer
from whoosh.reading import TermNotFound
from whoosh.system import pack_uint

from .analysis import ANALYSIS_VERSION, Lexicon, document_terms
from .corpus import Vocabulary, analyse, fingerprint, published
from .engine import DocRow, Stats, TermPostings
from .lexicon import segmenter

INDEX_FORMAT = 2
CURRENT = "current"
META = "portal-search.json"
Progress = Callable[[int, int], None]


class PortalTokenizer(Tokenizer):
    """Whoosh tokenizer over :func:`analysis.document_terms` (the only analysis)."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        counts, _ = document_terms(value, segmenter())
        for pos, term in enumerate(counts.elements()):
            token.text, token.boost, token.stopped = term, 1.0, False
            if positions:
                token.pos = start_pos + pos
            yield token


class TermCountsField(fields.FieldType):
    """A field indexed from precomputed term counts (or analysed text), frequencies only (ranking is ours)."""

    def __init__(self) -> None:
        super().__init__(formats.Frequency(), PortalTokenizer(), scorable=True)

    def index(self, value, **kwargs):
        """(term bytes, frequency, weight, encoded frequency) per term, as Whoosh writers expect."""
        counts = value if isinstance(value, Mapping) else document_terms(value, segmenter())[0]
        for term, freq in counts.items():
            yield term.encode("utf-8"), freq, float(freq), pack_uint(freq)


class TermPool:
    """Stands in for Whoosh's sorting pool: postings kept per term in arrays, yielded in term order at commit.

    Documents arrive in docnum order, so each term's list is already sorted; this avoids Whoosh's
    per-posting size accounting, spilling and external merge sort (about 3× faster at 60 MB).
    """

    def __init__(self, schema: fields.Schema) -> None:
        self.schema = schema
        self.fieldnames: set[str] = set()
        self.terms: dict[tuple[str, bytes], tuple[array, array]] = {}

    def add(self, item: tuple) -> None:
        """Take one (fieldname, term bytes, docnum, weight, value bytes) posting."""
        fieldname, term, docnum, weight, _ = item
        entry = self.terms.get((fieldname, term))
        if entry is None:
            entry = self.terms[(fieldname, term)] = (array("I"), array("I"))
            self.fieldnames.add(fieldname)
        entry[0].append(docnum)
        entry[1].append(int(weight))

    def iter_postings(self) -> Iterator[tuple]:
        """Every posting, ordered by field, term and document."""
        for fieldname, term in sorted(self.terms):
            frequencies = isinstance(self.schema[fieldname].format, formats.Frequency)
            ids, weights = self.terms[(fieldname, term)]
            for docnum, weight in zip(ids, weights, strict=True):
                yield fieldname, term, docnum, float(weight), pack_uint(weight) if frequencies else b""

    def cleanup(self) -> None:
        """Free the postings."""
        self.terms.clear()


def schema() -> fields.Schema:
    """Document key, heading (title + document number) and body, each from the shared analysis."""
    return fields.Schema(key=fields.ID(stored=True, unique=True), heading=TermCountsField(), body=TermCountsField())


@dataclass(frozen=True)
class IndexReport:
    """What :func:`build_index` produced."""

    path: Path
    documents: int
    bytes: int
    seconds: float


@dataclass
class Generation:
    """One complete live index: its folder and the tables loaded from it."""

    path: Path
    fingerprint: str
    rows: list[DocRow]
    lexicon: Lexicon
    variants: dict[str, str]

    def __post_init__(self) -> None:
        self.stats = Stats(self.rows)
        self._cache: dict[str, TermPostings] = {}
        self._present: tuple[object, list[bool]] | None = None

    def present(self, catalog) -> list[bool]:
        """Which rows still have their entry in ``catalog`` (computed once per catalogue)."""
        if self._present is None or self._present[0] is not catalog:
            found = [catalog.get(*row.key.split("/", 1)) is not None for row in self.rows]
            self._present = (catalog, found)
        return self._present[1]

    @contextmanager
    def searcher(self) -> Iterator:
        """A read-only Whoosh searcher of this generation (one per request)."""
        with index.open_dir(str(self.path), readonly=True).searcher() as searcher:
            yield searcher

    def postings(self, searcher, key: str) -> TermPostings:
        """Body frequencies and heading documents of one term (cached: a generation never changes)."""
        found = self._cache.get(key)
        if found is None:
            found = TermPostings(_read(searcher, "body", key), set(_read(searcher, "heading", key)))
            if len(self._cache) > 20000:
                self._cache.clear()
            self._cache[key] = found
        return found


def _read(searcher, fieldname: str, key: str) -> dict[int, int]:
    try:
        matcher = searcher.reader().postings(fieldname, key)
    except TermNotFound:
        return {}
    ids, freqs = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        freqs.append(int(matcher.weight()))
        matcher.next()
    return dict(zip(ids, freqs, strict=True))


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write(folder: Path, app: Flask, progress: Progress | None) -> int:
    docs = published(app)
    vocabulary = Vocabulary()
    ix = index.create_in(str(folder), schema())
    writer = ix.writer(compound=False)
    writer.pool.cleanup()
    writer.pool = TermPool(ix.schema)
    rows = []
    try:
        for item in analyse(docs, vocabulary):
            writer.add_document(key=item.doc.key, heading=item.heading, body=item.body)
            rows.append(item.row)
            if progress:
                progress(item.doc_id + 1, len(docs))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    meta = {"format": INDEX_FORMAT, "analysis": ANALYSIS_VERSION, "fingerprint": fingerprint(app),
            "rows": [list(vars(r).values()) for r in rows], "lexicon": vocabulary.lexicon().to_json(),
            "variants": vocabulary.variants()}
    (folder / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return len(rows)


def _swap(root: Path, folder: Path) -> None:
    link = root / f".{CURRENT}.{os.getpid()}.{threading.get_ident()}"
    os.symlink(folder.name, link)
    os.replace(link, root / CURRENT)


def _prune(root: Path, keep: set[str]) -> None:
    for old in root.glob("gen-*"):
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


def build_index(app: Flask, progress: Progress | None = None) -> IndexReport:
    """Build the live index of everything ``app`` publishes and swap it in; the old one stays until then."""
    started = time.perf_counter()
    root = Path(app.config["INDEX_DIR"]).resolve()
    with _locked(root):
        previous = _current_folder(root)
        folder = root / f"gen-{time.time_ns()}"
        folder.mkdir()
        try:
            count = _write(folder, app, progress)
            _swap(root, folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        _prune(root, {folder.name} | ({previous.name} if previous else set()))
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    return IndexReport(folder, count, size, time.perf_counter() - started)


def _current_folder(root: Path) -> Path | None:
    link = root / CURRENT
    try:
        return root / os.readlink(link)
    except OSError:
        return None


_GENERATIONS: dict[Path, Generation] = {}
_LAZY = threading.Lock()


def _load(folder: Path) -> Generation | None:
    cached = _GENERATIONS.get(folder)
    if cached is not None:
        return cached
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("format") != INDEX_FORMAT or meta.get("analysis") != ANALYSIS_VERSION:
        return None
    generation = Generation(folder, meta["fingerprint"], [DocRow(*r) for r in meta["rows"]],
                            Lexicon.from_json(meta["lexicon"]), meta["variants"])
    if len(_GENERATIONS) > 8:
        _GENERATIONS.clear()
    _GENERATIONS[folder] = generation
    return generation


def _app_fingerprint(app: Flask) -> str:
    cached = app.extensions.get("portal.search.fingerprint")
    if cached and time.monotonic() - cached[1] < 60:
        return cached[0]
    value = fingerprint(app)
    app.extensions["portal.search.fingerprint"] = (value, time.monotonic())
    return value


def current_generation(app: Flask) -> Generation:
    """The index to search; built now (once, under a lock) when missing or not matching the content."""
    root = Path(app.config["INDEX_DIR"]).resolve()
    wanted = _app_fingerprint(app)
    folder = _current_folder(root)
    generation = _load(folder) if folder else None
    if generation is not None and generation.fingerprint == wanted:
        return generation
    with _LAZY:
        folder = _current_folder(root)
        generation = _load(folder) if folder else None
        if generation is None or generation.fingerprint != wanted:
            generation = _load(build_index(app).path)
    if generation is None:
        raise RuntimeError(f"search index in {root} could not be read after building it")
    return generation
