"""Campaign years and events: content checks, pages, calendar files — live (Flask test client)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from portal import create_app
from portal.content import ContentError, load_catalog
from tests.conftest import REPO_ROOT, write

YEAR = """
    ---
    title: 2031年宣传周
    year: 2031
    ---
    县里的安排。
    """


def _event(**changes: str) -> str:
    fields = {
        "title": "社区咨询",
        "campaign": "2031",
        "start": "2031-04-21T09:00+08:00",
        "end": "2031-04-21T11:00+08:00",
        "place": "某社区",
        "organiser": "县市场监管局",
        "audience": "进社区",
    } | changes
    lines = "\n".join(f"    {k}: {v}" for k, v in fields.items() if v != "")
    return f"\n    ---\n{lines}\n    ---\n    说明。\n"


def _problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_catalog([root])
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("changes", "line", "message"),
    [
        ({"end": "2031-04-21T08:00+08:00"}, 5, "'end' (2031-04-21T08:00+08:00) is before 'start'"),
        ({"audience": "进工地"}, 8, "“audience” 应为 进校园"),
        ({"start": "2031-04-21T09:00"}, 4, "'start': '2031-04-21T09:00' has no time zone"),
        ({"start": "2031-04-21"}, 4, "has no time zone"),
        ({"campaign": "2040"}, 3, "'campaign': no campaign year 2040"),
    ],
)
def test_bad_events_point_at_file_and_line(tmp_path, changes, line, message):
    root = tmp_path / "content"
    write(root, "campaigns/2031.md", YEAR)
    event = write(root, "events/bad.md", _event(**changes))
    problems = _problems(root)
    assert any(p.startswith(f"{event}:{line}: ") and message in p for p in problems), problems


def test_theme_without_source_is_an_error(tmp_path):
    root = tmp_path / "content"
    path = write(root, "campaigns/2031.md", YEAR.replace("year: 2031", "year: 2031\n    theme: 某主题"))
    assert any(p.startswith(f"{path}:4: ") and "theme_source" in p for p in _problems(root))


def test_year_without_events_warns_and_shows_a_sensible_page(tmp_path):
    root = tmp_path / "content"
    path = write(root, "campaigns/2031.md", YEAR)
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(root)], "NOW": dt.datetime(2031, 3, 1)})
    warnings = [str(w) for w in app.extensions["portal.catalog"].warnings]
    assert f"{path}:3: campaign 2031 has no events yet (its page says so)" in warnings
    page = app.test_client().get("/zh/campaigns/2031/").get_data(as_text=True)
    assert "本年度的活动安排尚未公布。" in page
    assert "待公布" in page
    calendar = Calendar.from_ical(app.test_client().get("/campaigns/2031.ics").data)
    assert calendar.walk("VEVENT") == []


@pytest.fixture(scope="module")
def site():
    """The repository's own content (the starter campaigns), with the clock before the 2027 week."""
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(REPO_ROOT / "content")], "NOW": dt.datetime(2026, 12, 1)})
    return app.test_client()


def test_hub_shows_the_next_campaign_first_then_the_archive(site):
    page = site.get("/zh/campaigns/").get_data(as_text=True)
    featured = page.index('href="/zh/campaigns/2027/"')
    assert featured < page.index('id="archive-title"') < page.index('href="/zh/campaigns/2026/"')
    assert "campaign-toolkit" in page  # evergreen pages stay reachable


def test_theme_is_to_be_announced_and_samples_are_flagged(site):
    page = site.get("/zh/campaigns/2027/").get_data(as_text=True)
    assert "主题：</span>待公布" in page
    assert "示例内容" in page and "不是真实安排" in page
    english = site.get("/en/campaigns/2027/").get_data(as_text=True)
    assert "To be announced" in english and "Sample content" in english


def test_week_view_lists_events_by_day_with_filters(site):
    page = site.get("/zh/campaigns/2027/").get_data(as_text=True)
    days = [page.index(f'id="day-2027-04-{d}"') for d in ("20", "21", "22", "23", "24", "26")]
    assert days == sorted(days)
    assert 'data-audience="进校园"' in page and '<option>进农村</option>' in page
    assert '<script type="module" src="/static/js/event-filter.js">' in page
    assert 'href="/campaigns/2027.ics"' in page


def test_past_year_shows_the_write_up_and_missing_figures(site):
    page = site.get("/zh/campaigns/2026/").get_data(as_text=True)
    assert "活动总结数据" in page and "总结数据尚未录入。" in page
    assert "已举办" in page


def test_event_page_has_facts_and_an_add_to_calendar_link(site):
    page = site.get("/zh/events/2027-business-forum/").get_data(as_text=True)
    assert "本活动已取消。" in page
    assert '<time datetime="2027-04-24T09:30:00+08:00">' in page
    assert 'href="/events/2027-business-forum.ics"' in page
    assert site.get("/zh/events/no-such-event/").status_code == 404
    assert site.get("/zh/campaigns/1999/").status_code == 404


def _calendar(site, url: str) -> Calendar:
    response = site.get(url)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data)


def test_event_ics_is_valid_with_zone_uid_and_status(site):
    calendar = _calendar(site, "/events/2027-business-forum.ics")
    assert calendar["VERSION"] == "2.0"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2027, 4, 24, 9, 30, tzinfo=start.tzinfo)
    assert start.utcoffset() == dt.timedelta(hours=8) and event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event["STATUS"] == "CANCELLED"
    assert event["UID"] == "event-2027-business-forum@ip-portal.wushan"
    assert event["SUMMARY"].startswith("【示例】")


