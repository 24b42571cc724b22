"""The catalogue: every entry, read once, with the relations between documents."""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import Problem
from .model import Entry

LIBRARY_SECTIONS = ("laws", "policies")
_ORDINAL = re.compile(r"[（(]([一二三四五六七八九十]+)[）)]$")


@lru_cache(maxsize=65536)
def work_key(title: str) -> str:
    """Normalise a title so two copies or versions of one work compare equal."""
    text = unicodedata.normalize("NFKC", title)
    return re.sub(r"[\s、,，·\-—]+", "", text)


@lru_cache(maxsize=65536)
def series_key(title: str) -> tuple[str, str]:
    """Split a title into its series stem and its ordinal (一 when none is given)."""
    key = work_key(title)
    match = _ORDINAL.search(key)
    return (key[: match.start()], match.group(1)) if match else (key, "一")


def _sort_date(entry: Entry) -> dt.date:
    return entry.date or dt.date.min


@dataclass
class Catalog:
    """All entries and the links between them; built by :func:`loader.load_catalog`."""

    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    versions: dict[tuple[str, str], tuple[Entry, ...]] = field(default_factory=dict)
    series: dict[tuple[str, str], tuple[Entry, ...]] = field(default_factory=dict)
    also_from: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    indicators: tuple = ()  # of indicators.Indicator, from each folder's indicators/*.yaml
    synonyms: tuple = ()  # of synonyms.Synonym, from each folder's search/synonyms.yaml
    # Values computed from the whole catalogue on first use (citation index …); never compared.
    derived: dict = field(default_factory=dict, compare=False, repr=False)
    # When the content folders were read (time.time()): a newer catalogue wins the live search index.
    read_at: float = field(default_factory=time.time, compare=False)
    # Where the citation links of the last run are kept (GENERATED_CACHE_DIR, the commands only).
    citation_store: Path | None = field(default=None, compare=False, repr=False)

    def get(self, section: str, slug: str) -> Entry | None:
        """The entry ``slug`` of ``section``, or None."""
        return self.entries.get((section, slug))

    def library_entry(self, slug: str) -> Entry | None:
        """A law or policy by slug (they share one URL space)."""
        return next((e for s in LIBRARY_SECTIONS if (e := self.get(s, slug))), None)

    def in_sections(self, sections: tuple[str, ...], now: dt.datetime, show_drafts: bool = False) -> list[Entry]:
        """Visible entries of ``sections``, newest first (undated last)."""
        chosen = [e for e in self.entries.values() if e.section in sections and e.is_visible(now, show_drafts)]
        return sorted(chosen, key=lambda e: (_sort_date(e), e.title), reverse=True)

    def has_visible(self, name: str, now: dt.datetime, show_drafts: bool = False) -> bool:
        """Whether section ``name`` has anything visible at ``now`` (the menu shows only those)."""
        return any(e.section == name and e.is_visible(now, show_drafts) for e in self.entries.values())

    def section(self, name: str, now: dt.datetime, show_drafts: bool = False) -> list[Entry]:
        """Visible entries of one section, newest first."""
        return self.in_sections((name,), now, show_drafts)

    def library(self, now: dt.datetime, show_drafts: bool = False) -> list[Entry]:
        """Visible laws and policies, newest first."""
        return self.in_sections(LIBRARY_SECTIONS, now, show_drafts)

    def all_visible(self, now: dt.datetime, show_drafts: bool = False) -> list[Entry]:
        """Every visible entry, newest first."""
        return self.in_sections(tuple({e.section for e in self.entries.values()}), now, show_drafts)

    def link_relations(self) -> None:
        """Group versions of one work and members of one series."""
        works: dict[str, list[Entry]] = {}
        stems: dict[str, list[Entry]] = {}
        for entry in self.entries.values():
            if entry.section not in LIBRARY_SECTIONS:
                continue
            works.setdefault(work_key(entry.title), []).append(entry)
            stems.setdefault(series_key(entry.title)[0], []).append(entry)
        for group in works.values():
            if len(group) > 1:
                ordered = tuple(sorted(group, key=_sort_date, reverse=True))
                for entry in group:
                    self.versions[entry.key] = ordered
        for group in stems.values():
            ordinals = {series_key(e.title)[1] for e in group}
            if len(ordinals) > 1:
                ordered = tuple(sorted(group, key=lambda e: (_ordinal_value(series_key(e.title)[1]), _sort_date(e))))
                for entry in group:
                    self.series[entry.key] = ordered

    def is_newest_version(self, entry: Entry) -> bool:
        """True when the entry is the newest of its versions (or has none)."""
        group = self.versions.get(entry.key)
        return not group or group[0].key == entry.key


def _ordinal_value(ordinal: str) -> int:
    from .legal import chinese_number

    return chinese_number(ordinal)
