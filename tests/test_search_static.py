"""The frozen search page's own behaviour in Chromium: languages, filters, sorting, paging, the form."""

from __future__ import annotations

import pytest

from .test_search_fixtures import LiveSearch, StaticSearch

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.test_search_fixtures"]


@pytest.fixture
def both(search_client, static_page, frozen_site):
    """The live API and the frozen page, side by side."""
    return LiveSearch(search_client), StaticSearch(static_page, frozen_site["url"])


@pytest.mark.parametrize("params", [{"section": "news"}, {"level": "行政法规"}, {"field": "专利"},
                                    {"sort": "date"}, {"section": "library", "sort": "date"}, {"page": "2"}])
def test_filters_sorting_and_pages_match_the_live_search(both, params):
    live, frozen = (search("知识产权", **params) for search in both)
    assert live.total == frozen.total and live.pages == frozen.pages
    assert [h.title for h in live.hits] == [h.title for h in frozen.hits]


def test_english_page_links_to_english_documents(static_page, frozen_site):
    def english(page):
        page.goto(f"{frozen_site['url']}/en/search/?q=专利法")
        page.wait_for_function("() => document.getElementById('search-app').dataset.state === 'done'")
        return page.eval_on_selector_all("#search-results a.search-result-title", "a => a.map(x => x.href)")

    links = static_page.run(english)
    assert links and all("/en/" in link and "/zh/" not in link for link in links)
    assert "/en/library/" in links[0]


def test_the_form_and_the_pager_search_without_reloading(static_page, frozen_site):
    def flow(page):
        page.goto(f"{frozen_site['url']}/zh/search/")
        page.wait_for_function("() => document.getElementById('search-app').dataset.state === 'idle'")
        page.evaluate("() => { window.notReloaded = true; }")
        page.fill("#search-q", "权")
        page.click("#search-form .search-box button")
        page.wait_for_function("() => document.getElementById('search-app').dataset.state === 'done'")
        first = page.inner_text("#search-results li:first-child a")
        page.evaluate("() => { document.getElementById('search-app').dataset.state = 'waiting'; }")
        page.click("#search-pages a[rel=next]")
        page.wait_for_function("() => document.getElementById('search-app').dataset.state === 'done'")
        second = page.inner_text("#search-results li:first-child a")
        return page.url, first, second, page.evaluate("() => window.notReloaded === true")

    url, first, second, same_page = static_page.run(flow)
    assert url.endswith("/zh/search/?q=%E6%9D%83&page=2") and first != second and same_page


def test_a_hit_inside_an_article_links_to_its_anchor(both):
    live, frozen = (search("外观设计专利权的期限为十五年") for search in both)
    assert frozen.hits[0].url == live.hits[0].url and "#art-" in frozen.hits[0].url
    assert frozen.hits[0].article == live.hits[0].article == "第四十二条"
