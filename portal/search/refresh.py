"""Bring the live index up to date by re-indexing only the documents that changed.

The current generation is copied (hard links: Whoosh never rewrites a segment file), the
changed and removed documents are deleted in the copy, the changed and new ones are added as
one new segment, and the copy is swapped in like a full build.  Readers keep the generation they
opened.  Document numbers never move (no merge), so the rows of replaced documents stay in the
tables as keyless placeholders until the next full build compacts them.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path

from flask import Flask
from whoosh import index

from ..views.common import now
from .analysis import Lexicon, fold_char
from .corpus import Vocabulary, analyse, entry_digest, fingerprint_of
from .documents import doc_key, search_doc, searchable
from .lexicon import segmenter
from .live import (
    META,
    Generation,
    build_index,
    catalog_time,
    current_folder,
    index_lock,
    load_generation,
    newer_than_catalog,
    prune,
    remember,
    swap_in,
    write_meta,
)
from .tables import variants as variants_of

# Above this share of changed documents a full build is about as fast and leaves a compact index.
MAX_CHANGED_SHARE = 0.3
MIN_CHANGED_LIMIT = 200


@dataclass(frozen=True)
class RefreshReport:
    """What :func:`refresh_index` did: documents added, replaced and removed, and how long it took."""

    path: Path
    added: int
    replaced: int
    removed: int
    seconds: float


@dataclass(frozen=True)
class _Changes:
    added: list[str]
    replaced: list[str]
    removed: list[str]

    @property
    def count(self) -> int:
        return len(self.added) + len(self.replaced) + len(self.removed)


def _changes(generation: Generation, digests: dict[str, str]) -> _Changes:
    indexed = {row.key: digest for row, digest in zip(generation.rows, generation.digests, strict=True) if row.key}
    return _Changes(
        added=sorted(digests.keys() - indexed.keys()),
        replaced=sorted(k for k in digests.keys() & indexed.keys() if digests[k] != indexed[k]),
        removed=sorted(indexed.keys() - digests.keys()),
    )


def _copy(source: Path, target: Path) -> None:
    """A new generation folder sharing the Whoosh files of ``source`` (hard links)."""
    target.mkdir()
    for path in source.iterdir():
        if path.is_file() and path.name != META and not path.name.endswith(".lock"):
            os.link(path, target / path.name)


def _merged_lexicon(old: Lexicon, new: Lexicon) -> Lexicon:
    return Lexicon({**old.words, **new.words}, {**old.chars, **new.chars}, old.default,
                   max(old.max_len, new.max_len), {**new.pinyin, **old.pinyin})


def _merged_variants(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    out = dict(old)
    for folded, chars in new.items():
        out[folded] = "".join(sorted(set(out.get(folded, "")) | set(chars)))
    return out


def _apply(folder: Path, generation: Generation, entries: dict, changes: _Changes, read_at: float) -> Generation:
    """Write ``changes`` into the copied index in ``folder``; the tables of the result."""
    rows, digests = list(generation.rows), list(generation.digests)
    gone = set(changes.replaced) | set(changes.removed)
    for doc, row in enumerate(rows):
        if row.key in gone:
            rows[doc], digests[doc] = replace(row, key=""), ""
    vocabulary = Vocabulary()
    writer = index.open_dir(str(folder)).writer()
    try:
        for key in sorted(gone):
            writer.delete_by_term("key", key)
        docs = [search_doc(entries[key]) for key in sorted(changes.added + changes.replaced)]
        for item in analyse(docs, vocabulary):
            writer.add_document(key=item.doc.key, heading=item.heading, body=item.body)
            rows.append(item.row)
            digests.append(entry_digest(item.doc.entry))
        writer.commit(merge=False)  # keep document numbers: rows are looked up by them
    except BaseException:
        writer.cancel()
        raise
    live = {row.key: digest for row, digest in zip(rows, digests, strict=True) if row.key}
    lexicon, variants = generation.lexicon, generation.variants
    if docs:
        lexicon = _merged_lexicon(lexicon, vocabulary.lexicon())
        # Only the new texts' own characters matter here, so no full folding table is needed.
        own = {char: fold_char(char) for char in vocabulary.raw if fold_char(char) != char}
        variants = _merged_variants(variants, variants_of(own, vocabulary.raw))
    return Generation(folder, fingerprint_of(live), rows, lexicon, variants, digests, read_at)


def refresh_index(app: Flask) -> RefreshReport | None:
    """Re-index what changed since the current generation; None when a full build is the better way.

    That is when there is no readable index yet, or when more than MAX_CHANGED_SHARE of the documents
    changed.  An unchanged content swaps nothing.
    """
    started = time.perf_counter()
    root = Path(app.config["INDEX_DIR"]).resolve()
    with app.app_context():
        entries = {doc_key(e): e for e in filter(searchable, app.extensions["portal.catalog"].all_visible(now()))}
    digests = {key: entry_digest(entry) for key, entry in entries.items()}
    with index_lock(root):
        current = current_folder(root)
        generation = load_generation(current) if current else None
        if generation is None:
            return None
        if newer_than_catalog(generation, app):  # written from newer content: use it, never undo it
            return RefreshReport(generation.path, 0, 0, 0, time.perf_counter() - started)
        changes = _changes(generation, digests)
        if changes.count > max(MIN_CHANGED_LIMIT, MAX_CHANGED_SHARE * len(digests)):
            return None
        if changes.count:
            folder = root / f"gen-{time.time_ns()}"
            try:
                _copy(generation.path, folder)
                generation = _apply(folder, generation, entries, changes, catalog_time(app))
                write_meta(folder, generation)
                swap_in(root, folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            prune(root, {folder.name, current.name})
        remember(app, generation)
    return RefreshReport(generation.path, len(changes.added), len(changes.replaced), len(changes.removed),
                         time.perf_counter() - started)


def refresh_after_reload(app: Flask, _old_catalog: object, _new_catalog: object) -> None:
    """Preview reload hook: re-index what changed at once, so the next search already finds it.

    Without an index yet nothing is done here (the first search builds one); after a large change the
    index is rebuilt in full.  A failure is logged and leaves the previous index in use: the edited
    page is shown either way.
    """
    root = Path(app.config["INDEX_DIR"]).resolve()
    if current_folder(root) is None:
        return
    try:
        report = refresh_index(app)
        if report is None:  # too much changed: a full build, searched once it is complete
            built = build_index(app)
            app.logger.info("search index rebuilt: %d documents in %.2f s", built.documents, built.seconds)
            return
    except Exception:  # the preview must survive an index problem
        app.logger.exception("search index not updated after the content reload")
        return
    app.logger.info("search index: %d added, %d re-indexed, %d removed in %.2f s",
                    report.added, report.replaced, report.removed, report.seconds)


def warm_up(app: Flask) -> None:
    """Load the segmenter's dictionary before the first edit needs it (seconds, once per process)."""
    if current_folder(Path(app.config["INDEX_DIR"]).resolve()) is not None:
        segmenter()


def register_reload_hook() -> None:
    """Have preview reloads refresh the live index, and the preview warm it up (idempotent)."""
    from ..preview import RELOAD_HOOKS, START_HOOKS

    if refresh_after_reload not in RELOAD_HOOKS:
        RELOAD_HOOKS.append(refresh_after_reload)
    if warm_up not in START_HOOKS:
        START_HOOKS.append(warm_up)
