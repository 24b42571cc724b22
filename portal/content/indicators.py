"""IP indicators: the targets the policies set and the yearly figures staff enter.

Staff keep them in ``indicators/*.yaml`` inside a content folder. Each indicator names the
policy that sets its target and quotes the target's wording exactly (checked against the
policy's text by :func:`check_indicators`); each yearly value carries its source and the date
it was taken. Values marked ``sample: true`` are examples, labelled 示例数据 on every page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from ..messages import _, suggest
from .errors import Problem
from .lined_yaml import Lined as _Lined
from .lined_yaml import LineLoader as _LineLoader
from .lined_yaml import syntax_problem as _syntax_problem

FOLDER = "indicators"
YEAR_RANGE = (1990, 2100)
KINDS = ("预期性", "约束性")
INDICATOR_KEYS = {
    "id": True,
    "name": True,
    "name_en": False,
    "unit": True,
    "unit_en": False,
    "definition": True,
    "definition_en": False,
    "kind": False,
    "target": False,
    "target_text": False,
    "target_year": True,
    "policy": True,
    "quote": True,
    "values": True,
}
VALUE_KEYS = {"year": True, "value": True, "unit": False, "source": True, "date": True, "sample": False, "note": False}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class IndicatorValue:
    """One year's figure, where it comes from and when it was taken."""

    year: int
    value: Decimal
    source: str
    date: dt.date
    sample: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Indicator:
    """A policy target and the yearly figures measured against it."""

    id: str
    name: str
    unit: str
    definition: str
    target_year: int
    policy: str
    quote: str
    values: tuple[IndicatorValue, ...]
    path: Path
    line: int
    target: Decimal | None = None
    target_text: str | None = None
    kind: str | None = None
    name_en: str | None = None
    unit_en: str | None = None
    definition_en: str | None = None

    @property
    def sample(self) -> bool:
        """True when any figure shown is an example, not a real statistic."""
        return any(v.sample for v in self.values)

    @property
    def latest(self) -> IndicatorValue | None:
        """The newest yearly figure."""
        return self.values[-1] if self.values else None

    def gap(self) -> Decimal | None:
        """How far the newest figure is below the numeric target (0 once it is reached)."""
        if self.target is None or self.latest is None:
            return None
        return max(self.target - self.latest.value, Decimal(0))


def read_indicators(folders: list[Path]) -> tuple[tuple[Indicator, ...], list[Problem]]:
    """Every indicator of every content folder's ``indicators/*.yaml``, and the problems found."""
    indicators: list[Indicator] = []
    problems: list[Problem] = []
    for root in folders:
        folder = Path(root) / FOLDER
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
                if not path.name.startswith((".", "_")):
                    found, file_problems = _read_file(path)
                    indicators += found
                    problems += file_problems
    seen: dict[str, Indicator] = {}
    for indicator in indicators:
        if indicator.id in seen:
            problems.append(
                Problem(
                    indicator.path,
                    indicator.line,
                    _(
                        "指标编号 “%(id)s” 重复（已用于 %(other)s）：每个指标的 id 只能用一次",
                        id=indicator.id,
                        other=str(seen[indicator.id].path),
                    ),
                )
            )
        seen.setdefault(indicator.id, indicator)
    return tuple(seen.values()), problems


def _read_file(path: Path) -> tuple[list[Indicator], list[Problem]]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(path, 1, _("无法读取指标数据文件：%(reason)s", reason=str(exc)))]
    except yaml.YAMLError as exc:
        return [], [_syntax_problem(path, exc)]
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        return [], [Problem(path, 1, _("指标数据文件应以 “indicators:” 开头，下面逐项列出指标"))]
    found, problems = [], []
    for item in data["indicators"]:
        indicator, item_problems = _indicator(item, path)
        problems += item_problems
        if indicator is not None:
            found.append(indicator)
    return found, problems


def _unknown_keys(item: _Lined, known: dict[str, bool], path: Path, what: str) -> list[Problem]:
    problems = []
    for key in item:
        if str(key) not in known:
            hint = suggest(str(key), known) or _("可用的键：%(keys)s", keys=", ".join(known))
            problems.append(
                Problem(
                    path,
                    item.lines.get(str(key), item.line),
                    _("%(what)s中有未知的键 “%(key)s”。%(hint)s", what=what, key=str(key), hint=hint),
                )
            )
    for key, required in known.items():
        if required and (item.get(key) is None or str(item.get(key)).strip() == ""):
            problems.append(Problem(path, item.line, _("%(what)s缺少 “%(key)s”", what=what, key=key)))
    return problems


