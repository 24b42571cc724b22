"""Campaign pages in Chromium, live and frozen: the event filter, calendar files and axe."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from .test_accessibility import check_with_axe

pytestmark = pytest.mark.browser

CAMPAIGN_PAGES = ["/zh/campaigns/", "/zh/campaigns/2027/", "/zh/campaigns/2026/", "/en/campaigns/2027/",
                  "/zh/events/2027-school-lesson/", "/zh/events/2027-business-forum/"]


@pytest.mark.parametrize("path", CAMPAIGN_PAGES)
def test_campaign_pages_have_no_wcag_violations(site, page, axe_source, path):
    response = page.goto(site.url(path))
    assert response.status == 200
    check_with_axe(page, axe_source, f"{site.mode} {path}")
    assert not page.problems, page.problems


def test_events_filter_by_audience_and_place(site, page, axe_source):
    page.goto(site.url("/zh/campaigns/2027/"))
    rows = page.locator(".event-list li")
    assert page.locator(".event-filter").is_visible()
    assert page.locator(".filter-count").text_content() == "6 / 6"
    page.get_by_label("对象").select_option("进校园")
    assert page.locator(".filter-count").text_content() == "1 / 6"
    visible = [r.text_content() for r in rows.all() if r.is_visible()]
    assert len(visible) == 1 and "中小学知识产权普及教育课堂" in visible[0]
    assert page.locator("#day-2027-04-26").is_hidden()  # a day with nothing left is hidden too
    page.get_by_label("对象").select_option("进社区")
    page.get_by_label("地点").select_option("县城某广场（示例地点）")
    visible = [r.text_content() for r in rows.all() if r.is_visible()]
    assert len(visible) == 1 and "咨询日" in visible[0]
    check_with_axe(page, axe_source, f"{site.mode} filtered events")
    assert not page.problems, page.problems


@pytest.mark.parametrize(("path", "count"), [("/campaigns/2027.ics", 6), ("/events/2027-plum-growers.ics", 1)])
def test_calendar_files_are_served_as_calendars(site, page, path, count):
    response = page.request.get(site.url(path))
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.body())
    assert len(calendar.walk("VEVENT")) == count
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Shanghai"


def test_add_to_calendar_link_downloads_the_event(site, page):
    page.goto(site.url("/zh/events/2027-plum-growers/"))
    with page.expect_download() as info:
        page.get_by_role("link", name="加入日历").click()
    assert info.value.suggested_filename == "2027-plum-growers.ics"


@pytest.mark.parametrize(
    ("moment", "shown", "text"),
    [
        (dt.datetime(2027, 3, 20, 10), False, None),
        (dt.datetime(2027, 4, 1, 9), True, "距世界知识产权日（4月26日）还有 25 天"),
        (dt.datetime(2027, 4, 26, 9), True, "今天是世界知识产权日（4月26日）"),
        (dt.datetime(2027, 4, 30, 20), True, "今天是世界知识产权日（4月26日）"),
        (dt.datetime(2027, 5, 1, 9), False, None),
    ],
)
def test_season_banner_follows_the_browser_date(site, page, moment, shown, text):
    page.clock.set_fixed_time(moment)
    page.goto(site.url("/zh/"))
    banner = page.locator(".season-banner")
    assert banner.is_visible() == shown
    if text:
        assert banner.locator(".season-days").text_content() == text
    assert not page.problems, page.problems


def test_home_with_the_season_banner_has_no_wcag_violations(site, page, axe_source):
    page.clock.set_fixed_time(dt.datetime(2027, 4, 20, 9))
    page.goto(site.url("/zh/"))
    assert page.locator(".season-banner").is_visible()
    check_with_axe(page, axe_source, f"{site.mode} home with the season banner")
