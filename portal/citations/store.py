"""Each entry's citation links kept between runs of the commands (``portal build``, ``portal check``).

What linking one entry gives (its HTML, whom it cites, its link count, its problems) depends on:

- the entry itself: its key, file path, section, title, date, article anchors and HTML (and, for
  the line numbers of its problems, the bytes of its file);
- the *citation universe*: every law and policy as resolution reads them (key, title, date,
  version date and publication date, article anchors, in catalogue order), and the code that links.

A stored result is reused only when both are unchanged, so the index is the one
:func:`~portal.citations.link.build_index` computes from scratch. Editing or adding a news item
relinks that item alone; any change to a law's or policy's title, dates or articles (or adding or
removing one) changes the universe and relinks every entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import Counter
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from ..content.catalog import LIBRARY_SECTIONS, Catalog
from ..content.errors import Problem
from ..content.model import Entry
from ..messages import Text
from .link import CitationIndex, bare_names, html_parts, link_parts

STORE_NAME = "citations.pickle"
_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent.parent
# The code a result is made by: the linking, the content model it reads, URLs and messages.
_CODE = ("citations", "content", "urls.py", "messages.py")

Key = tuple[str, str]
Edit = tuple[int, int, str]  # entry.html[start:end] is replaced by the text
# (entry digest, edits of the HTML, ((cited key, count), …) in first-cited order, links, problems, file digest)
Result = tuple[bytes, tuple[Edit, ...], tuple[tuple[Key, int], ...], int, tuple, bytes | None]


def store_path(cache_dir: Path | str) -> Path:
    """Where the commands keep the citation links, in ``cache_dir`` (GENERATED_CACHE_DIR)."""
    return Path(cache_dir) / STORE_NAME


@lru_cache(maxsize=4)
def code_fingerprint(package: Path = _PACKAGE) -> bytes:
    """A fingerprint of the Python files that link citations (see ``_CODE``)."""
    digest = hashlib.sha256()
    for part in _CODE:
        path = package / part
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.digest()[:16]


def _own(entry: Entry) -> str:
    """What linking reads of an entry's fields, apart from its HTML and file."""
    return repr((entry.key, entry.title, entry.date, [a.anchor for a in entry.articles]))


def universe_fingerprint(catalog: Catalog, code: bytes, owns: dict[Key, str] | None = None) -> bytes:
    """A fingerprint of everything the resolution of a citation reads of the library, and of ``code``.

    ``owns``: :func:`_own` of the entries, when already known.
    """
    digest = hashlib.sha256(code)
    for entry in catalog.entries.values():
        if entry.section in LIBRARY_SECTIONS:
            legal = entry.legal
            own = owns[entry.key] if owns is not None else _own(entry)
            dates = repr((legal.version_date, legal.published) if legal else None)
            digest.update(f"{own}\0{dates}\0".encode("utf-8", "surrogatepass"))
    return digest.digest()[:16]


def entry_digest(entry: Entry, own: str | None = None) -> bytes:
    """A digest of what linking ``entry`` reads of the entry itself (``own``: its :func:`_own`)."""
    own = _own(entry) if own is None else own
    digest = hashlib.sha256(f"{own}\0{entry.path}\0".encode("utf-8", "surrogatepass"))
    digest.update(entry.html.encode("utf-8", "surrogatepass"))
    return digest.digest()[:16]


def _file_digest(path: Path) -> bytes | None:
    try:
        return hashlib.sha256(path.read_bytes()).digest()[:16]
    except OSError:
        return None


def _encoded(value: Any) -> Any:
    """A message as plain tuples (a :class:`Text` does not pickle); other values as they are."""
    if isinstance(value, Text):
        return ("Text", value.msgid, {k: _encoded(v) for k, v in value.values.items()})
    return value