def _indicator(item: Any, path: Path) -> tuple[Indicator | None, list[Problem]]:
    if not isinstance(item, _Lined):
        return None, [Problem(path, 1, _("每个指标都要写成键和值（id、name、unit ……）"))]
    problems = _unknown_keys(item, INDICATOR_KEYS, path, _("指标 “%(id)s”", id=str(item.get("id", "?"))))
    if item.get("target") is None and not item.get("target_text"):
        problems.append(
            Problem(
                path,
                item.line,
                _(
                    "指标 “%(id)s” 没有目标：写 target（数字），政策没有给出数字时写 target_text（政策原话）",
                    id=str(item.get("id", "?")),
                ),
            )
        )
    if item.get("id") is not None and not _ID.match(str(item["id"])):
        problems.append(
            Problem(
                path, item.lines.get("id", item.line), _("id “%(id)s” 只能用小写字母、数字和 -", id=str(item["id"]))
            )
        )
    target = _number(item, "target", path, problems) if item.get("target") is not None else None
    target_year = _year(item, "target_year", path, problems)
    if item.get("kind") is not None and item["kind"] not in KINDS:
        problems.append(
            Problem(path, item.lines.get("kind", item.line), _("kind 只能是 %(kinds)s", kinds="、".join(KINDS)))
        )
    values = _values(item, path, problems)
    if problems:
        return None, problems
    return Indicator(
        id=str(item["id"]),
        name=str(item["name"]),
        unit=str(item["unit"]),
        definition=str(item["definition"]).strip(),
        target_year=target_year,
        policy=str(item["policy"]),
        quote=str(item["quote"]).strip(),
        values=values,
        path=path,
        line=item.line,
        target=target,
        target_text=_opt(item, "target_text"),
        kind=_opt(item, "kind"),
        name_en=_opt(item, "name_en"),
        unit_en=_opt(item, "unit_en"),
        definition_en=_opt(item, "definition_en"),
    ), []


def _opt(item: dict, key: str) -> str | None:
    value = item.get(key)
    return None if value is None or str(value).strip() == "" else str(value).strip()


def _number(item: _Lined, key: str, path: Path, problems: list[Problem]) -> Decimal | None:
    raw = item.get(key)
    line = item.lines.get(key, item.line)
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        problems.append(
            Problem(path, line, _("%(key)s 应是数字，而不是 %(raw)s（只写数字，例如 1.12）", key=key, raw=repr(raw)))
        )
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        problems.append(
            Problem(path, line, _("%(key)s 应是数字，而不是 %(raw)s（只写数字，例如 1.12）", key=key, raw=repr(raw)))
        )
        return None


def _year(item: _Lined, key: str, path: Path, problems: list[Problem]) -> int:
    raw = item.get(key)
    if raw is None:
        return 0
    if isinstance(raw, bool) or not isinstance(raw, int) or not YEAR_RANGE[0] <= raw <= YEAR_RANGE[1]:
        low, high = YEAR_RANGE
        problems.append(
            Problem(
                path,
                item.lines.get(key, item.line),
                _(
                    "%(key)s 应是 %(low)s 至 %(high)s 之间的年份，而不是 %(raw)s",
                    key=key,
                    low=low,
                    high=high,
                    raw=repr(raw),
                ),
            )
        )
        return 0
    return raw


def _values(item: _Lined, path: Path, problems: list[Problem]) -> tuple[IndicatorValue, ...]:
    raw = item.get("values")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(Problem(path, item.lines.get("values", item.line), _("values 应逐年列出数据")))
        return ()
    values: dict[int, IndicatorValue] = {}
    for row in raw:
        value = _value(row, str(item.get("unit", "")), path, problems)
        if value is not None and value.year in values:
            problems.append(Problem(path, row.line, _("%(year)s 年的数据写了两次", year=value.year)))
        elif value is not None:
            values[value.year] = value
    return tuple(values[year] for year in sorted(values))


def _value(row: Any, unit: str, path: Path, problems: list[Problem]) -> IndicatorValue | None:
    if not isinstance(row, _Lined):
        problems.append(Problem(path, 1, _("每条年度数据都要写 year、value、source、date")))
        return None
    before = len(problems)
    problems += _unknown_keys(row, VALUE_KEYS, path, "a yearly figure")
    year = _year(row, "year", path, problems)
    number = _number(row, "value", path, problems) if row.get("value") is not None else None
    if row.get("unit") is not None and str(row["unit"]) != unit:
        problems.append(
            Problem(
                path,
                row.lines.get("unit", row.line),
                _(
                    "单位 “%(unit)s” 与指标的单位 “%(own)s” 不同：请换算成同一单位，不要混用",
                    unit=str(row["unit"]),
                    own=unit,
                ),
            )
        )
    date = row.get("date")
    if date is not None and not isinstance(date, dt.date):
        problems.append(
            Problem(
                path, row.lines.get("date", row.line), _("date 应是日期（YYYY-MM-DD），而不是 %(raw)s", raw=repr(date))
            )
        )
    if len(problems) > before or number is None:
        return None
    return IndicatorValue(
        year, number, str(row["source"]).strip(), date, bool(row.get("sample", False)), _opt(row, "note")
    )


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u3000", " "))


def check_indicators(
    indicators: tuple[Indicator, ...], policy_text: dict[str, str], production: bool = False
) -> list[Problem]:
    """The policy each indicator cites exists and contains the quoted target word for word.

    With ``production``, indicators showing sample figures are flagged as well.
    """
    problems = []
    for indicator in indicators:
        if indicator.policy not in policy_text:
            hint = suggest(indicator.policy, policy_text)
            message = _(
                "指标 “%(id)s”：法规库中没有 “%(policy)s” 这份政策文件。%(hint)s",
                id=indicator.id,
                policy=indicator.policy,
                hint=hint,
            )
            problems.append(Problem(indicator.path, indicator.line, message))
        elif _squash(indicator.quote) not in _squash(policy_text[indicator.policy]):
            message = _(
                "指标 “%(id)s”：quote 的文字在 “%(policy)s” 原文中找不到，请逐字照录原文",
                id=indicator.id,
                policy=indicator.policy,
            )
            problems.append(Problem(indicator.path, indicator.line, message))
        if production and indicator.sample:
            message = _("指标 “%(id)s” 含有示例数据（sample: true）：正式发布前请换成实际统计数据", id=indicator.id)
            problems.append(Problem(indicator.path, indicator.line, message))
    return problems
