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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from whoosh import index
from whoosh.reading import TermNotFound

from .analysis import ANALYSIS_VERSION, Lexicon
from .corpus import fingerprint
from .engine import DocRow, Stats, TermPostings
from .segment import PostingsSegmentWriter
from .shared import analysed
from .whoosh_fields import FieldLength, block_postings, schema

INDEX_FORMAT = 3
CURRENT = "current"
META = "portal-search.json"
Progress = Callable[[int, int], None]


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
    digests: list[str]  # entry_digest() of each row's entry when it was indexed ("" for a replaced row)
    read_at: float = 0.0  # when the catalogue it was written from was read (0: unknown, older than any)

    def __post_init__(self) -> None:
        self.stats = Stats(self.rows)
        self._cache: dict[str, TermPostings] = {}
        self._present: tuple[object, list[bool]] | None = None

    def present(self, catalog) -> list[bool]:
        """Which rows still have their entry in ``catalog`` (computed once per catalogue)."""
        if self._present is None or self._present[0] is not catalog:
            found = [bool(row.key) and catalog.get(*row.key.split("/", 1)) is not None for row in self.rows]
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
            if found.body or found.heading:  # terms no document has (any query can invent them) are not kept
                self._cache[key] = found
        return found


def _read(searcher, fieldname: str, key: str) -> dict[int, int]:
    try:
        matcher = searcher.reader().postings(fieldname, key)
    except TermNotFound:
        return {}
    fast = block_postings(matcher)
    if fast is not None:
        return fast
    ids, freqs = [], []
    while matcher.is_active():  # several segments, or deletions (a refreshed index): one posting at a time
        ids.append(matcher.id())
        freqs.append(int(matcher.weight()))
        matcher.next()
    return dict(zip(ids, freqs, strict=True))


@contextmanager
def index_lock(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write(folder: Path, app: Flask, progress: Progress | None) -> Generation:
    found = analysed(app, "live", progress)
    ix = index.create_in(str(folder), schema())
    writer = PostingsSegmentWriter(ix, found.postings, compound=False)
    try:
        for doc, (heading, body) in zip(found.docs, found.lengths, strict=True):
            writer.add_document(key=doc.key, heading=FieldLength(heading), body=FieldLength(body))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    rows, digests = found.rows, found.digests
    generation = Generation(folder, found.fingerprint, list(rows), found.lexicon, found.vocabulary.variants(),
                            list(digests), catalog_time(app))
    write_meta(folder, generation)
    return generation


def write_meta(folder: Path, generation: Generation) -> None:
    """Store the tables of ``generation`` next to its Whoosh files."""
    meta = {"format": INDEX_FORMAT, "analysis": ANALYSIS_VERSION, "fingerprint": generation.fingerprint,
            "rows": [list(vars(r).values()) for r in generation.rows], "lexicon": generation.lexicon.to_json(),
            "variants": generation.variants, "digests": generation.digests, "read_at": generation.read_at}
    (folder / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def swap_in(root: Path, folder: Path) -> None:
    link = root / f".{CURRENT}.{os.getpid()}.{threading.get_ident()}"
    os.symlink(folder.name, link)
    os.replace(link, root / CURRENT)


def prune(root: Path, keep: set[str]) -> None:
    for old in root.glob("gen-*"):
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


def catalog_time(app: Flask) -> float:
    """When ``app``'s catalogue was read."""
    return float(getattr(app.extensions["portal.catalog"], "read_at", 0.0))


def newer_than_catalog(generation: Generation | None, app: Flask) -> bool:
    """True when ``generation`` was written from a catalogue read after ``app``'s: it must not be replaced
    by an index of ``app``'s older content (a worker started before `portal index` ran)."""
    return generation is not None and generation.read_at > catalog_time(app)


def build_index(app: Flask, progress: Progress | None = None) -> IndexReport:
    """Build the live index of everything ``app`` publishes and swap it in; the old one stays until then.

    When the current index comes from a newer catalogue than ``app``'s, it is kept and reported instead.
    """
    started = time.perf_counter()
    root = Path(app.config["INDEX_DIR"]).resolve()
    with index_lock(root):
        previous = current_folder(root)
        newer = load_generation(previous) if previous else None
        if newer_than_catalog(newer, app):
            return IndexReport(previous, len(newer.rows), _size(previous), time.perf_counter() - started)
        folder = root / f"gen-{time.time_ns()}"
        folder.mkdir()
        try:
            generation = _write(folder, app, progress)
            swap_in(root, folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        prune(root, {folder.name} | ({previous.name} if previous else set()))
        remember(app, generation)
    return IndexReport(folder, len(generation.rows), _size(folder), time.perf_counter() - started)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def current_folder(root: Path) -> Path | None:
    link = root / CURRENT
    try:
        return root / os.readlink(link)
    except OSError:
        return None


_GENERATIONS: dict[Path, Generation] = {}
_LAZY = threading.Lock()


def load_generation(folder: Path) -> Generation | None:
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
                            Lexicon.from_json(meta["lexicon"]), meta["variants"], meta["digests"],
                            float(meta.get("read_at", 0.0)))
    if len(_GENERATIONS) > 8:
        _GENERATIONS.clear()
    _GENERATIONS[folder] = generation
    return generation


def remember(app: Flask, generation: Generation) -> None:
    """Use ``generation``, just written from ``app``'s content, without reading its tables back."""
    if len(_GENERATIONS) > 8:
        _GENERATIONS.clear()
    _GENERATIONS[generation.path] = generation
    app.extensions["portal.search.fingerprint"] = (generation.fingerprint, time.monotonic())


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
    folder = current_folder(root)
    generation = load_generation(folder) if folder else None
    if generation is not None and (generation.fingerprint == wanted or newer_than_catalog(generation, app)):
        return generation
    with _LAZY:
        folder = current_folder(root)
        generation = load_generation(folder) if folder else None
        if generation is None or (generation.fingerprint != wanted and not newer_than_catalog(generation, app)):
            from .refresh import refresh_index  # it builds on this module

            refreshed = refresh_index(app) if generation is not None else None
            generation = load_generation(refreshed.path if refreshed else build_index(app).path)
    if generation is None:
        raise RuntimeError(f"search index in {root} could not be read after building it")
    return generation
