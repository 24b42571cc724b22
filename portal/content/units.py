"""Teaching units: curricula entries that share a ``unit`` name, in ``unit_order``, and their checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..messages import _
from .catalog import Catalog
from .errors import Problem
from .loader import slugify
from .model import Entry
from .teaching import BANDS, TeachingInfo


@dataclass(frozen=True)
class Unit:
    """A sequence of resources for one band: its name, URL key (学段-单元) and entries in order."""

    name: str
    key: str
    entries: tuple[Entry, ...]

    @property
    def band(self) -> str | None:
        """The band of the unit's first resource."""
        return info(self.entries[0]).band

    @property
    def title(self) -> str:
        """The title of the first resource (the lesson plan, by convention)."""
        return self.entries[0].title


def info(entry: Entry) -> TeachingInfo:
    """The teaching fields of a curricula entry."""
    return entry.extra["teaching"]


def resources(catalog: Catalog, now: dt.datetime, show_drafts: bool = False) -> list[Entry]:
    """Visible curricula entries ordered by band (小学低年级 → 高中), then unit and position, then title."""
    found = catalog.section("curricula", now, show_drafts)
    return sorted(found, key=lambda e: (info(e).band_rank, info(e).unit or e.title, info(e).unit_order, e.title))


def units(catalog: Catalog, now: dt.datetime, show_drafts: bool = False) -> list[Unit]:
    """Every unit of visible resources, in band order."""
    groups: dict[str, list[Entry]] = {}
    for entry in resources(catalog, now, show_drafts):
        if info(entry).unit:
            groups.setdefault(info(entry).unit, []).append(entry)
    return [Unit(name, slugify("-".join(p for p in (info(items[0]).band, name) if p)), tuple(items))
            for name, items in groups.items()]


def unit_named(catalog: Catalog, key: str, now: dt.datetime, show_drafts: bool = False) -> Unit | None:
    """The unit whose URL key is ``key``, or None."""
    return next((u for u in units(catalog, now, show_drafts) if u.key == key), None)


def unit_of(catalog: Catalog, entry: Entry, now: dt.datetime, show_drafts: bool = False) -> Unit | None:
    """The unit ``entry`` belongs to, or None."""
    name = info(entry).unit
    return next((u for u in units(catalog, now, show_drafts) if u.name == name), None) if name else None


SHEETS = (("学习单", "worksheet", "学习单"), ("测验", "quiz", "测验"))


def check_sheets(entry: Entry) -> list[Problem]:
    """A declared worksheet or quiz without its section, and a quiz without answers (warnings)."""
    problems = []
    lesson, line = entry.extra["lesson"], entry.extra["line_of"].get("resource_types", 1)
    for kind, role, heading in SHEETS:
        section = lesson.role(role)
        if kind in info(entry).resource_types and section is None:
            problems.append(Problem(entry.path, line, _(
                "resource_types 写了 %(kind)s，但正文没有 “## %(heading)s” 一节，不会生成这个文件",
                kind=kind, heading=heading), "warning"))
    quiz = lesson.role("quiz")
    if quiz is not None and not any(b.teacher_only for b in quiz.blocks):
        problems.append(Problem(entry.path, line, _(
            "“## 测验” 一节没有参考答案：请加 “### 参考答案” 小节，答案卷才有内容"), "warning"))
    return problems


def check_units(catalog: Catalog) -> list[Problem]:
    """Two resources at one position of a unit, or one unit spanning several bands, with file:line."""
    problems: list[Problem] = []
    for entry in catalog.entries.values():
        if entry.section == "curricula":
            problems.extend(check_sheets(entry))
    groups: dict[str, list[Entry]] = {}
    for entry in catalog.entries.values():
        if entry.section == "curricula" and info(entry).unit:
            groups.setdefault(info(entry).unit, []).append(entry)
    for name, items in groups.items():
        items.sort(key=lambda e: (info(e).unit_order, str(e.path)))
        seen: dict[int, Entry] = {}
        for entry in items:
            lines = entry.extra["line_of"]
            first = seen.setdefault(info(entry).unit_order, entry)
            if first is not entry:
                problems.append(Problem(entry.path, lines.get("unit_order", lines.get("unit", 1)), _(
                    "单元 “%(unit)s” 的第 %(order)s 项已是 %(other)s：请改 unit_order",
                    unit=name, order=info(entry).unit_order, other=first.path.name)))
            band = info(items[0]).band
            if info(entry).band != band and band in BANDS:
                problems.append(Problem(entry.path, lines.get("band", 1), _(
                    "单元 “%(unit)s” 是 %(band)s 的单元（%(other)s），本资源的学段不同",
                    unit=name, band=band, other=items[0].path.name)))
    return problems
