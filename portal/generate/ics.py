"""iCalendar (RFC 5545) files for campaign events, built with the ``icalendar`` library.

The library writes the folding, escaping and VTIMEZONE rules that are easy to get wrong by hand.
UIDs come from the event's slug, so a calendar that imported an event updates it on the next build.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from ..content.model import Entry

PRODID = "-//Wushan IP portal//campaign events//ZH"
UID_DOMAIN = "ip-portal.wushan"
_STATUS = {"planned": "CONFIRMED", "done": "CONFIRMED", "cancelled": "CANCELLED"}


def _event(entry: Entry, url: str, stamp: dt.datetime) -> Event:
    info = entry.extra["event"]
    item = Event()
    item.add("uid", f"event-{entry.slug}@{UID_DOMAIN}")
    item.add("dtstamp", stamp)
    item.add("dtstart", info.start)
    item.add("dtend", info.end)
    item.add("summary", ("【示例】" if info.sample else "") + entry.title)
    item.add("location", info.place)
    item.add("description", f"{entry.summary or ''}\n主办：{info.organiser}\n{url}".strip())
    item.add("url", url)
    item.add("status", _STATUS[info.status])
    return item


def calendar_bytes(entries: list[Entry], urls: dict[str, str], name: str) -> bytes:
    """One calendar holding ``entries`` (``urls`` maps slug to page address), with its VTIMEZONE.

    DTSTAMP is the entry's file date (or 2000-01-01), not the build time: reproducible bytes.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for entry in entries:
        day = entry.date or dt.date(2000, 1, 1)
        stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        cal.add_component(_event(entry, urls[entry.slug], stamp))
    cal.add_missing_timezones()
    return cal.to_ical()
