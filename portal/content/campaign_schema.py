"""Front matter of campaign years (World IP Day, 宣传周) and their events, and its checks.

A campaign year is a file in ``content/campaigns/`` with a ``year`` key; an event is a file in
``content/events/`` whose ``campaign`` key names its year. Times are written with their offset
(``2027-04-20T09:00+08:00``) and shown in Asia/Shanghai.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from .errors import Problem
from .toolkit import Toolkit, toolkit_of, toolkit_problems

TZ = ZoneInfo("Asia/Shanghai")
AUDIENCES = ("进校园", "进社区", "进企业", "进机关", "进农村", "进市场")
EVENT_STATUSES = ("planned", "done", "cancelled")


@dataclass(frozen=True)
class CampaignInfo:
    """One year's campaign. ``theme`` is None until an official wording is quoted with its source."""

    year: int
    theme: str | None
    theme_source: str | None
    figures: tuple[tuple[str, str], ...]
    sample: bool
    toolkit: Toolkit | None = None  # slogans, quiz and key articles for the year's posters and self-check


@dataclass(frozen=True)
class EventInfo:
    """One event of a campaign year, times in Asia/Shanghai."""

    campaign: int
    start: dt.datetime
    end: dt.datetime
    place: str
    organiser: str
    audience: str
    status: str
    registration: str | None
    sample: bool


def parse_aware(value: object) -> dt.datetime:
    """An ISO date-time that states its offset, converted to Asia/Shanghai; ValueError otherwise."""
    text = str(value).strip()
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date-time (write 2027-04-20T09:00+08:00)") from None
    if moment.tzinfo is None or len(text) <= 10:
        raise ValueError(f"'{text}' has no time zone (write it with its offset, e.g. {text[:16]}+08:00)")
    return moment.astimezone(TZ)


def _line(lines: dict[str, int], key: str) -> int:
    return lines.get(key, 1)


def check_campaign(meta: dict, lines: dict[str, int], path: Path) -> list[Problem]:
    """Problems of a campaign-year file (other files of the section have no ``year``)."""
    if "year" not in meta:
        return []
    problems = []
    if not isinstance(meta["year"], int) or not 2000 <= meta["year"] <= 2100:
        problems.append(Problem(path, _line(lines, "year"), f"'year' must be a year like 2027, not {meta['year']!r}"))
    if meta.get("theme") and not meta.get("theme_source"):
        problems.append(
            Problem(path, _line(lines, "theme"), "'theme' needs 'theme_source' (where the official wording is stated)")
        )
    figures = meta.get("figures")
    if figures is not None and not (isinstance(figures, dict) and all(isinstance(k, str) for k in figures)):
        problems.append(Problem(path, _line(lines, "figures"), "'figures' must map a label to a value"))
    return problems + toolkit_problems(meta, lines, path)


def check_event(meta: dict, lines: dict[str, int], path: Path) -> list[Problem]:
    """Problems of an event file: times with their zone, end after start, a known audience."""
    problems = []
    times = {}
    for key in ("start", "end"):
        if meta.get(key) is None:
            continue
        try:
            times[key] = parse_aware(meta[key])
        except ValueError as exc:
            problems.append(Problem(path, _line(lines, key), f"'{key}': {exc}"))
    if len(times) == 2 and times["end"] < times["start"]:
        message = f"'end' ({meta['end']}) is before 'start' ({meta['start']})"
        problems.append(Problem(path, _line(lines, "end"), message))
    if not isinstance(meta.get("campaign"), int):
        problems.append(Problem(path, _line(lines, "campaign"), "'campaign' must be the campaign year, e.g. 2027"))
    return problems


def campaign_info(meta: dict) -> dict:
    """The typed campaign of a year file, for ``Entry.extra`` (empty for other campaign pages)."""
    if "year" not in meta:
        return {}
    figures = tuple((str(k), str(v)) for k, v in (meta.get("figures") or {}).items())
    theme = str(meta["theme"]).strip() if meta.get("theme") else None
    source = str(meta["theme_source"]).strip() if theme else None
    toolkit = toolkit_of(meta) or None
    return {"campaign": CampaignInfo(meta["year"], theme, source, figures, bool(meta.get("sample")), toolkit)}


def event_info(meta: dict) -> dict:
    """The typed event, for ``Entry.extra``."""
    registration = str(meta["registration"]).strip() if meta.get("registration") else None
    event = EventInfo(
        campaign=meta["campaign"],
        start=parse_aware(meta["start"]),
        end=parse_aware(meta["end"]),
        place=str(meta["place"]).strip(),
        organiser=str(meta["organiser"]).strip(),
        audience=str(meta["audience"]),
        status=str(meta.get("status") or "planned"),
        registration=registration,
        sample=bool(meta.get("sample")),
    )
    return {"event": event}
