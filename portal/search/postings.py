"""Inverted postings of the analysed documents: built once per build, written by both index writers.

For each field (heading, body), term → (document ids, term frequencies), two ``array("I")`` in
document order.  The live index writes them into a Whoosh segment block by block
(``segment.PostingsSegmentWriter``); the static index shards them into JSON.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter, deque

Table = dict[str, tuple[array, array]]
_SEPARATOR = "\x00"  # never in a term: folding turns control characters into spaces
_HIGH = 1 if sys.byteorder == "little" else 0  # which half of a packed posting's two words holds the id


class _Packed(dict):
    """term → array("Q") of postings, each ``doc_id << 32 | tf``; a missing term gets an empty array."""

    def __missing__(self, term: str) -> array:
        value = self[term] = array("Q")
        return value


def _invert(table: _Packed, doc_id: int, counts: Counter) -> None:
    """Append one document's postings; every step runs in C (no Python call per posting)."""
    arrays = map(table.__getitem__, counts.keys())
    deque(map(array.append, arrays, map((doc_id << 32).__add__, counts.values())), maxlen=0)


def _unpacked(packed: array) -> tuple[array, array]:
    words = array("I", packed.tobytes())
    return words[_HIGH::2], words[1 - _HIGH :: 2]


def _pack(table: _Packed) -> tuple[str, array, array]:
    """One string and two arrays: pickled in milliseconds, unlike a dict of 300,000 arrays."""
    terms = list(table)
    sizes, postings = array("I", map(len, table.values())), array("Q")
    deque(map(postings.extend, table.values()), maxlen=0)
    return _SEPARATOR.join(terms), sizes, postings


def _unpack(packed: tuple[str, array, array]) -> _Packed:
    text, sizes, postings = packed
    table = _Packed()
    start = 0
    for term, size in zip(text.split(_SEPARATOR) if sizes else (), sizes, strict=True):
        table[term] = postings[start : start + size]
        start += size
    return table


class Postings:
    """Heading and body postings of documents added in increasing id order.

    While documents are added the postings are packed (one array per term); :meth:`finish` turns
    them into the (ids, tfs) arrays of :attr:`body` and :attr:`heading`.
    """

    def __init__(self) -> None:
        self._packed = (_Packed(), _Packed())
        self.body: Table = {}
        self.heading: Table = {}

    def add(self, doc_id: int, heading: Counter, body: Counter) -> None:
        """Add one document's term counts (ids must increase from call to call)."""
        _invert(self._packed[0], doc_id, heading)
        _invert(self._packed[1], doc_id, body)

    def extend(self, later: Postings) -> None:
        """Append the postings of documents that all come after the ones added here (neither finished)."""
        for mine, theirs in zip(self._packed, later._packed, strict=True):
            for term, postings in theirs.items():
                mine[term].extend(postings)

    def finish(self) -> Postings:
        """Unpack into :attr:`heading` and :attr:`body` (once all documents are added)."""
        for packed, table in zip(self._packed, (self.heading, self.body), strict=True):
            while packed:
                term, postings = packed.popitem()
                table[term] = _unpacked(postings)
        return self

    def body_count(self) -> int:
        """The number of body postings."""
        return sum(len(ids) for ids, _ in self.body.values())

    def heading_count(self) -> int:
        """The number of heading postings."""
        return sum(len(ids) for ids, _ in self.heading.values())

    def __getstate__(self) -> dict:
        if self.body or self.heading:
            raise ValueError("finished postings are not sent between processes")
        return {"packed": tuple(map(_pack, self._packed))}

    def __setstate__(self, state: dict) -> None:
        self._packed = tuple(map(_unpack, state["packed"]))
        self.body, self.heading = {}, {}
