"""The sections the portal publishes and the front-matter fields each accepts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..messages import _, suggest
from .attachments import attachments_problem
from .campaign_schema import AUDIENCES, EVENT_STATUSES, campaign_info, check_campaign, check_event, event_info
from .errors import Problem
from .service_facts import service_facts_problem
from .steps import steps_problems
from .teaching import TEACHING_FIELDS, teaching_info, teaching_problems

LEVELS = ("宪法", "法律", "行政法规", "司法解释", "部门规章", "地方性法规", "地方政府规章", "规范性文件")
STATUSES = ("尚未生效", "现行有效", "已修改", "已废止")
IP_FIELDS = ("专利", "商标", "著作权", "地理标志", "植物新品种", "集成电路布图设计", "商业秘密", "综合")


@dataclass(frozen=True)
class Field:
    """One front-matter key: its type, whether it is required, and what it means."""

    name: str
    kind: str  # "str", "date", "bool", "list", "str_or_list", "choice", "attachments"
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A section of the site: its folder name, labels and accepted fields."""

    name: str
    label_zh: str
    label_en: str
    legal: bool
    fields: tuple[Field, ...]
    # Extra checks across fields, and typed values for ``Entry.extra`` (see campaign_schema.py).
    check: Callable[[dict, dict[str, int], Path], list[Problem]] | None = None
    extra: Callable[[dict], dict] | None = None

    def field(self, name: str) -> Field | None:
        """Return the field called ``name``, or None if this section has none."""
        return next((f for f in self.fields if f.name == name), None)


COMMON = (
    Field("title", "str", required=True),
    Field("title_en", "str"),
    Field("slug", "str"),
    Field("summary", "str"),
    Field("summary_en", "str"),
    Field("date", "date"),
    Field("draft", "bool"),
    Field("publish_at", "date"),
    Field("tags", "list"),
    Field("ip_fields", "str_or_list", choices=IP_FIELDS),
    Field("attachments", "attachments"),
    Field("sample", "bool"),  # starter content: marked on the page, an error in production (production.py)
)
LEGAL = (
    Field("level", "choice", choices=LEVELS),
    Field("region", "str"),
    Field("version_date", "date"),
    Field("history", "list"),
    Field("source_path", "str"),
    Field("source", "str"),
    Field("doc_number", "str"),
    Field("issuer", "str_or_list"),
    Field("status", "choice", choices=STATUSES),
    Field("published", "date"),
    Field("effective", "date"),
    Field("addressees", "str"),
    Field("cc", "str"),
    Field("disclosure", "str"),
)
ARTICLE = (Field("author", "str"), Field("image", "str"), Field("image_alt", "str"))
GUIDE = (Field("service_facts", "service_facts"), Field("steps", "steps"))
CAMPAIGN = (
    Field("year", "int"),
    Field("theme", "str"),
    Field("theme_source", "str"),
    Field("figures", "map"),
    Field("slogans", "list"),
    Field("quiz", "quiz"),  # checked item by item in toolkit.py
    Field("key_articles", "list"),
)
EVENT = (
    Field("campaign", "int", required=True),
    Field("start", "str", required=True),
    Field("end", "str", required=True),
    Field("place", "str", required=True),
    Field("organiser", "str", required=True),
    Field("audience", "choice", required=True, choices=AUDIENCES),
    Field("status", "choice", choices=EVENT_STATUSES),
    Field("registration", "str"),
)
TEACHING = tuple(Field(name, kind, choices=choices) for name, kind, choices in TEACHING_FIELDS)

SECTIONS: dict[str, Section] = {
    s.name: s
    for s in (
        Section("laws", "法律法规", "Laws and regulations", True, COMMON + LEGAL),
        Section("policies", "政策文件", "Policy documents", True, COMMON + LEGAL),
        Section("news", "新闻动态", "News", False, COMMON + ARTICLE),
        Section("guides", "办事指南", "Guides", False, COMMON + ARTICLE + GUIDE),
        Section(
            "campaigns", "宣传活动", "Campaigns", False, COMMON + ARTICLE + CAMPAIGN, check_campaign, campaign_info
        ),
        Section("curricula", "普及教育", "IP education", False, COMMON + ARTICLE + TEACHING, extra=teaching_info),
        Section("pages", "关于本站", "About", False, COMMON + ARTICLE),
        Section("reports", "年度报告", "Annual reports", False, COMMON + ARTICLE),
        Section("events", "宣传活动日程", "Campaign events", False, COMMON + EVENT, check_event, event_info),
    )
}


