"""The analysis of each document kept in a file between runs of the commands (``STORE_ANALYSIS``).

For each published document, under its key and :func:`~.corpus.entry_digest`, the store holds what
:func:`~.corpus.analyse` found: the heading and body term counts, in the order the analysis counted
them, the dictionary words of the heading and of the body, and the raw characters of both.  Each
document is one record of three byte strings (the terms and words joined by ``"\\x00"``, the numbers
as an ``array("I")``, the raw characters), decoded only when the document is asked for: loading the
records of a few thousand documents costs milliseconds, unlike unpickling their counters.

The file carries a fingerprint of the analysis code and data (:func:`analysis_fingerprint`); a
missing, unreadable or foreign file is ignored and written again.  It is written atomically, with
only the documents published at the time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import unicodedata
from array import array
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..content.parse_cache import code_fingerprint
from .lexicon import USERDICT, _jieba_dict

STORE_NAME = "search-analysis.pickle"
FORMAT = 1
_SEPARATOR = "\x00"  # never in a term or a word: folding turns control characters into spaces
_HEADER = 4  # numbers of heading terms, body terms, heading words, body words
_PACKAGES = ("rjieba", "jieba", "opencc-python-reimplemented")

Encoded = tuple[bytes, bytes, bytes]  # terms, numbers, raw characters (see :func:`encode`)
Record = tuple[str, bytes, bytes, bytes]  # the entry digest and the encoded analysis


class Counts:
    """Term counts as the store gives them back: what :class:`~.postings.Postings` reads of a Counter."""

    __slots__ = ("_counts", "_terms")

    def __init__(self, terms: list[str], counts: array) -> None:
        self._terms, self._counts = terms, counts

    def keys(self) -> list[str]:
        """The terms, in the order they were counted."""
        return self._terms

    def values(self) -> array:
        """The count of each term."""
        return self._counts

    def __iter__(self):
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)


@dataclass
class DocTerms:
    """What the analysis of one document adds to the postings and the vocabulary."""

    heading: Mapping[str, int] | Counts
    body: Mapping[str, int] | Counts
    heading_words: Collection[str]
    body_words: Collection[str]  # fresh: all the body's words; stored: those the heading does not have
    raw: Iterable[str]


def encode(terms: DocTerms) -> Encoded:
    """The three byte strings of a record (see the module's docstring)."""
    heading_words = list(terms.heading_words)
    body_words = [w for w in terms.body_words if w not in terms.heading_words]
    parts = [*terms.heading.keys(), *terms.body.keys(), *heading_words, *body_words]
    numbers = array("I", (len(terms.heading), len(terms.body), len(heading_words), len(body_words)))
    numbers.extend(terms.heading.values())
    numbers.extend(terms.body.values())
    raw = "".join(terms.raw)
    return (_SEPARATOR.join(parts).encode("utf-8", "surrogatepass"), numbers.tobytes(),
            raw.encode("utf-8", "surrogatepass"))


def decode(text: bytes, numbers: bytes, raw: bytes) -> DocTerms:
    """Inverse of :func:`encode` (raises ValueError for a damaged record)."""
    counts = array("I")
    counts.frombytes(numbers)
    heading, body, heading_words, body_words = counts[:_HEADER]
    total = heading + body + heading_words + body_words
    parts = text.decode("utf-8", "surrogatepass").split(_SEPARATOR) if total else []
    if len(parts) != total or len(counts) != _HEADER + heading + body:
        raise ValueError("damaged record")
    ends = (heading, heading + body, heading + body + heading_words)
    values = counts[_HEADER:]
    return DocTerms(Counts(parts[: ends[0]], values[:heading]), Counts(parts[ends[0] : ends[1]], values[heading:]),
                    parts[ends[1] : ends[2]], parts[ends[2] :], raw.decode("utf-8", "surrogatepass"))


class AnalysisStore:
    """The stored analyses of the last run, and those of this run, by document key."""

    def __init__(self, path: Path, code: str) -> None:
        self.path, self.code = path, code
        self.records: dict[str, Record] = _load(path, code)
        self.loaded = len(self.records)
        self.changed = False

    def record(self, key: str, digest: str) -> Encoded | None:
        """The stored (encoded) analysis of document ``key`` when its entry digest is still ``digest``."""
        record = self.records.get(key)
        return record[1:] if record is not None and record[0] == digest else None

    def put(self, key: str, digest: str, record: Encoded) -> None:
        """Keep the :func:`encode`-d analysis of document ``key``."""
        self.records[key] = (digest, *record)
        self.changed = True

    def save(self, keys: Iterable[str]) -> None:
        """Write the analyses of the documents ``keys`` (those published now), atomically, if any changed."""
        wanted = set(keys)
        kept = {key: record for key, record in self.records.items() if key in wanted}
        if not self.changed and len(kept) == len(self.records):
            return
        self.records = kept
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        try:
            partial.write_bytes(pickle.dumps((FORMAT, self.code, kept), protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(partial, self.path)
        except OSError:
            partial.unlink(missing_ok=True)  # a read-only cache folder only costs the next run time
        self.changed = False


def _load(path: Path, code: str) -> dict[str, Record]:
    try:
        saved = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError,
            IndexError, KeyError, MemoryError):
        return {}
    if not (isinstance(saved, tuple) and len(saved) == 3 and saved[:2] == (FORMAT, code)):
        return {}
    records = saved[2]
    if not isinstance(records, dict):
        return {}
    return {key: value for key, value in records.items() if _well_formed(value)}


def _well_formed(record: object) -> bool:
    return (isinstance(record, tuple) and len(record) == 4 and isinstance(record[0], str)
            and all(isinstance(part, bytes) for part in record[1:]))


def analysis_fingerprint() -> str:
    """The analysis code and data: ``portal/search`` and ``portal/content`` (which make the texts), the
    dictionaries, the versions of the segmenter and of the character conversion, and Unicode's."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent.parent
    for folder in ("search", "content"):
        digest.update(code_fingerprint(package / folder).encode())
    for data in (USERDICT, _jieba_dict()):
        digest.update(data.read_bytes())
    for name in _PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=;".encode())
    digest.update(f"{unicodedata.unidata_version};{sys.version_info[:2]}".encode())
    return digest.hexdigest()


def open_store(cache_dir: Path | str) -> AnalysisStore:
    """The stored analyses of the commands, in ``cache_dir`` (GENERATED_CACHE_DIR)."""
    return AnalysisStore(Path(cache_dir) / STORE_NAME, analysis_fingerprint())
