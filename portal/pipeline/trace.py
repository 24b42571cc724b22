"""Record what a page reads from the catalogue while it renders.

While :func:`tracing` is active, every attribute read of an :class:`Entry`, every visible-list
query (``Catalog.in_sections`` and its shortcuts), every lookup by slug and every lookup in the
catalogue's relation tables and derived values (citation links, journeys, short names …) is
added, as a *read* (a small tuple), to the set of the page being rendered (:func:`recording`).
:mod:`.digest` gives each read a fingerprint.

Reads:

``("e", section, slug)``        an entry's fields
``("has", section, slug)``      whether an entry exists
``("list", sections, drafts)``  the visible entries of sections, in order
``("any", section, drafts)``    whether a section has anything visible
``("all", table)``              every key of a catalogue table (``entries`` …), in order
``("rel", table, key)``         one row of ``versions``, ``series``, ``also_from`` or ``entries``
``("dkey", name, field, key)``  one row of a derived mapping (``field`` is "" for a plain mapping)
``("dall", name, field)``       a derived value as a whole
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import fields, is_dataclass

from ..content.catalog import Catalog
from ..content.model import Entry

Read = tuple
RELATION_TABLES = ("entries", "versions", "series", "also_from")
# Derived caches whose rows are pure functions of entries the caller has just read (their keys are
# made of those entries): a row adds nothing to the caller's reads, so they are not tracked.
MEMO_CACHES = frozenset({"compare"})

UNKNOWN = frozenset({("unknown",)})  # a read no fingerprint can vouch for
_current: set[Read] | None = None


@contextlib.contextmanager
def recording() -> Iterator[set[Read]]:
    """Collect the reads made inside the block into the set yielded."""
    global _current
    outer, reads = _current, set()
    _current = reads
    try:
        yield reads
    finally:
        _current = outer
        if outer is not None:
            outer |= reads


def _note(read: Read) -> None:
    if _current is not None:
        _current.add(read)


def computed(compute):
    """``(compute(), the reads it made)``, for a memo kept outside the catalogue (see :func:`replay`).

    Outside :func:`tracing` the reads cannot be known: a page that takes the value is then noted
    as depending on something unknown, and is always rendered afresh.
    """
    if Entry.__getattribute__ is not _entry_getattribute:
        return compute(), UNKNOWN
    with recording() as reads:
        value = compute()
    return value, frozenset(reads)


def read_entry(entry: Entry) -> None:
    """Note a read of ``entry`` by a memo keyed by the entry object (its fields are not read on a hit)."""
    if _current is not None:
        get = object.__getattribute__
        _current.add(("e", get(entry, "section"), get(entry, "slug")))


def replay(reads: frozenset[Read]) -> None:
    """Note again the reads a memoised value was computed from, when a page takes it from the memo."""
    if _current is not None:
        _current.update(reads)


def _entry_getattribute(self: Entry, name: str):
    if _current is not None:
        get = object.__getattribute__
        _current.add(("e", get(self, "section"), get(self, "slug")))
    return object.__getattribute__(self, name)


class TrackedMapping(dict):
    """A dict that notes each key looked up, and a read of everything when iterated."""

    def __init__(self, data: dict, read_key, read_all: Read) -> None:
        super().__init__(data)
        self._read_key, self._read_all = read_key, read_all

    def __getitem__(self, key):
        _note(self._read_key(key))
        return super().__getitem__(key)

    def get(self, key, default=None):
        _note(self._read_key(key))
        return super().get(key, default)

    def __contains__(self, key) -> bool:
        _note(self._read_key(key))
        return super().__contains__(key)

    def __iter__(self):
        _note(self._read_all)
        return super().__iter__()

    def keys(self):
        _note(self._read_all)
        return super().keys()

    def values(self):
        _note(self._read_all)
        return super().values()

    def items(self):
        _note(self._read_all)
        return super().items()

    def __len__(self) -> int:
        _note(self._read_all)
        return super().__len__()


class TrackedFields:
    """A derived dataclass (the citation index): its mapping fields tracked row by row."""

    def __init__(self, name: str, value: object) -> None:
        self._name, self._value = name, value
        self._mappings = {
            f.name: _tracked_mapping(name, f.name, getattr(value, f.name))
            for f in fields(value)
            if type(getattr(value, f.name)) is dict
        }

    def __getattr__(self, field: str):
        if field in self._mappings:
            return self._mappings[field]
        _note(("dall", self._name, field))
        return getattr(self._value, field)


def _tracked_mapping(name: str, field: str, data: dict) -> TrackedMapping:
    return TrackedMapping(data, lambda key: ("dkey", name, field, key), ("dall", name, field))


class TrackedDerived(dict):
    """``catalog.derived`` during a build: mappings and dataclasses handed out as tracked views.

    Any other value (a tuple, a compiled pattern …) is handed out as it is, and noted as read whole.
    """

    def __init__(self, data: dict) -> None:
        super().__init__({name: _tracked_value(name, value) for name, value in data.items()})

    def _noted(self, name, value):
        if name not in MEMO_CACHES and not isinstance(value, TrackedMapping | TrackedFields):
            _note(("dall", name, ""))
        return value

    def __getitem__(self, name):
        return self._noted(name, super().__getitem__(name))

    def get(self, name, default=None):
        return self._noted(name, super().get(name, default)) if name in self else default

    def setdefault(self, name, default=None):
        if name not in self:
            super().__setitem__(name, _tracked_value(name, default))
        return self[name]

    def __setitem__(self, name, value) -> None:
        super().__setitem__(name, _tracked_value(name, value))


def _tracked_value(name: str, value: object) -> object:
    if name in MEMO_CACHES or isinstance(value, TrackedMapping | TrackedFields):
        return value
    if type(value) is dict:
        return _tracked_mapping(name, "", value)
    if is_dataclass(value) and not isinstance(value, type):
        return TrackedFields(name, value)
    return value


def untracked(value: object) -> object:
    """The value behind a tracked view (what :mod:`.digest` fingerprints)."""
    if isinstance(value, TrackedFields):
        return value._value
    if isinstance(value, TrackedMapping):
        return dict(dict.items(value))
    return value


@contextlib.contextmanager
def tracing(catalog: Catalog) -> Iterator[None]:
    """Make the catalogue and its entries note their reads (see :func:`recording`) inside the block."""
    saved = {name: getattr(catalog, name) for name in (*RELATION_TABLES, "derived")}
    methods = {name: getattr(Catalog, name) for name in ("in_sections", "get", "has_visible")}
    for name in RELATION_TABLES:
        table = saved[name]
        setattr(catalog, name, TrackedMapping(table, lambda key, n=name: ("rel", n, key), ("all", name)))
    catalog.derived = TrackedDerived(saved["derived"])
    Catalog.in_sections = _in_sections(methods["in_sections"])
    Catalog.get = _get(methods["get"])
    Catalog.has_visible = _has_visible(methods["has_visible"])
    Entry.__getattribute__ = _entry_getattribute
    try:
        yield
    finally:
        del Entry.__getattribute__
        for name, method in methods.items():
            setattr(Catalog, name, method)
        derived = {name: untracked(value) for name, value in dict.items(catalog.derived)}
        for name, value in saved.items():
            setattr(catalog, name, value)
        catalog.derived.update(derived)


def _in_sections(method):
    def in_sections(self, sections, now, show_drafts=False):
        _note(("list", tuple(sections), bool(show_drafts)))
        with _paused():
            return method(self, sections, now, show_drafts)

    return in_sections


def _has_visible(method):
    def has_visible(self, name, now, show_drafts=False):
        _note(("any", name, bool(show_drafts)))
        with _paused():
            return method(self, name, now, show_drafts)

    return has_visible


def _get(method):
    def get(self, section, slug):
        _note(("has", section, slug))
        return method(self, section, slug)

    return get


@contextlib.contextmanager
def _paused() -> Iterator[None]:
    """No reads noted inside (a list query reads every entry; its read covers them)."""
    global _current
    outer, _current = _current, None
    try:
        yield
    finally:
        _current = outer
