"""Campaign years and their events, read from the catalogue."""

from __future__ import annotations

import datetime as dt

from .catalog import Catalog
from .errors import Problem
from .model import Entry


def years(catalog: Catalog, now: dt.datetime, show_drafts: bool = False) -> list[Entry]:
    """Visible campaign-year entries, newest year first."""
    found = [e for e in catalog.section("campaigns", now, show_drafts) if "campaign" in e.extra]
    return sorted(found, key=lambda e: e.extra["campaign"].year, reverse=True)


def year_entry(catalog: Catalog, year: int, now: dt.datetime, show_drafts: bool = False) -> Entry | None:
    """The campaign of ``year``, or None."""
    return next((e for e in years(catalog, now, show_drafts) if e.extra["campaign"].year == year), None)


def events(catalog: Catalog, year: int, now: dt.datetime, show_drafts: bool = False) -> list[Entry]:
    """Visible events of a campaign year, in time order."""
    found = [e for e in catalog.section("events", now, show_drafts) if e.extra["event"].campaign == year]
    return sorted(found, key=lambda e: (e.extra["event"].start, e.title))


# A campaign counts as current until the end of April of its year (World IP Day is 26 April).
SEASON_END = (4, 30)


def is_past(year: int, now: dt.datetime) -> bool:
    """Whether the campaign of ``year`` is over at ``now``."""
    return now.date() > dt.date(year, *SEASON_END)


def featured(catalog: Catalog, now: dt.datetime, show_drafts: bool = False) -> Entry | None:
    """The current or next campaign (this year's or later, the earliest), else the latest past one."""
    found = years(catalog, now, show_drafts)
    coming = [e for e in found if not is_past(e.extra["campaign"].year, now)]
    return coming[-1] if coming else (found[0] if found else None)


def days_by_date(items: list[Entry]) -> list[tuple[dt.date, list[Entry]]]:
    """Events grouped by the day they start on (the week view)."""
    days: dict[dt.date, list[Entry]] = {}
    for item in items:
        days.setdefault(item.extra["event"].start.date(), []).append(item)
    return sorted(days.items())


def link_problems(catalog: Catalog) -> list[Problem]:
    """Errors for events of a year without a campaign file; warnings for a year with no events."""
    known = {e.extra["campaign"].year: e for e in catalog.entries.values() if "campaign" in e.extra}
    used = set()
    problems = []
    for entry in catalog.entries.values():
        event = entry.extra.get("event")
        if event is None:
            continue
        used.add(event.campaign)
        if event.campaign not in known:
            line = entry.extra["line_of"].get("campaign", 1)
            problems.append(Problem(entry.path, line, f"'campaign': no campaign year {event.campaign} in campaigns/"))
    for year, entry in sorted(known.items()):
        if year not in used:
            line = entry.extra["line_of"].get("year", 1)
            message = f"campaign {year} has no events yet (its page says so)"
            problems.append(Problem(entry.path, line, message, "warning"))
    return problems
