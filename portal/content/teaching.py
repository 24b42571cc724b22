"""Front-matter fields of a teaching resource (LRMI, see docs/metadata.md) and their checks.

A curricula entry describes one resource: who it is for (``band``), which subject it serves,
what kind of resource it is, what it teaches, how long it takes, what it needs, under which
licence it is offered and who wrote and reviewed it. ``unit`` and ``unit_order`` group
resources into a sequence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..messages import _
from .errors import Problem

BANDS = ("小学低年级", "小学中年级", "小学高年级", "初中", "高中")
RESOURCE_TYPES = ("教案", "课件", "学习单", "测验", "海报", "活动方案")
SUBJECTS = ("道德与法治", "科学", "信息科技", "美术", "语文", "综合实践", "思想政治", "历史", "地理", "劳动")

# (name, kind, allowed values): schema.py turns these into its Field objects.
TEACHING_FIELDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("band", "choice", BANDS),
    ("subjects", "str_or_list", SUBJECTS),
    ("resource_types", "str_or_list", RESOURCE_TYPES),
    ("objectives", "list", ()),
    ("duration_minutes", "str", ()),
    ("materials", "list", ()),
    ("licence", "str", ()),
    ("reviewer", "str", ()),
    ("review_date", "date", ()),
    ("unit", "str", ()),
    ("unit_order", "str", ()),
    ("topics", "list", ()),
)


@dataclass(frozen=True)
class TeachingInfo:
    """The teaching fields of one curricula entry, typed; read once with the catalogue.

    ``licence`` is None when the file names none: the site's LICENCE setting applies then.
    ``topics`` are the IP fields the resource teaches (``ip_fields``) plus any ``topics`` it names.
    """

    band: str | None
    subjects: tuple[str, ...]
    resource_types: tuple[str, ...]
    topics: tuple[str, ...]
    objectives: tuple[str, ...]
    duration_minutes: int | None
    materials: tuple[str, ...]
    licence: str | None
    author: str | None
    reviewer: str | None
    review_date: dt.date | None
    unit: str | None
    unit_order: int
    sample: bool

    @property
    def band_rank(self) -> int:
        """Position of the band from 小学低年级 (0) to 高中 (4); entries without a band last."""
        return BANDS.index(self.band) if self.band in BANDS else len(BANDS)


def _items(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v).strip() for v in (value if isinstance(value, list) else [value]) if str(v).strip())


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()) if value else None


def teaching_info(meta: dict[str, Any]) -> dict[str, TeachingInfo]:
    """``Entry.extra["teaching"]`` of a curricula entry whose front matter has been validated."""
    topics = _items(meta.get("ip_fields")) + tuple(t for t in _items(meta.get("topics"))
                                                   if t not in _items(meta.get("ip_fields")))
    info = TeachingInfo(
        band=_text(meta.get("band")),
        subjects=_items(meta.get("subjects")),
        resource_types=_items(meta.get("resource_types")),
        topics=topics,
        objectives=_items(meta.get("objectives")),
        duration_minutes=meta.get("duration_minutes"),
        materials=_items(meta.get("materials")),
        licence=_text(meta.get("licence")),
        author=_text(meta.get("author")),
        reviewer=_text(meta.get("reviewer")),
        review_date=_date(meta.get("review_date")),
        unit=_text(meta.get("unit")),
        unit_order=meta.get("unit_order") or 1,
        sample=bool(meta.get("sample", False)),
    )
    return {"teaching": info}


def teaching_problems(meta: dict[str, Any], key_lines: dict[str, int], path) -> list[Problem]:
    """Checks the field types cannot express: a positive duration and a whole unit position."""
    problems = []
    for name in ("duration_minutes", "unit_order"):
        value = meta.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            problems.append(Problem(path, key_lines.get(name, 1), _("“%(name)s” 应是不小于 1 的整数", name=name)))
    if meta.get("unit_order") is not None and not meta.get("unit"):
        problems.append(Problem(path, key_lines.get("unit_order", 1), _("写了 unit_order 就要写 unit（它排序的单元）")))
    if meta.get("reviewer") and meta.get("review_date") is None:
        problems.append(
            Problem(path, key_lines.get("reviewer", 1), _("写了 reviewer 就要写 review_date（YYYY-MM-DD）"))
        )
    return problems
