"""The version comparison page in Chromium, live and frozen: axe finds nothing, the 显示 filter works, phones fit."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from .helpers import horizontal_overflow
from .test_accessibility import check_with_axe

pytestmark = pytest.mark.browser

OLD, NEW = "专利法实施细则-2010-01-09", "专利法实施细则-2023-12-11"


def compare_path(lang: str) -> str:
    return f"/{lang}/library/compare/{quote(OLD)}/{quote(NEW)}/"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_page_has_no_wcag_violations(site, page, axe_source, lang):
    response = page.goto(site.url(compare_path(lang)))
    assert response.status == 200
    check_with_axe(page, axe_source, f"{site.mode} {compare_path(lang)}")
    page.get_by_label("文字有变化的条文" if lang == "zh" else "articles whose text changed").check()
    check_with_axe(page, axe_source, f"{site.mode} {compare_path(lang)} filtered")
    assert not page.problems, page.problems


def test_show_filter_hides_unchanged_and_renumbered_rows(site, page):
    page.goto(site.url(compare_path("zh")))
    rows = page.locator("li.pair")
    assert rows.count() == 153
    visible = "els => els.filter(e => e.offsetParent !== null).length"
    assert rows.evaluate_all(visible) == 153
    page.get_by_label("有变化的条文（含仅条号变化）").check()
    assert rows.evaluate_all(visible) == 153 - 4  # the 4 unchanged articles are hidden
    assert not page.locator("#new-art-1").is_visible() and page.locator("#new-art-12").is_visible()
    page.get_by_label("文字有变化的条文").check()
    assert rows.evaluate_all(visible) == 153 - 4 - 44  # renumbered-only articles too
    assert not page.locator("#new-art-12").is_visible() and page.locator("#new-art-2").is_visible()
    page.get_by_label("全部条文").check()
    assert rows.evaluate_all(visible) == 153


def test_document_page_link_opens_the_comparison(site, page):
    page.goto(site.url(f"/zh/library/{quote(OLD)}/"))
    page.get_by_role("link", name="与2023年12月11日版本对照").click()
    page.wait_for_load_state()
    assert page.locator("h1 small").inner_text() == "版本对照"
    page.locator("#new-art-12 .side-new a").click()  # the new version's 第十二条
    page.wait_for_load_state()
    assert page.url.endswith(f"/zh/library/{quote(NEW)}/#art-12")


def test_compare_page_fits_a_phone_with_the_versions_stacked(site, new_page):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(site.url(compare_path("zh")))
    assert horizontal_overflow(page) is None
    old = page.locator("#new-art-2 .side-old").bounding_box()
    new = page.locator("#new-art-2 .side-new").bounding_box()
    assert new["y"] >= old["y"] + old["height"] - 1  # one under the other, each the full width
    wide = new_page(viewport={"width": 1280, "height": 900})
    wide.goto(site.url(compare_path("zh")))
    old = wide.locator("#new-art-2 .side-old").bounding_box()
    new = wide.locator("#new-art-2 .side-new").bounding_box()
    assert abs(new["y"] - old["y"]) < 2 and new["x"] > old["x"] + old["width"]  # side by side
