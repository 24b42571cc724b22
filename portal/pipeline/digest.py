"""Fingerprints: of any value a page reads, and of each read (:mod:`.trace`) against a catalogue.

Two reads with equal fingerprints gave the page the same values, so a page whose reads all
keep their fingerprints renders to the same bytes (given the same code, templates and settings:
:mod:`.manifest`'s site fingerprint).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import re
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from pathlib import PurePath

from ..content.catalog import Catalog
from ..content.model import Entry
from .trace import Read, untracked

_SCALARS = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time, dt.timedelta, PurePath, enum.Enum)
_SCALARS += (decimal.Decimal,)


def stable(value: object) -> str:
    """A text that is equal for equal values, whatever the process (no ids, no set order).

    Entries are written as their key only: what a page reads of an entry is a read of its own.
    """
    parts: list[str] = []
    _stable_into(value, parts)
    return "".join(parts)


def _stable_into(value: object, out: list[str]) -> None:
    value = untracked(value)
    if isinstance(value, Entry):
        out.append(f"E({object.__getattribute__(value, 'section')}/{object.__getattribute__(value, 'slug')})")
    elif type(value) is str:
        out.append(f"s{len(value)}:{value}")
    elif isinstance(value, _SCALARS):
        out.append(f"{type(value).__name__}:{value!r};")
    elif isinstance(value, dict):
        out.append(f"{type(value).__name__}{{")
        for text in sorted(stable(k) + "=" + stable(v) for k, v in value.items()):
            out.append(text + ",")
        out.append("}")
    elif isinstance(value, set | frozenset):
        out.append("set{" + ",".join(sorted(stable(v) for v in value)) + "}")
    elif isinstance(value, list | tuple):
        out.append(f"{type(value).__name__}[")
        for item in value:
            _stable_into(item, out)
        out.append("]")
    elif is_dataclass(value) and not isinstance(value, type):
        out.append(f"{type(value).__name__}(")
        for f in fields(value):
            out.append(f.name + "=")
            _stable_into(getattr(value, f.name), out)
        out.append(")")
    elif isinstance(value, re.Pattern):
        out.append(f"re({value.pattern!r},{value.flags})")
    else:
        raise TypeError(f"no stable fingerprint for {type(value).__name__}")


def fingerprint(value: object) -> str:
    """A short hash of :func:`stable` of ``value``."""
    return hashlib.blake2b(stable(value).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


_OWN_PRINT = "_own_print"  # kept in an entry's __dict__ (not a field): stored with it by the parse cache


def own_print(entry: Entry) -> str:
    """The fingerprint of every field of ``entry``, computed once per entry object.

    Entries are immutable, so the value stays right for the object's life; an entry the parse
    cache stored after its print was known is loaded with it (the cache's code fingerprint
    covers this function), which spares the next build hashing every unchanged entry again.
    """
    own = object.__getattribute__(entry, "__dict__")
    found = own.get(_OWN_PRINT)
    if found is None:
        get = object.__getattribute__
        text = "|".join(f"{f.name}={stable(get(entry, f.name))}" for f in fields(Entry))
        found = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
        own[_OWN_PRINT] = found
    return found


class Fingerprints:
    """The fingerprint of each read against one catalogue at one moment (computed once each)."""

    def __init__(self, catalog: Catalog, moment: dt.datetime) -> None:
        self.catalog, self.moment = catalog, moment
        self._known: dict[Read, str | None] = {}

    def of(self, read: Read) -> str | None:
        """The read's fingerprint, or None when it cannot be told (the page must be rendered)."""
        if read not in self._known:
            self._known[read] = self._compute(read)
        return self._known[read]

    def _compute(self, read: Read) -> str | None:
        kind, *args = read
        try:
            return _KINDS[kind](self, *args)
        except (KeyError, TypeError):
            return None

    def entry(self, section: str, slug: str) -> str:
        found = self.catalog.entries.get((section, slug))
        if found is None:
            return "-"
        return f"{own_print(found)}|{found.is_visible(self.moment):d}{found.is_visible(self.moment, True):d}"

    def has(self, section: str, slug: str) -> str:
        return "1" if (section, slug) in self.catalog.entries else "0"

    def visible_list(self, sections: tuple[str, ...], drafts: bool) -> str:
        return fingerprint([e.key for e in Catalog.in_sections(self.catalog, sections, self.moment, drafts)])

    def any_visible(self, section: str, drafts: bool) -> str:
        return "1" if Catalog.has_visible(self.catalog, section, self.moment, drafts) else "0"

    def table(self, name: str) -> str:
        return fingerprint(list(getattr(self.catalog, name)))

    def row(self, name: str, key) -> str:
        return fingerprint(getattr(self.catalog, name).get(key, "-"))

    def derived_row(self, name: str, field: str, key) -> str | None:
        value = self._derived(name, field)
        return None if value is None else fingerprint(value.get(key, "-"))

    def derived_all(self, name: str, field: str) -> str | None:
        value = self._derived(name, field)
        return None if value is None else fingerprint(value)

    def _derived(self, name: str, field: str):
        if name not in self.catalog.derived:
            return None  # a cache filled by the pages themselves: not known before they render
        value = untracked(self.catalog.derived[name])
        return untracked(getattr(value, field)) if field else value


_KINDS: dict[str, Callable[..., str | None]] = {
    "e": Fingerprints.entry,
    "has": Fingerprints.has,
    "list": Fingerprints.visible_list,
    "any": Fingerprints.any_visible,
    "all": Fingerprints.table,
    "rel": Fingerprints.row,
    "dkey": Fingerprints.derived_row,
    "dall": Fingerprints.derived_all,
}


def print_parsed(result: object) -> None:
    """Compute the :func:`own_print` of a freshly parsed ``(entry, …)`` result, so the parse cache stores it."""
    entry = result[0] if isinstance(result, tuple) and result else None
    if isinstance(entry, Entry):
        own_print(entry)
