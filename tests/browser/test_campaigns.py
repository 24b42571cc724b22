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


TOOLKIT = "/zh/campaigns/2027/toolkit/"


@pytest.mark.parametrize("path", [TOOLKIT, "/en/campaigns/2027/toolkit/"])
def test_toolkit_page_has_no_wcag_violations(site, page, axe_source, path):
    assert page.goto(site.url(path)).status == 200
    for image in page.locator(".poster-gallery img").all():  # previews load (lazy: scroll them in)
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    check_with_axe(page, axe_source, f"{site.mode} {path}")
    assert not page.problems, page.problems


def test_quiz_self_check_says_wrong_then_right(site, page, axe_source):
    page.goto(site.url(TOOLKIT))
    question = page.locator("#quiz-1")
    feedback = question.locator(".quiz-feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    check = question.get_by_role("button", name="核对答案")
    check.click()
    assert feedback.text_content() == "请先选择一个答案。"
    question.get_by_label("A. 发明、商标和著作权").check()
    check.click()
    assert feedback.text_content() == "回答不正确。正确答案是 B。"
    assert question.locator(".quiz-answer").get_attribute("open") is not None  # the answer is revealed
    assert question.locator(".quiz-answer a").text_content() == "《中华人民共和国专利法》第二条"
    page.keyboard.press("Shift+Tab")  # back to the radio group: choose with the keyboard
    page.keyboard.press("ArrowDown")
    assert question.get_by_label("B. 发明、实用新型和外观设计").is_checked()
    assert feedback.text_content() == ""  # a new choice clears the old verdict
    check.focus()
    page.keyboard.press("Enter")
    assert feedback.text_content() == "回答正确。"
    assert page.locator("#quiz-2 .quiz-feedback").text_content() == ""  # each question on its own
    check_with_axe(page, axe_source, f"{site.mode} quiz answered")
    assert not page.problems, page.problems


def test_quiz_without_javascript_shows_the_answers_in_details(site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(site.url(TOOLKIT))
    assert page.locator(".quiz-check").first.is_hidden()
    assert page.locator(".quiz-hint-nojs").is_visible()
    page.locator("#quiz-1 summary").click()
    assert "答案：B。" in page.locator("#quiz-1 .quiz-answer").inner_text()


def test_toolkit_downloads_are_the_listed_files(site, page):
    page.goto(site.url("/zh/campaigns/2027/"))
    links = page.locator(".toolkit-files a")
    assert links.count() == 10
    for link in links.all():
        response = page.request.get(site.url(link.get_attribute("href")))
        assert response.ok
        assert len(response.body()) == int(link.get_attribute("data-size"))
    zipped = page.request.get(site.url("/campaigns/2027/toolkit/toolkit-2027.zip"))
    assert zipped.headers["content-type"] == "application/zip"
    assert page.request.get(site.url("/campaigns/2027/toolkit/poster-slogans-a3.pdf")).headers[
        "content-type"] == "application/pdf"
