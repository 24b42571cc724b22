"""The campaign season: the date range in which the home page announces the coming campaign."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WORLD_IP_DAY = (4, 26)
_RANGE = re.compile(r"^(\d{2})-(\d{2})/(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Season:
    """The season of one campaign year, and World IP Day within it."""

    year: int
    start: dt.date
    end: dt.date
    day: dt.date

    def contains(self, today: dt.date) -> bool:
        """Whether ``today`` lies in the season (both ends included)."""
        return self.start <= today <= self.end

    def days_to_go(self, today: dt.date) -> int:
        """Days until World IP Day (0 on the day and after it)."""
        return max(0, (self.day - today).days)


def season_of(year: int, setting: str) -> Season:
    """The season of ``year`` from the setting ``MM-DD/MM-DD``; ValueError when malformed."""
    match = _RANGE.match(setting.strip())
    if not match:
        raise ValueError(f"CAMPAIGN_SEASON must look like 04-01/04-30, not {setting!r}")
    start_month, start_day, end_month, end_day = (int(g) for g in match.groups())
    start, end = dt.date(year, start_month, start_day), dt.date(year, end_month, end_day)
    if end < start:
        raise ValueError(f"CAMPAIGN_SEASON {setting!r} ends before it starts")
    return Season(year, start, end, dt.date(year, *WORLD_IP_DAY))
