"""Phone-first: the 长辈模式 control does not move the page, the root size follows the browser's."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .helpers import px

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


# Every page type of tests/browser/conftest.py page_paths().
PAGE_TYPES = ["home", "library", "law", "policy", "news", "news-item", "about", "pages", "guides", "guide",
              "guide-steps", "en-guide", "404", "en-home", "en-law", "search", "search-none", "en-search",
              "indicators", "en-indicators", "report", "campaigns", "campaign", "toolkit", "event", "curricula",
              "lesson", "student", "compare", "reading"]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_layout_shift_at_390px_in_either_mode(site, new_page, name):
    shifts = {}
    for elder in (False, True):
        page = new_page(**PHONE)
        if elder:
            page.add_init_script("window.localStorage.setItem('portal-elder', '1')")
        page.goto(site.url(site.path(name)))
        page.wait_for_load_state("load")
        if "search" in name and site.mode == "frozen":  # the results arrive from the browser search
            page.wait_for_selector('#search-app[data-state="done"]')
        assert page.evaluate("document.documentElement.classList.contains('elder')") == elder
        shifts["elder" if elder else "normal"] = page.evaluate(CLS)
    print(f"CLS {site.mode} {name}: {shifts}")
    assert max(shifts.values()) <= 0.01, (name, shifts)


def test_root_font_follows_the_browser_default(site, page):
    page.goto(site.url("/zh/"))
    normal = px(page, "html")
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": 24, "fixed": 20}})
    page.reload()
    assert px(page, "html") == pytest.approx(normal * 24 / 16, rel=0.02), (normal, px(page, "html"))


@pytest.mark.parametrize(
    "name, first",
    [("library", "#library-list > li"), ("search", "#search-results > li"), ("guide", "main h1"), ("law", "#art-1")],
)
def test_first_item_is_on_the_first_phone_screen_without_javascript(site, new_page, name, first):
    script = name == "search" and site.mode == "frozen"  # the frozen site searches in the browser
    page = new_page(java_script_enabled=script, **PHONE)
    page.goto(site.url(site.path(name)))
    page.locator(first).first.wait_for()
    menu = page.locator(".site-menu")
    expect(menu.get_by_role("link").first).to_be_hidden()
    assert page.locator(first).first.bounding_box()["y"] < 844 - 40
    menu.locator("summary").click()
    expect(menu.get_by_role("link").first).to_be_visible()


def test_law_facts_fold_on_a_phone_and_stay_open_on_a_wide_screen(site, new_page, page):
    phone = new_page(java_script_enabled=False, **PHONE)
    phone.goto(site.url(site.path("law")))
    facts = phone.locator(".doc-facts")
    expect(phone.locator(".meta-panel dt").first).to_be_hidden()
    expect(phone.locator(".text-downloads a").first).to_be_hidden()
    facts.locator("summary").click()
    expect(phone.locator(".meta-panel dt").first).to_be_visible()
    expect(phone.locator(".text-downloads a").first).to_be_visible()
    page.goto(site.url(site.path("law")))
    expect(page.locator(".doc-facts > summary")).to_be_hidden()
    expect(page.locator(".meta-panel dt").first).to_be_visible()
    expect(page.locator("section.versions a").first).to_be_visible()
