"""The analysis of everything published, done once and read by both index writers.

:func:`analysed` runs :func:`corpus.analyse` over the published documents and inverts the term
counts into :class:`~.postings.Postings`; with a spare core (:func:`spare_core`), a forked process
analyses the second half of the texts meanwhile.  In the commands (``STORE_ANALYSIS``), a document
analysed by an earlier run is read from the store (:mod:`.analysis_store`) instead, and only the
others are analysed; the counts, postings and vocabulary are the same either way.  The result is
keyed by the fingerprint of the documents: the live index (``live.build_index``) and the static index
(``static_index.write_static_index``) of one build use the same one instead of analysing every
text twice.  It is kept after the static index was written (a build writes the live index next)
and inside :func:`sharing`; otherwise it is not kept, so a live worker that builds its index does
not hold it afterwards.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

from flask import Flask

from .analysis import Lexicon
from .analysis_store import AnalysisStore, DocTerms, Encoded, decode, encode, open_store
from .corpus import Vocabulary, analyse, entry_digest, fingerprint_of, published, row_of
from .documents import SearchDoc
from .engine import DocRow
from .postings import Postings

Progress = Callable[[int, int], None]
PARALLEL_MIN_DOCS = 200  # below this a second process costs more than it saves
CHILD_TIMEOUT = 1800.0


@dataclass
class Analysis:
    """Documents in index order with their rows, digests, vocabulary and postings."""

    docs: list[SearchDoc]
    rows: list[DocRow]
    lengths: list[tuple[int, int]]  # per document: the number of heading terms, of body terms
    digests: list[str]
    vocabulary: Vocabulary
    postings: Postings
    fingerprint: str = ""
    used_by: set[str] = field(default_factory=set)

    @cached_property
    def lexicon(self) -> Lexicon:
        """The query dictionary of the whole corpus (computed once)."""
        return self.vocabulary.lexicon()


@dataclass
class _Part:
    rows: list[DocRow]
    lengths: list[tuple[int, int]]
    vocabulary: Vocabulary
    postings: Postings
    repaired: dict[int, Encoded] = field(default_factory=dict)  # damaged stored records analysed again


_KEPT: dict[str, Analysis] = {}  # at most one, by fingerprint
_SHARING: list[bool] = []


@contextmanager
def sharing() -> Iterator[None]:
    """Keep the analysis between the index writers called inside (a build writing both indexes)."""
    _SHARING.append(True)
    try:
        yield
    finally:
        _SHARING.pop()
        if not _SHARING:
            _KEPT.clear()


def analysed(app: Flask, user: str, progress: Progress | None = None) -> Analysis:
    """The analysis of what ``app`` publishes now, for the index writer ``user`` ("live" or "static").

    Reused when the other writer just made it for the same documents; kept for the other writer
    when ``user`` is "static" or inside :func:`sharing`, and dropped once both have read it.  With
    ``STORE_ANALYSIS`` (the commands), documents analysed by an earlier run are read from the store.
    """
    docs = published(app)
    digests = [entry_digest(doc.entry) for doc in docs]
    key = fingerprint_of(dict(zip((doc.key for doc in docs), digests, strict=True)))
    found = _KEPT.pop(key, None)
    _KEPT.clear()
    if found is None or user in found.used_by:
        part = _analyse_stored(docs, digests, progress, _store(app))
        found = Analysis(docs, part.rows, part.lengths, digests, part.vocabulary, part.postings, key)
    elif progress:
        progress(len(docs), len(docs))
    found.used_by.add(user)
    if (user == "static" or _SHARING) and len(found.used_by) < 2:
        _KEPT[key] = found
    return found


def _store(app: Flask) -> AnalysisStore | None:
    if not app.config.get("STORE_ANALYSIS"):
        return None
    return open_store(app.config["GENERATED_CACHE_DIR"])


def _analyse_stored(docs: list[SearchDoc], digests: list[str], progress: Progress | None,
                    store: AnalysisStore | None) -> _Part:
    """Documents ``store`` holds are read from it, the others analysed (:func:`_analyse_all`) and
    stored; then everything is counted into postings and vocabulary in document order."""
    records: list[Encoded | None] = [None] * len(docs)
    if store is not None:
        records = [store.record(doc.key, digest) for doc, digest in zip(docs, digests, strict=True)]
    missing = [position for position, found in enumerate(records) if found is None]
    todo = [docs[position] for position in missing]
    done = _analyse_all(todo, _After(progress, len(docs) - len(todo))) if todo else []
    for position, record in zip(missing, done, strict=True):
        records[position] = record
        if store is not None:
            store.put(docs[position].key, digests[position], record)
    part = _count_all(docs, records)
    if store is not None:
        for position, record in part.repaired.items():
            store.put(docs[position].key, digests[position], record)
        store.save(doc.key for doc in docs)
    if progress:
        progress(len(docs), len(docs))
    part.postings.finish()
    return part


def _analyse_all(docs: list[SearchDoc], progress: Progress | None) -> list[Encoded]:
    """The terms of ``docs``: forked in two when there are enough documents and :func:`spare_core`."""
    if len(docs) >= PARALLEL_MIN_DOCS and spare_core():
        return _analyse_forked(docs, progress)
    return _analyse_range(docs, progress)


def _count_all(docs: list[SearchDoc], records: list) -> _Part:
    """:func:`_counted`, the second half in a forked process when there are enough documents and
    :func:`spare_core` (counting eight million postings takes longer than analysing a few texts)."""
    if len(docs) < PARALLEL_MIN_DOCS or not spare_core():
        return _counted(docs, records, 0, len(docs))
    total = sum(len(record[0]) for record in records)
    seen = middle = 0
    while middle < len(docs) and 2 * seen < total:
        seen += len(records[middle][0])
        middle += 1
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_count_child, args=(docs, records, middle, sender), daemon=True)
    child.start()
    sender.close()
    try:
        first = _counted(docs, records, 0, middle)
    except BaseException:
        child_result(receiver, child)
        raise
    second = child_result(receiver, child)
    if second is None:
        second = _counted(docs, records, middle, len(docs))
    first.rows += second.rows
    first.lengths += second.lengths
    _merge_vocabulary(first.vocabulary, second.vocabulary)
    first.postings.extend(second.postings)
    first.repaired.update(second.repaired)
    return first


def _count_child(docs: list[SearchDoc], records: list, start: int, connection) -> None:
    part = _counted(docs, records, start, len(docs))
    connection.send_bytes(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
    connection.close()


def _merge_vocabulary(into: Vocabulary, later: Vocabulary) -> None:
    into.words |= later.words
    into.chars |= later.chars
    into.raw |= later.raw
    into.title_words.update(later.title_words)


def _counted(docs: list[SearchDoc], records: list, start: int, end: int) -> _Part:
    """Rows, lengths, vocabulary and postings of ``docs[start:end]`` (document ids are positions in ``docs``).

    Each record is decoded only here, one at a time, so that the counts of all documents are never
    held at once; a damaged one is analysed again."""
    part = _Part([], [], Vocabulary(), Postings())
    for doc_id in range(start, end):
        doc = docs[doc_id]
        try:
            found = decode(*records[doc_id])
        except (ValueError, TypeError, UnicodeDecodeError):
            part.repaired[doc_id] = _analyse_range([doc])[0]
            found = decode(*part.repaired[doc_id])
        heading, body = found.heading, found.body
        part.postings.add(doc_id, heading, body)
        part.rows.append(row_of(doc))
        part.lengths.append((sum(heading.values()), sum(body.values())))
        part.vocabulary.add(heading.keys(), found.heading_words, body.keys(), found.body_words, found.raw)
    return part


@dataclass
class _After:
    """Progress over documents analysed after ``before`` documents were found in the store."""

    progress: Progress | None
    before: int

    def __call__(self, done: int, total: int) -> None:
        if self.progress:
            self.progress(self.before + done, self.before + total)


def spare_core() -> bool:
    """Whether a forked process would get a core of its own: there are two or more, the load average
    (this process included) leaves one free (a shared machine where others compute gains nothing from
    a fork, and pays for it), and this process has no other thread (a fork copies locks other threads
    may hold)."""
    cores = os.cpu_count() or 1
    return cores > 1 and threading.active_count() == 1 and os.getloadavg()[0] < cores - 0.5


def _analyse_range(docs: list[SearchDoc], progress: Progress | None = None, total: int = 0) -> list[Encoded]:
    """The :func:`~.analysis_store.encode`-d terms of each of ``docs``, in order (``progress`` counts them
    out of ``total`` or ``len(docs)``): compact, where the counters of every document would fill memory."""
    out = []
    for item in analyse(docs, Vocabulary()):
        out.append(encode(DocTerms(item.heading, item.body, item.heading_words, item.body_words, item.raw)))
        if progress:
            progress(item.doc_id + 1, total or len(docs))
    return out


def _middle(docs: list[SearchDoc]) -> int:
    """Where to split ``docs`` so that both halves hold about as much text."""
    total = sum(len(doc.text) for doc in docs)
    seen = 0
    for position, doc in enumerate(docs):
        seen += len(doc.text)
        if 2 * seen >= total:
            return position + 1
    return len(docs)


def _child(docs: list[SearchDoc], connection) -> None:
    connection.send_bytes(pickle.dumps(_analyse_range(docs), protocol=pickle.HIGHEST_PROTOCOL))
    connection.close()


def _analyse_forked(docs: list[SearchDoc], progress: Progress | None) -> list:
    """The first half analysed here, the second in a forked process (its own half again here if that fails).

    The second half comes back encoded, as it is stored (bytes pickle fast, counters do not).
    """
    from .lexicon import segmenter

    segmenter()  # loaded once, before the fork, for both processes
    middle = _middle(docs)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(docs[middle:], sender), daemon=True)
    child.start()
    sender.close()
    try:
        first: list = _analyse_range(docs[:middle], progress, len(docs))
    except BaseException:
        child_result(receiver, child)
        raise
    second = child_result(receiver, child)
    if second is None or len(second) != len(docs) - middle:
        second = _analyse_range(docs[middle:], _After(progress, middle), len(docs) - middle)
    if progress:
        progress(len(docs), len(docs))
    return first + second


def child_result(receiver, child):
    """What a forked helper process sent (unpickled), or None when it failed or took too long."""
    try:
        found = pickle.loads(receiver.recv_bytes()) if receiver.poll(CHILD_TIMEOUT) else None
    except (EOFError, OSError, pickle.UnpicklingError):
        found = None
    finally:
        receiver.close()
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
    return found
