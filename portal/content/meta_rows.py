"""The metadata rows of a law or policy, in one order for the page and the downloaded files.

Each row is a label (the Chinese msgid, translated where shown), a value and how to show it.
A value of ``None`` means the source does not state it: the page lists those labels in one line
(未注明：发文字号、制定机关…) instead of a row each, so the text starts sooner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .model import Entry

Kind = Literal["text", "term", "terms", "date"]


@dataclass(frozen=True)
class MetaRow:
    """One field: ``kind`` says whether the value is Chinese text, a term to translate, or a date."""

    label: str
    value: object
    kind: Kind = "text"

    @property
    def known(self) -> bool:
        """Whether the source states the value."""
        return self.value not in (None, "", ())


def meta_rows(entry: Entry) -> tuple[MetaRow, ...]:
    """Every field of ``entry``'s legal metadata; optional fields only when the source states them."""
    legal = entry.legal
    if legal is None:
        return ()
    version = legal.version_date or (entry.date if entry.section == "policies" else None)
    rows = [
        MetaRow("发文字号", legal.doc_number),
        MetaRow("制定机关", "；".join(legal.issuers) or None),
        MetaRow("效力级别", legal.level, "term"),
        MetaRow("时效性", legal.status, "term"),
        MetaRow("版本日期", version, "date"),
    ]
    if legal.adopted:
        rows.append(MetaRow("通过日期", legal.adopted, "date"))
    rows += [
        MetaRow("公布日期", legal.published, "date"),
        MetaRow("施行日期", legal.effective, "date"),
        MetaRow("地区", legal.region),
        MetaRow("知识产权领域", tuple(entry.ip_fields), "terms"),
    ]
    if legal.addressees:
        rows.append(MetaRow("主送", legal.addressees))
    if legal.disclosure:
        rows.append(MetaRow("公开方式", legal.disclosure))
    rows.append(MetaRow("来源", legal.source))
    return tuple(rows)


def chinese_value(row: MetaRow) -> str:
    """The value as the Chinese page prints it (2020年10月17日, 专利、商标)."""
    if isinstance(row.value, dt.date):
        return f"{row.value.year}年{row.value.month}月{row.value.day}日"
    if isinstance(row.value, tuple):
        return "、".join(row.value)
    return str(row.value)
