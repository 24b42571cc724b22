"""World IP Day and 宣传周: the hub, one page per year, events and their calendar files."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, Response, current_app, render_template, request

from .. import urls
from ..content import campaigns as data
from ..content.catalog import Catalog
from ..content.season import season_of
from ..generate.ics import calendar_bytes
from ..settings import LANGUAGES
from .common import catalog, now, show_drafts, visible_or_404
from .toolkit import page_urls as toolkit_pages

bp = Blueprint("campaigns", __name__)
ICS = "text/calendar; charset=utf-8"


def _others() -> list:
    """Evergreen campaign pages (the toolkit, the explainer): everything without a year."""
    return [e for e in catalog().section("campaigns", now(), show_drafts()) if "campaign" not in e.extra]


@bp.route("/<lang:lang>/campaigns/")
def hub(lang: str):
    """The current or next campaign first, then the archive of years and the evergreen pages."""
    found = data.years(catalog(), now(), show_drafts())
    first = data.featured(catalog(), now(), show_drafts())
    items = data.events(catalog(), first.extra["campaign"].year, now(), show_drafts()) if first else []
    return render_template(
        "campaign_hub.html",
        section="campaigns",
        featured=first,
        featured_events=[e for e in items if e.extra["event"].status != "cancelled"],
        archive=[e for e in found if e is not first],
        others=_others(),
    )


@bp.route("/<lang:lang>/campaigns/<int:year>/")
def year(lang: str, year: int):
    """One year: theme, plan, the week of events (filterable), downloads and the write-up."""
    entry = visible_or_404(data.year_entry(catalog(), year, now(), show_drafts()))
    items = data.events(catalog(), year, now(), show_drafts())
    return render_template(
        "campaign_year.html",
        section="campaigns",
        entry=entry,
        info=entry.extra["campaign"],
        events=items,
        days=data.days_by_date(items),
        audiences=sorted({e.extra["event"].audience for e in items}),
        places=sorted({e.extra["event"].place for e in items}),
        past=data.is_past(year, now()),
    )


@bp.route("/<lang:lang>/events/<slug:slug>/")
def event(lang: str, slug: str):
    """One event with its add-to-calendar link."""
    entry = visible_or_404(catalog().get("events", slug))
    year_of = data.year_entry(catalog(), entry.extra["event"].campaign, now(), show_drafts())
    return render_template("event.html", section="events", entry=entry, info=entry.extra["event"], year_entry=year_of)


def _page_urls(items: list) -> dict[str, str]:
    base = request.host_url.rstrip("/")
    return {e.slug: base + urls.entry_path(e, "zh") for e in items}


@bp.route("/events/<slug:slug>.ics")
def event_ics(slug: str):
    """The calendar file of one event."""
    entry = visible_or_404(catalog().get("events", slug))
    return Response(calendar_bytes([entry], _page_urls([entry]), entry.title), mimetype=ICS)


@bp.route("/campaigns/<int:year>.ics")
def year_ics(year: int):
    """All events of a campaign year in one calendar file (an empty year gives an empty calendar)."""
    entry = visible_or_404(data.year_entry(catalog(), year, now(), show_drafts()))
    items = data.events(catalog(), year, now(), show_drafts())
    return Response(calendar_bytes(items, _page_urls(items), entry.title), mimetype=ICS)


def page_urls(cat: Catalog, moment) -> Iterator[tuple[str, dict]]:
    """Every campaign page and calendar file, for the freezer."""
    found = data.years(cat, moment)
    for lang in LANGUAGES:
        yield "campaigns.hub", {"lang": lang}
        for entry in found:
            yield "campaigns.year", {"lang": lang, "year": entry.extra["campaign"].year}
        for entry in cat.section("events", moment):
            yield "campaigns.event", {"lang": lang, "slug": entry.slug}
    for entry in found:
        yield "campaigns.year_ics", {"year": entry.extra["campaign"].year}
    for entry in cat.section("events", moment):
        yield "campaigns.event_ics", {"slug": entry.slug}
    yield from toolkit_pages(cat, moment)



def season_banner() -> dict | None:
    """The coming campaign for the home page banner: its season, whether it shows now, days to go.

    Rendered whenever a coming campaign exists (hidden outside its season), so that the browser
    can show it when the frozen page is read later than it was built.
    """
    entry = data.featured(catalog(), now(), show_drafts())
    if entry is None or data.is_past(entry.extra["campaign"].year, now()):
        return None
    info = season_of(entry.extra["campaign"].year, current_app.config["CAMPAIGN_SEASON"])
    today = now().date()
    return {"entry": entry, "season": info, "shown": info.contains(today), "days": info.days_to_go(today)}


@bp.app_context_processor
def _helpers() -> dict:
    return {
        "season_banner": season_banner,
        "campaign_year_url": urls.campaign_year_path,
        "event_ics_url": urls.event_ics_path,
        "year_ics_url": urls.year_ics_path,
    }
