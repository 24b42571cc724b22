"""Metadata the 立改废 history lines state: 通过/公布/施行 dates, read by exact phrases only."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DATED = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*?)[）)]?\s*$")
# Municipalities directly under the central government, cited with or without 市.
_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")


@dataclass(frozen=True)
class HistoryDates:
    """Dates stated by the history lines; None where no line states them for this version."""

    adopted: dt.date | None = None
    published: dt.date | None = None
    effective: dt.date | None = None


def _dated(line: str) -> tuple[dt.date, str] | None:
    match = _DATED.match(line)
    if not match or re.search(r"\d{4}年\d{1,2}月\d{1,2}日", match.group(4)):
        return None  # not a dated line, or one naming several dates (two bodies adopting)
    try:
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return day, match.group(4).strip()


def _kind(rest: str) -> str | None:
    if rest == "施行":
        return "effective"
    if rest.endswith(("修正", "修订")):
        return "amended"
    if rest.endswith(("公布", "发布")):
        return "published"
    if rest.endswith("通过"):
        return "adopted"
    return None


def history_dates(lines: tuple[str, ...]) -> HistoryDates:
    """通过, 公布 and 施行 dates of the version the history ends with.

    A line counts only when it is ``YYYY年M月D日`` followed by a phrase ending in 通过, 公布/发布,
    or exactly 施行. Dates before the last 修正/修订 line belong to an earlier version and are
    not used; a malformed line states nothing.
    """
    found: dict[str, dt.date] = {}
    for line in lines:
        dated = _dated(line)
        kind = dated and _kind(dated[1])
        if not kind:
            continue
        if kind == "amended":
            found.clear()
        else:
            found[kind] = dated[0]
    return HistoryDates(found.get("adopted"), found.get("published"), found.get("effective"))


def canonical_region(region: str | None) -> str | None:
    """One name per place: 重庆 and 重庆市 are both 重庆市."""
    if region is None:
        return None
    text = region.strip()
    return text + "市" if text in _MUNICIPALITIES else text


SOURCE_COLLECTION = "LawRefBook/Laws 法律法规合集"
_RECEIVED = re.compile(r"^received file \S+$")


def readable_source(source: str | None, source_path: str | None) -> str | None:
    """来源 as a reader understands it: the collection and the text's path in it, never a local file name.

    ``source_path`` is where a law's text lies in the public LawRefBook/Laws collection; an imported
    policy's ``source`` ("received file NAME") names only the file staff received.
    """
    if source and _RECEIVED.match(source.strip()):
        return "本站收到的文件原件（由工作人员录入）"
    if source and source.strip():
        return source.strip()
    if source_path and source_path.strip():
        return f"{SOURCE_COLLECTION}，原文路径：{source_path.strip()}"
    return None
