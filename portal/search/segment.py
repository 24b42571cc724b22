"""A Whoosh segment written from ready-made :class:`~.postings.Postings`, a block at a time, on two cores.

Whoosh's own writer takes every posting through a chain of Python calls (pool, sort, codec);
here each term's postings are handed to the codec's block writer 128 at a time.  With a spare
core (``shared.spare_core``), a forked process writes the postings of the second half of the terms
meanwhile; its bytes are appended to the postings file and its term records shifted by where they
land.  The files are the ones Whoosh's own writer makes for the same documents.
"""

from __future__ import annotations

import io
import multiprocessing
import pickle
import sys
from array import array

from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.structfile import StructFile
from whoosh.system import pack_ushort
from whoosh.writing import SegmentWriter

from .postings import Postings, Table
from .shared import child_result, spare_core
from .whoosh_fields import TermPool

PARALLEL_MIN_POSTINGS = 200_000  # below this a second process costs more than it saves
CHILD_TIMEOUT = 1800.0


class PostingsSegmentWriter(SegmentWriter):
    """A Whoosh segment writer whose heading and body postings are given as :class:`Postings`.

    Documents are added with :class:`~.whoosh_fields.FieldLength` values for those fields (Whoosh
    stores their lengths); the other fields (the key) go through Whoosh as usual.
    """

    def __init__(self, ix, postings: Postings, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        self.pool.cleanup()
        self.pool = TermPool(ix.schema)
        self.ready = {"body": postings.body, "heading": postings.heading}

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader()
        try:
            for fieldname in sorted(self.schema.names()):
                if fieldname in self.ready:
                    lengths = [reader.doc_field_length(docnum, fieldname) for docnum in range(self.docnum)]
                    _write_field(self.fieldwriter, fieldname, self.schema[fieldname], self.ready[fieldname], lengths)
                else:
                    self.fieldwriter.add_postings(self.schema, reader, self.pool.iter_postings(fieldname))
            self.fieldwriter.close()
        finally:
            reader.close()


def _write_field(fieldwriter, fieldname: str, fieldobj, table: Table, lengths: list) -> None:
    """All postings of one field, in term order, as ``W3FieldWriter.add_postings`` writes them."""
    terms = sorted(table)  # code point order is UTF-8 byte order
    fieldwriter.start_field(fieldname, fieldobj)
    middle = _middle(terms, table) if spare_core() else len(terms)
    child = _start(fieldwriter, fieldobj, terms[middle:], table, lengths) if middle < len(terms) else None
    block = fieldwriter._postwriter
    for term in terms[:middle]:
        fieldwriter.start_term(term.encode("utf-8"))
        _write_postings(block, table[term], lengths)
        fieldwriter.finish_term()
    if child is not None:
        records = child_result(*child) or _records(fieldwriter, fieldobj, terms[middle:], table, lengths)
        _append(fieldwriter, *records)
    fieldwriter.finish_field()


def _middle(terms: list[str], table: Table) -> int:
    """The first term of the second half of the postings (len(terms) when there are too few to split)."""
    total = sum(len(ids) for ids, _ in table.values())
    if total < PARALLEL_MIN_POSTINGS:
        return len(terms)
    seen = 0
    for position, term in enumerate(terms):
        seen += len(table[term][0])
        if 2 * seen >= total:
            return position + 1
    return len(terms)


def _write_postings(block, postings: tuple[array, array], lengths: list) -> None:
    ids, tfs = postings
    limit = block._blocklimit
    for start in range(0, len(ids), limit):
        if start:
            block._write_block()
        _fill_block(block, ids[start : start + limit], tfs[start : start + limit], lengths)


def _fill_block(block, ids: array, tfs: array, lengths: list) -> None:
    """Set a W3PostingsWriter's buffered block as ``add_posting`` would leave it after these postings."""
    values = array("I", tfs)
    if sys.byteorder == "little":
        values.byteswap()  # pack_uint is big-endian
    present = [length for length in map(lengths.__getitem__, ids) if length]
    block._ids = ids
    block._weights = array("f", tfs)
    block._values = [values.tobytes()]
    block._maxweight = float(max(tfs))
    block._minlength = min(present) if present else None
    block._maxlength = max(present, default=0)


def _records(fieldwriter, fieldobj, terms: list[str], table: Table, lengths: list) -> tuple[bytes, list]:
    """The postings of ``terms`` written into memory: their bytes, and (term, term info) per term with
    offsets from the start of those bytes."""
    memory = StructFile(io.BytesIO())
    block = fieldwriter._codec.postings_writer(memory)
    records = []
    for term in terms:
        block.start_postings(fieldobj.format, W3TermInfo())
        _write_postings(block, table[term], lengths)
        records.append((term.encode("utf-8"), block.finish_postings()))
    return memory.file.getvalue(), records


def _append(fieldwriter, data: bytes, records: list) -> None:
    """Add postings written elsewhere after the ones written so far, shifting their offsets."""
    postfile = fieldwriter._postfile
    base = postfile.tell()
    postfile.write(data)
    prefix = pack_ushort(fieldwriter._fieldid)
    for btext, terminfo in records:
        terminfo._offset += base
        fieldwriter._tindex.add(prefix + btext, terminfo.to_bytes())


def _child(connection, *args) -> None:
    connection.send_bytes(pickle.dumps(_records(*args), protocol=pickle.HIGHEST_PROTOCOL))
    connection.close()


def _start(fieldwriter, fieldobj, terms: list[str], table: Table, lengths: list) -> tuple:
    """A forked process writing the postings of ``terms`` into memory (see :func:`_records`)."""
    fieldwriter._postfile.flush()  # nothing buffered for the copy in the child to write again
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, fieldwriter, fieldobj, terms, table, lengths), daemon=True)
    child.start()
    sender.close()
    return receiver, child


