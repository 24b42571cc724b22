"""Teaching resources in Chromium, live and frozen: filters, the print split, downloads and axe."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from .test_accessibility import check_with_axe

pytestmark = pytest.mark.browser

PAGES = ["/zh/curricula/", "/en/curricula/", "/zh/curricula/primary-lower-authorship/",
         "/zh/curricula/junior-middle-patent/student/", "/en/curricula/primary-middle-trademark/",
         "/zh/curricula/campus-ip-week/"]


@pytest.mark.parametrize("path", PAGES)
def test_teaching_pages_have_no_wcag_violations(site, page, axe_source, path):
    response = page.goto(site.url(path))
    assert response.status == 200
    check_with_axe(page, axe_source, f"{site.mode} {path}")
    assert not page.problems, page.problems


def visible_titles(page) -> list[str]:
    return [c.locator("h2").text_content().strip() for c in page.locator(".resource-card").all() if c.is_visible()]


def test_the_listing_filters_in_the_browser_and_keeps_the_filter_in_the_address(site, page, axe_source):
    page.goto(site.url("/zh/curricula/"))
    assert page.locator("#curricula-count").text_content() == "显示 6 项，共 6 项"
    page.get_by_label("学段").select_option("初中")
    assert visible_titles(page) == ["初中教案：从小发明到专利"]
    assert page.locator("#curricula-count").text_content() == "显示 1 项，共 6 项"
    assert "band=%E5%88%9D%E4%B8%AD" in page.url
    page.get_by_label("学段").select_option("")
    page.get_by_label("知识产权主题").select_option("商标")
    trademark = ["小学中年级教案：商标是什么", "高中教案：家乡品牌怎么保护——商标、地理标志与诚信经营"]
    assert visible_titles(page) == trademark
    page.get_by_label("资源类型").select_option("活动方案")
    assert visible_titles(page) == [] and page.locator("#curricula-empty").is_visible()
    check_with_axe(page, axe_source, f"{site.mode} filtered curricula")
    page.goto(site.url("/zh/curricula/?subject=" + quote("美术")))  # an address with a filter opens filtered
    assert visible_titles(page) == ["小学低年级教案：这是谁画的"]
    assert not page.problems, page.problems


def test_printing_the_student_page_shows_no_answer_and_the_teacher_page_shows_them(site, page):
    page.emulate_media(media="print")
    page.goto(site.url("/zh/curricula/primary-lower-authorship/"))
    assert page.locator(".teacher-only").first.is_visible()
    assert page.locator(".prose").get_by_text("参考答案").first.is_visible()  # the table of contents is not printed
    page.goto(site.url("/zh/curricula/primary-lower-authorship/student/"))
    printed = page.locator("article").inner_text()
    assert "在右下角写上你的名字" in printed or "写上你的名字" in printed
    assert "参考答案" not in printed and "画画的人是作者（第十一条）" not in printed
    assert page.locator(".downloads").is_hidden()
    page.emulate_media(media="screen")


def test_a_teacher_downloads_the_unit_zip(site, page):
    page.goto(site.url("/zh/curricula/primary-middle-trademark/"))
    with page.expect_download() as info:
        page.get_by_role("link", name="下载整个单元（zip，含全部文件和清单）").click()
    assert info.value.suggested_filename == "小学中年级-商标是什么.zip"
