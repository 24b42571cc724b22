"""Inverted postings of the analysed documents: built once per build, written by both index writers.

For each field (heading, body), term → (document ids, term frequencies), two ``array("I")`` in
document order.  The live index writes them into a Whoosh segment block by block
(``whoosh_fields.PostingsSegmentWriter``); the static index shards them into JSON.
"""

from __future__ import annotations

from array import array
from collections import Counter

Table = dict[str, tuple[array, array]]
_SEPARATOR = "\x00"  # never in a term: folding turns control characters into spaces


def _invert(table: Table, doc_id: int, counts: Counter) -> None:
    get = table.get
    for term, tf in counts.items():
        entry = get(term)
        if entry is None:
            table[term] = (array("I", (doc_id,)), array("I", (tf,)))
        else:
            entry[0].append(doc_id)
            entry[1].append(tf)


def _pack(table: Table) -> tuple[str, array, array, array]:
    """One string and three arrays: pickled in milliseconds, unlike a dict of 300,000 pairs of arrays."""
    terms = list(table)
    sizes, ids, tfs = array("I"), array("I"), array("I")
    for term in terms:
        term_ids, term_tfs = table[term]
        sizes.append(len(term_ids))
        ids += term_ids
        tfs += term_tfs
    return _SEPARATOR.join(terms), sizes, ids, tfs


def _unpack(packed: tuple[str, array, array, array]) -> Table:
    text, sizes, ids, tfs = packed
    table: Table = {}
    start = 0
    for term, size in zip(text.split(_SEPARATOR) if sizes else (), sizes, strict=True):
        end = start + size
        table[term] = (ids[start:end], tfs[start:end])
        start = end
    return table


class Postings:
    """Heading and body postings of documents added in increasing id order."""

    def __init__(self) -> None:
        self.body: Table = {}
        self.heading: Table = {}

    def add(self, doc_id: int, heading: Counter, body: Counter) -> None:
        """Add one document's term counts (ids must increase from call to call)."""
        _invert(self.body, doc_id, body)
        _invert(self.heading, doc_id, heading)

    def extend(self, later: Postings) -> None:
        """Append the postings of documents that all come after the ones here."""
        for mine, theirs in ((self.body, later.body), (self.heading, later.heading)):
            for term, (ids, tfs) in theirs.items():
                entry = mine.get(term)
                if entry is None:
                    mine[term] = (ids, tfs)
                else:
                    entry[0].extend(ids)
                    entry[1].extend(tfs)

    def body_count(self) -> int:
        """The number of body postings."""
        return sum(len(ids) for ids, _ in self.body.values())

    def heading_count(self) -> int:
        """The number of heading postings."""
        return sum(len(ids) for ids, _ in self.heading.values())

    def __getstate__(self) -> dict:
        return {"body": _pack(self.body), "heading": _pack(self.heading)}

    def __setstate__(self, state: dict) -> None:
        self.body = _unpack(state["body"])
        self.heading = _unpack(state["heading"])
