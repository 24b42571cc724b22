"""Short addresses of laws: ``/zh/library/专利法/`` is the current version of the work.

The short name of a law is the name it is cited by: its title without 中华人民共和国 (see
:func:`portal.citations.resolve.short_name`), shared by every version of the work. Decisions:

- only laws (``laws``) get short names: policy titles such as 关于进一步加强知识产权工作的实施意见
  are issued by many bodies, and policies already have short addresses (``wushan-2022-ip-work``);
- when several different works share one short name (中华人民共和国示例法 and a local 示例法),
  the short address is a page listing them, and no article link of either uses it;
- a short name that is already the slug of a page stays that page (a law filed without a date is
  its own short address); a name with ``/`` or ``.`` cannot be an address and gets none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .citations.resolve import short_name
from .content.catalog import Catalog, work_key
from .content.model import Entry

SHORT_NAME_SECTIONS = ("laws",)


@dataclass(frozen=True)
class ShortName:
    """A short name and the works it names: each work's versions, newest first."""

    name: str
    works: tuple[tuple[Entry, ...], ...]

    @property
    def ambiguous(self) -> bool:
        """Whether the name belongs to more than one work (its address lists them)."""
        return len(self.works) > 1


def short_names(catalog: Catalog) -> dict[str, ShortName]:
    """Every short address of the catalogue by its name, computed once."""
    found = catalog.derived.get("short_names")
    if found is None:
        found = catalog.derived["short_names"] = _collect(catalog)
    return found


def _collect(catalog: Catalog) -> dict[str, ShortName]:
    works: dict[str, dict[str, tuple[Entry, ...]]] = {}
    for entry in catalog.entries.values():
        if entry.section not in SHORT_NAME_SECTIONS:
            continue
        name = short_name(entry.title)
        if not name or "/" in name or "." in name:
            continue
        versions = catalog.versions.get(entry.key) or (entry,)
        works.setdefault(name, {})[work_key(entry.title)] = versions
    found = {}
    for name, by_work in works.items():
        owner = catalog.library_entry(name)
        if owner is not None:  # the address is already a page: that page, for its own work only
            if len(by_work) == 1 and any(owner in versions for versions in by_work.values()):
                found[name] = ShortName(name, tuple(by_work.values()))
            continue
        found[name] = ShortName(name, tuple(by_work[key] for key in sorted(by_work)))
    return found


def lookup(catalog: Catalog, requested: str) -> ShortName | None:
    """The short name a requested address means: exact, or written with 中华人民共和国, spaces or 、."""
    names = short_names(catalog)
    return names.get(requested) or names.get(short_name(requested))


def current_version(versions: tuple[Entry, ...], moment: dt.datetime, drafts: bool = False) -> Entry | None:
    """The newest version published at ``moment`` (versions are ordered newest first)."""
    return next((v for v in versions if v.is_visible(moment, drafts)), None)


def short_name_for(catalog: Catalog, entry: Entry, moment: dt.datetime, drafts: bool = False) -> str | None:
    """The short name whose address shows ``entry``: only for the current version of a work named alone."""
    if entry.section not in SHORT_NAME_SECTIONS:
        return None
    found = short_names(catalog).get(short_name(entry.title))
    if found is None or found.ambiguous:
        return None
    current = current_version(found.works[0], moment, drafts)
    return found.name if current is not None and current.key == entry.key else None


def frozen_short_names(catalog: Catalog, moment: dt.datetime) -> list[str]:
    """Short names that need a page of their own in the build (not already a page, something visible)."""
    return [
        found.name
        for found in short_names(catalog).values()
        if catalog.library_entry(found.name) is None
        and any(current_version(versions, moment) for versions in found.works)
    ]


def frozen_short_targets(catalog: Catalog, moment: dt.datetime) -> dict[str, str]:
    """Short name → slug of the one current version its address shows (names of several works excluded).

    That page is the version's own page byte for byte, so a build links one file to both addresses.
    """
    found: dict[str, str] = {}
    for name in frozen_short_names(catalog, moment):
        current = [v for versions in short_names(catalog)[name].works if (v := current_version(versions, moment))]
        if len(current) == 1:
            found[name] = current[0].slug
    return found
