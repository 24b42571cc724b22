"""Parsed content files kept between reloads."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path


class ParseCache:
    """Parsed files keyed by path and modification stamp, so a reload re-reads only what changed."""

    def __init__(self, on_parsed: Callable[[object], None] | None = None) -> None:
        self.results: dict[Path, tuple[tuple[int, int], object]] = {}
        self.misses = 0
        self.on_parsed = on_parsed  # given each fresh result before it is kept

    def stamp(self, path: Path) -> object:
        """What tells an unchanged file: its modification time and size (raises OSError when unreadable)."""
        info = path.stat()
        return (info.st_mtime_ns, info.st_size)

    def get(self, path: Path, parse):
        """``parse()`` of ``path``, from the cache while the file is unchanged."""
        try:
            stamp = self.stamp(path)
        except OSError:
            return parse()
        cached = self.results.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        self.misses += 1
        result = parse()
        if self.on_parsed is not None:
            self.on_parsed(result)
        self.results[path] = (stamp, result)
        return result


# Sections whose entries are a function of their own file alone (no attachments, no files beside them).
_SELF_CONTAINED = frozenset({"laws", "policies", "news", "guides", "pages"})


class StoredParseCache(ParseCache):
    """A :class:`ParseCache` kept in a file between runs (``portal build``, ``portal check``).

    Only entries that depend on their own file alone are stored (laws, policies, news, guides,
    pages without attachments), under a fingerprint of the code that parses them, so a new
    version of the portal or an attachment changed beside a file never gives a stale entry.
    """

    def __init__(self, store: Path, code: str, on_parsed: Callable[[object], None] | None = None) -> None:
        super().__init__(on_parsed)
        self.store, self.code = store, code
        try:
            saved = pickle.loads(store.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
            saved = None
        if isinstance(saved, tuple) and len(saved) == 2 and saved[0] == code:
            self.results.update(saved[1])
        self.loaded = len(self.results)
        self.changed = False  # a storable file was parsed afresh: the store is out of date

    def get(self, path: Path, parse):
        """As :meth:`ParseCache.get`; notes when the result is one the store keeps."""

        def parse_and_note():
            result = parse()
            self.changed = self.changed or _storable(result)
            return result

        return super().get(path, parse_and_note)

    def stamp(self, path: Path) -> object:
        """A hash of the file's bytes: a file rewritten within the clock's resolution is still seen."""
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()

    def save(self) -> None:
        """Write the storable results, atomically, when this run parsed a storable file afresh
        (files never stored, such as campaigns, are parsed on every run and change nothing here)."""
        if not self.changed:
            return
        kept = {path: value for path, value in self.results.items() if _storable(value[1])}
        self.store.parent.mkdir(parents=True, exist_ok=True)
        partial = self.store.with_name(f"{self.store.name}.{os.getpid()}.partial")
        try:
            partial.write_bytes(pickle.dumps((self.code, kept), protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(partial, self.store)
        except OSError:
            partial.unlink(missing_ok=True)  # a read-only cache folder only costs the next run time


def _storable(result: object) -> bool:
    entry = result[0] if isinstance(result, tuple) and result else None
    return (
        entry is not None
        and getattr(entry, "section", None) in _SELF_CONTAINED
        and not getattr(entry, "attachments", ())
    )


def code_fingerprint(folder: Path) -> str:
    """A fingerprint of the Python files under ``folder`` (the parsing code)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stored_cache(cache_dir: Path | str, on_parsed: Callable[[object], None] | None = None) -> StoredParseCache:
    """The stored parse cache of the commands, in ``cache_dir`` (GENERATED_CACHE_DIR); ``on_parsed`` is
    given each file parsed afresh before it is stored (the build computes entry fingerprints there)."""
    package = Path(__file__).resolve().parent.parent
    return StoredParseCache(Path(cache_dir) / "parsed-content.pickle", code_fingerprint(package), on_parsed)
