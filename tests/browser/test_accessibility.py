"""axe-core (WCAG 2.1 A and AA rules) finds nothing on any page type, live and frozen.

axe is evaluated through Playwright (page.evaluate is not subject to the page's CSP, which
rightly blocks injected inline scripts), so the pages are checked with their real headers.
"""

from __future__ import annotations

import pytest

from .helpers import format_axe_violations

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TYPES = ["home", "library", "law", "policy", "news", "news-item", "about", "404", "en-home", "en-law",
              "search", "search-none", "en-search", "lesson", "indicators", "en-indicators", "report",
              "guide", "guide-steps", "en-guide"]
RUN_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"


def check_with_axe(page, axe_source: str, where: str) -> None:
    page.evaluate(axe_source)
    results = page.evaluate(RUN_AXE, WCAG_TAGS)
    assert not results["violations"], format_axe_violations(where, results["violations"])


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_wcag_violations(site, page, axe_source, name):
    path = site.path(name)
    response = page.goto(site.url(path))
    assert response.status == (404 if name == "404" else 200)
    assert page.get_attribute("html", "lang") == ("en" if name.startswith("en-") else "zh-CN")
    if "search" in name and site.mode == "frozen":  # results are filled in by the browser search
        page.wait_for_selector('#search-app[data-state="done"]')
    check_with_axe(page, axe_source, f"{site.mode} {path}")
    assert not page.problems, page.problems  # script errors, CSP violations


@pytest.mark.parametrize("name", ["home", "law", "guide-steps"])
def test_no_wcag_violations_in_elder_mode(site, page, axe_source, name):
    page.add_init_script("window.localStorage.setItem('portal-elder', '1')")
    path = site.path(name)
    page.goto(site.url(path))
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    check_with_axe(page, axe_source, f"{site.mode} {path} (elder mode)")


def test_no_wcag_violations_with_a_filtered_library_and_a_targeted_article(site, page, axe_source):
    """States the scripts create: an emptied list, a highlighted article, an article link copied."""
    page.goto(site.url("/zh/library/"))
    page.get_by_label("效力级别").select_option("司法解释")
    page.get_by_label("地区").select_option(index=page.locator("#filter-region option").count() - 1)
    check_with_axe(page, axe_source, f"{site.mode} filtered library")
    page.goto(site.url(site.path("law") + "#art-3"))
    page.locator("#art-3 .art-label").click()
    check_with_axe(page, axe_source, f"{site.mode} law with #art-3 targeted")


@pytest.mark.parametrize("width", [390, 1280])
def test_library_filter_labels_sit_above_their_selects(site, new_page, width):
    """Each filter's visible label is right above its own select, not in another grid cell (WCAG 1.3.1)."""
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(site.url("/zh/library/"))
    selects = page.locator("form.filters select")
    assert selects.count() == 4
    for i in range(selects.count()):
        select = selects.nth(i).bounding_box()
        label = page.locator(f"label[for='{selects.nth(i).get_attribute('id')}']").bounding_box()
        assert label["y"] + label["height"] <= select["y"] + 1, f"label {i} is not above its select"
        assert select["y"] - (label["y"] + label["height"]) < 20, f"label {i} is far from its select"
        assert abs(label["x"] - select["x"]) < 4, f"label {i} is not aligned with its select"
