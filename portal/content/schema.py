"""The sections the portal publishes and the front-matter fields each accepts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .attachments import attachments_problem
from .errors import Problem
from .teaching import TEACHING_FIELDS, teaching_problems

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
TEACHING = tuple(Field(name, kind, choices=choices) for name, kind, choices in TEACHING_FIELDS)

SECTIONS: dict[str, Section] = {
    s.name: s
    for s in (
        Section("laws", "法律法规", "Laws and regulations", True, COMMON + LEGAL),
        Section("policies", "政策文件", "Policy documents", True, COMMON + LEGAL),
        Section("news", "新闻动态", "News", False, COMMON + ARTICLE),
        Section("guides", "办事指南", "Guides", False, COMMON + ARTICLE),
        Section("campaigns", "宣传活动", "Campaigns", False, COMMON + ARTICLE),
        Section("curricula", "普及教育", "IP education", False, COMMON + ARTICLE + TEACHING),
        Section("pages", "关于本站", "About", False, COMMON + ARTICLE),
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
    if value is None:
        return f"'{field.name}' is required" if field.required else None
    if field.kind == "str" and not isinstance(value, (str, int, float)):
        return f"'{field.name}' must be text"
    if field.kind == "str" and field.required and not str(value).strip():
        return f"'{field.name}' must not be empty"
    if field.kind == "attachments":
        return attachments_problem(value)
    if field.kind == "bool" and not isinstance(value, bool):
        return f"'{field.name}' must be true or false"
    if field.kind == "list" and not (isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value)):
        return f"'{field.name}' must be a list of text items"
    if field.kind == "str_or_list":
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in items):
            return f"'{field.name}' must be text or a list of text items"
        bad = [v for v in items if field.choices and v not in field.choices]
        if bad:
            return f"'{field.name}' has unknown value {bad[0]!r}; allowed: {', '.join(field.choices)}"
    if field.kind == "choice" and value not in field.choices:
        return f"'{field.name}' must be one of {', '.join(field.choices)} (or leave it out when unknown), not {value!r}"
    if field.kind == "date":
        try:
            parse_datetime(value)
        except ValueError as exc:
            return f"'{field.name}': {exc}"
    return None


def validate(section: Section, meta: dict, key_lines: dict[str, int], path: Path) -> list[Problem]:
    """Check ``meta`` against the section's fields; return every problem found."""
    problems = _extra_problems(section, meta, key_lines, path)
    for key in meta:
        if section.field(str(key)) is None:
            known = ", ".join(f.name for f in section.fields)
            problems.append(
                Problem(
                    path,
                    key_lines.get(str(key), 1),
                    f"unknown key '{key}' for section '{section.name}' (known keys: {known})",
                )
            )
    for field in section.fields:
        message = _check_value(field, meta.get(field.name))
        if message:
            problems.append(Problem(path, key_lines.get(field.name, 1), message))
    return problems


def _extra_problems(section: Section, meta: dict, key_lines: dict[str, int], path: Path) -> list[Problem]:
    """Section-specific checks kept in their own modules (teaching resources)."""
    if section.name != "curricula":
        return []
    return teaching_problems(meta, key_lines, path)