def _decoded(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 3 and value[0] == "Text":
        return Text(value[1], {k: _decoded(v) for k, v in value[2].items()})
    return value


class CitationStore:
    """The stored results of one universe, read from ``path``; a missing, corrupt or stale file is empty."""

    def __init__(self, path: Path, universe: bytes) -> None:
        self.path, self.universe = path, universe
        self.results: dict[Key, Result] = {}
        self.kept: dict[Key, Result] = {}
        self.changed = False
        try:
            saved = pickle.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 - any unreadable store is only a slower run
            saved = None
        if isinstance(saved, tuple) and len(saved) == 3 and saved[:2] == (_FORMAT, universe):
            self.results = saved[2]
        self.loaded = len(self.results)

    def reuse(self, entry: Entry, digest: bytes) -> Result | None:
        """The stored result of ``entry`` when its inputs are unchanged."""
        found = self.results.get(entry.key)
        if found is None or found[0] != digest:
            return None
        if found[4] and found[5] != _file_digest(entry.path):  # problems' line numbers come from the file
            return None
        return found

    def keep(self, key: Key, result: Result, fresh: bool) -> None:
        """Keep ``result`` for the next run (``fresh``: computed in this run)."""
        self.kept[key] = result
        self.changed |= fresh

    def save(self) -> None:
        """Write the results kept (entries of this catalogue only), atomically, when anything changed."""
        if not self.changed and self.kept.keys() == self.results.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        try:
            partial.write_bytes(pickle.dumps((_FORMAT, self.universe, self.kept), protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(partial, self.path)
        except OSError:
            partial.unlink(missing_ok=True)  # a read-only cache folder only costs the next run time


def _linked(catalog: Catalog, entry: Entry, names: tuple[str, ...], digest: bytes) -> Result:
    scratch = CitationIndex()
    original = html_parts(entry.html)
    linked = link_parts(catalog, entry, names, scratch, list(original))
    cites = tuple(scratch.cites.get(entry.key, Counter()).items())
    problems = tuple((p.line, _encoded(p.message), p.severity) for p in scratch.problems)
    source = _file_digest(entry.path) if problems else None
    return (digest, _edits(original, linked), cites, scratch.links[entry.key], problems, source)


def _edits(original: list[str], linked: list[str]) -> tuple[Edit, ...]:
    """The parts of the HTML that linking changed, by their place in the original (only text parts change)."""
    offsets = list(accumulate(map(len, original), initial=0))
    changed = (i for i in range(0, len(original), 2) if linked[i] is not original[i] and linked[i] != original[i])
    return tuple((offsets[i], offsets[i + 1], linked[i]) for i in changed)


def _applied(text: str, edits: tuple[Edit, ...]) -> str:
    out, at = [], 0
    for start, end, new in edits:
        out += (text[at:start], new)
        at = end
    out.append(text[at:])
    return "".join(out)


def _merge(index: CitationIndex, entry: Entry, result: Result) -> None:
    key = entry.key
    index.html[key] = _applied(entry.html, result[1])
    for target, count in result[2]:
        index.cited_by.setdefault(target, Counter())[key] += count
        index.cites.setdefault(key, Counter())[target] += count
    if result[3]:
        index.links[key] += result[3]
    index.problems.extend(Problem(entry.path, line, _decoded(m), severity) for line, m, severity in result[4])


def stored_index(catalog: Catalog, path: Path) -> CitationIndex:
    """The catalogue's citation index, relinking only the entries whose stored result may have changed."""
    owns = {key: _own(entry) for key, entry in catalog.entries.items()}
    store = CitationStore(path, universe_fingerprint(catalog, code_fingerprint(), owns))
    index = CitationIndex()
    names: tuple[str, ...] | None = None
    for entry in catalog.entries.values():
        digest = entry_digest(entry, owns[entry.key])
        result = store.reuse(entry, digest)
        fresh = result is None
        if result is None:
            names = bare_names(catalog) if names is None else names
            result = _linked(catalog, entry, names, digest)
        store.keep(entry.key, result, fresh)
        _merge(index, entry, result)
    store.save()
    return index