def test_year_ics_holds_every_event_and_is_byte_stable(site):
    first = site.get("/campaigns/2027.ics").data
    events = Calendar.from_ical(first).walk("VEVENT")
    assert len(events) == 6
    assert {str(e["STATUS"]) for e in events} == {"CONFIRMED", "CANCELLED"}
    again = create_app({"TESTING": True, "CONTENT_DIRS": [str(REPO_ROOT / "content")]}).test_client()
    assert again.get("/campaigns/2027.ics").data == first


def test_portal_new_campaign_creates_a_year_that_loads(tmp_path):
    from click.testing import CliRunner

    from portal.cli import main

    root = tmp_path / "content"
    result = CliRunner().invoke(main, ["new", "campaign", "2032", "--content", str(root)])
    assert result.exit_code == 0, result.output
    catalog = load_catalog([root])
    (entry,) = catalog.entries.values()
    assert entry.extra["campaign"].year == 2032 and entry.extra["campaign"].theme is None and entry.draft
    again = CliRunner().invoke(main, ["new", "campaign", "2032", "--content", str(root)])
    assert again.exit_code == 1 and "exists already" in again.output
    assert CliRunner().invoke(main, ["new", "campaign", "next", "--content", str(root)]).exit_code == 1


def test_production_check_flags_sample_content_at_its_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from portal.cli import main

    root = tmp_path / "content"
    path = write(root, "campaigns/2031.md", YEAR.replace("year: 2031", "year: 2031\n    sample: true"))
    write(root, "events/real.md", _event())
    plain = CliRunner().invoke(main, ["check", "--content", str(root)])
    assert plain.exit_code == 0, plain.output
    strict = CliRunner().invoke(main, ["check", "--production", "--content", str(root)])
    assert strict.exit_code == 1
    assert f"{path}:4: 错误: sample content in a production build" in strict.output
    monkeypatch.setenv("PORTAL_PRODUCTION", "1")
    assert CliRunner().invoke(main, ["check", "--content", str(root)]).exit_code == 1
    built = CliRunner().invoke(main, ["build", "--content", str(root), "--out", str(tmp_path / "site")])
    assert built.exit_code == 1 and not (tmp_path / "site").exists()


def _home(moment: dt.datetime, lang: str = "zh") -> str:
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(REPO_ROOT / "content")], "NOW": moment})
    return app.test_client().get(f"/{lang}/").get_data(as_text=True)


def _banner(page: str) -> str | None:
    start = page.find('<aside class="season-banner"')
    return page[start : page.index("</aside>", start)] if start >= 0 else None


def test_season_banner_live_before_during_and_after():
    before = _banner(_home(dt.datetime(2027, 3, 31, 23, 0)))
    assert before is not None and " hidden>" in before  # there for the browser, not shown
    during = _banner(_home(dt.datetime(2027, 4, 20, 8, 0)))
    assert " hidden" not in during and "还有 6 天" in during and 'href="/zh/campaigns/2027/"' in during
    assert "今天是世界知识产权日" in _banner(_home(dt.datetime(2027, 4, 26, 12, 0)))
    assert "6 days to World IP Day" in _banner(_home(dt.datetime(2027, 4, 20), "en"))
    assert _banner(_home(dt.datetime(2027, 5, 1))) is None  # the 2027 campaign is over


def test_bad_season_setting_is_reported():
    from portal.content.season import season_of

    with pytest.raises(ValueError, match="must look like 04-01/04-30"):
        season_of(2027, "April")
    with pytest.raises(ValueError, match="ends before it starts"):
        season_of(2027, "04-30/04-01")


def test_frozen_build_has_the_campaign_pages_and_the_same_calendars(tmp_path):
    from portal.freeze import build_site

    config = {"TESTING": True, "CONTENT_DIRS": [str(REPO_ROOT / "content")], "INDEX_DIR": str(tmp_path / "ix")}
    app = create_app(config | {"NOW": dt.datetime(2027, 4, 20, 9, 0)})
    out = build_site(app, tmp_path / "site").output
    assert "还有 6 天" in (out / "zh" / "index.html").read_text(encoding="utf-8")  # build date: no-JS fallback
    for page in ("zh/campaigns/index.html", "en/campaigns/2027/index.html", "zh/events/2027-plum-growers/index.html"):
        assert (out / page).is_file(), page
    live = app.test_client()
    for ics in ("campaigns/2027.ics", "campaigns/2026.ics", "events/2027-business-forum.ics"):
        assert (out / ics).read_bytes() == live.get("/" + ics).data
    # The toolkit: every listed download frozen at its address with the size listed (tests/test_toolkit.py)
    page = live.get("/zh/campaigns/2027/toolkit/").get_data(as_text=True)
    listed = re.findall(r'<a href="(/campaigns/2027/toolkit/[^"]+)" download data-size="(\d+)"', page)
    assert len(listed) >= 4
    for href, size in listed:
        frozen = (out / href.lstrip("/")).read_bytes()
        assert frozen == live.get(href).data and len(frozen) == int(size), href
    assert (out / "zh/campaigns/2027/toolkit/index.html").is_file()
    assert (out / "campaigns/2027/toolkit/poster-slogans-preview.png").is_file()


def test_events_stay_out_of_search_but_the_year_page_is_indexed():
    from portal.search.documents import search_documents

    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(REPO_ROOT / "content")]})
    keys = {doc.entry.key for doc in search_documents(app.extensions["portal.catalog"], dt.datetime(2026, 12, 1))}
    assert ("campaigns", "2027") in keys
    assert not any(section == "events" for section, _ in keys)