def parse_date(value: Any) -> dt.date | None:
    """Turn a YAML value into a date; None stays None; raise ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text).date() if "T" in text or " " in text else dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date (write YYYY-MM-DD)") from None


def parse_datetime(value: Any) -> dt.datetime | None:
    """Like :func:`parse_date` but keep a time of day when one is given."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date or date-time (write YYYY-MM-DD or YYYY-MM-DD HH:MM)") from None


def _check_value(field: Field, value: Any) -> str | None:
    """Return a message if ``value`` does not fit ``field``, else None."""
    name = field.name
    if value is None:
        return _("缺少必填字段 “%(name)s”：请加一行 %(name)s: …", name=name) if field.required else None
    if field.kind == "str" and not isinstance(value, (str, int, float)):
        return _("“%(name)s” 应为一行文字", name=name)
    if field.kind == "str" and field.required and not str(value).strip():
        return _("“%(name)s” 不能为空：请在冒号后写上内容", name=name)
    if field.kind == "attachments":
        return attachments_problem(value)
    if field.kind == "service_facts":
        return service_facts_problem(value)
    if field.kind == "bool" and not isinstance(value, bool):
        return _("“%(name)s” 只能写 true 或 false", name=name)
    if field.kind == "list" and not (isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value)):
        return _("“%(name)s” 应为列表，例如 %(name)s: [甲, 乙]", name=name)
    if field.kind == "str_or_list":
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in items):
            return _("“%(name)s” 应为文字或文字列表", name=name)
        bad = [v for v in items if field.choices and v not in field.choices]
        if bad:
            return _(
                "“%(name)s” 的值 “%(value)s” 不在可选范围内（%(choices)s）%(hint)s",
                name=name, value=bad[0], choices="、".join(field.choices), hint=suggest(bad[0], field.choices),
            )
    if field.kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        return _("“%(name)s” 应是整数", name=field.name)
    if field.kind == "map" and not isinstance(value, dict):
        return _("“%(name)s” 应逐行写成 “名称: 数值”", name=field.name)
    if field.kind == "choice" and value not in field.choices:
        return _(
            "“%(name)s” 应为 %(choices)s 之一（原文没写就删掉这一行），不能是 “%(value)s”%(hint)s",
            name=name, choices="、".join(field.choices), value=value, hint=suggest(value, field.choices),
        )
    if field.kind == "date":
        try:
            parse_datetime(value)
        except ValueError:
            return _("“%(name)s” 的值 “%(value)s” 不是日期：请写成 YYYY-MM-DD，例如 2024-04-26", name=name, value=value)
    return None


def validate(section: Section, meta: dict, key_lines: dict[str, int], path: Path) -> list[Problem]:
    """Check ``meta`` against the section's fields; return every problem found."""
    problems = teaching_problems(meta, key_lines, path) if section.name == "curricula" else []
    names = [f.name for f in section.fields]
    for key in meta:
        if section.field(str(key)) is None:
            hint = suggest(key, names) or _("可用的字段：%(known)s", known=", ".join(names))
            problems.append(
                Problem(
                    path,
                    key_lines.get(str(key), 1),
                    _("“%(section)s” 栏目没有字段 “%(key)s”。%(hint)s", section=section.name, key=key, hint=hint),
                )
            )
    for field in section.fields:
        if field.kind == "steps":
            problems += steps_problems(meta[field.name], key_lines, path) if field.name in meta else []
            continue
        message = _check_value(field, meta.get(field.name))
        if message:
            problems.append(Problem(path, key_lines.get(field.name, 1), message))
    if section.check and not problems:
        problems.extend(section.check(meta, key_lines, path))
    return problems
