"""Whoosh pieces of the live index: a field fed by the shared analysis, a faster posting pool and posting reader."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping

from whoosh import fields, formats
from whoosh.analysis import Token, Tokenizer
from whoosh.codec import whoosh3
from whoosh.system import pack_uint

from .analysis import document_terms
from .lexicon import segmenter


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


class FieldLength(int):
    """A field's value in :class:`PostingsSegmentWriter`: only its length (sum of term counts); the
    postings come separately."""


class TermCountsField(fields.FieldType):
    """A field indexed from precomputed term counts (or analysed text), frequencies only (ranking is ours)."""

    def __init__(self) -> None:
        super().__init__(formats.Frequency(), PortalTokenizer(), scorable=True)

    def index(self, value, **kwargs):
        """(term bytes, frequency, weight, encoded frequency) per term, as Whoosh writers expect.

        A :class:`FieldLength` gives one item with an empty term that carries the length: Whoosh stores
        it for the document, and :class:`TermPool` drops the item.
        """
        if isinstance(value, FieldLength):
            yield b"", int(value), float(value), b""
            return
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
        if not term:  # a FieldLength: postings come with the writer
            return
        entry = self.terms.get((fieldname, term))
        if entry is None:
            entry = self.terms[(fieldname, term)] = (array("I"), array("I"))
            self.fieldnames.add(fieldname)
        entry[0].append(docnum)
        entry[1].append(int(weight))

    def iter_postings(self, only: str | None = None) -> Iterator[tuple]:
        """Every posting (of field ``only`` if given), ordered by field, term and document."""
        for fieldname, term in sorted(self.terms):
            if only is not None and fieldname != only:
                continue
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



def block_postings(matcher) -> dict[int, int] | None:
    """Document → frequency of a single-segment term read a whole block at a time; None for other matchers.

    Whoosh decodes a block's ids and weights together; reading them through ``id()``/``weight()``
    costs two Python calls per posting.  This reads the W3 codec's decoded block arrays instead.
    """
    if type(matcher) is not whoosh3.W3LeafMatcher:
        return None
    out: dict[int, int] = {}
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        start, end = matcher._i, matcher._blocklength
        out.update(zip(matcher._ids[start:end], map(int, matcher._weights[start:end]), strict=True))
        matcher._i = end - 1
        matcher.next()  # past the block's last posting: loads the next block or ends
    return out
