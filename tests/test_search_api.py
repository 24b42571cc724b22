"""The JSON API and the live search page: parameters, paging, sorting, filters, messages, markup."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest_plugins = ["tests.test_search_fixtures"]


def api(client, **params):
    return client.get("/api/search", query_string=params)


@pytest.mark.parametrize("params", [
    {"q": "专利", "section": "nope"}, {"q": "专利", "level": "法规"}, {"q": "专利", "field": "天文"},
    {"q": "专利", "sort": "random"}, {"q": "专利", "page": "0"}, {"q": "专利", "page": "abc"},
    {"q": "专利", "page": "1001"}, {"q": "专利", "page": "-1"}, {"q": "专利", "page": "１"},
    {"q": "专利", "lang": "fr"}, {}, {"q": ""}, {"q": "\u3000 "}, {"q": "？！"}, {"q": "x" * 201},
])
def test_bad_parameters_are_a_400_with_a_json_error(search_client, params):
    response = api(search_client, **params)
    assert response.status_code == 400
    assert response.is_json and response.get_json()["error"]


def test_answer_has_the_documented_shape(search_client):
    data = api(search_client, q="商标法").get_json()
    assert set(data) >= {"query", "total", "results"}
    assert data["query"] == "商标法" and data["total"] == len(data["results"]) or data["total"] > 20
    for result in data["results"]:
        assert set(result) >= {"title", "url", "section", "snippet", "date"}
        assert result["url"].startswith("/zh/")


def test_pages_do_not_overlap_and_count_is_stable(search_client):
    first, second = api(search_client, q="权").get_json(), api(search_client, q="权", page=2).get_json()
    assert first["total"] == second["total"] > 20 and first["pages"] >= 2
    assert not {r["url"] for r in first["results"]} & {r["url"] for r in second["results"]}
    beyond = api(search_client, q="权", page=first["pages"] + 1).get_json()
    assert beyond["results"] == [] and beyond["total"] == first["total"]


def test_sort_by_date_puts_the_newest_first(search_client):
    results = api(search_client, q="知识产权", sort="date").get_json()["results"]
    dates = [r["date"] or "" for r in results]
    assert dates == sorted(dates, reverse=True)


def test_sections_filter(search_client):
    library = api(search_client, q="知识产权", section="library").get_json()
    assert library["total"] and all(r["section"] in ("laws", "policies") for r in library["results"])
    news = api(search_client, q="电商", section="news").get_json()
    assert news["total"] == 3 and {r["section"] for r in news["results"]} == {"news"}


def test_a_hit_inside_an_article_links_to_the_article(search_client):
    result = api(search_client, q="外观设计专利权的期限为十五年").get_json()["results"][0]
    assert result["title"] == "中华人民共和国专利法"
    assert re.search(r"/#art-\d+$", result["url"]) and result["article"].startswith("第")


def test_english_pages_link_to_english_urls(search_client):
    result = api(search_client, q="专利法", lang="en").get_json()["results"][0]
    assert result["url"].startswith("/en/library/")


def test_search_page_shows_results_count_and_pagination(search_client):
    html = search_client.get("/zh/search/", query_string={"q": "权"}).get_data(as_text=True)
    assert 'id="search-results"' in html and "共找到" in html and 'rel="next"' in html
    items = re.findall(r'<a class="search-result-title" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert len(items) == 20


def test_search_page_without_query_is_a_form(search_client):
    response = search_client.get("/zh/search/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'name="q"' in html and "search-result-title" not in html
    assert "search-message" not in html


@pytest.mark.parametrize(("query", "message"), [("", "请输入"), ("\u3000", "请输入"), ("……", "没有可以搜索的文字"),
                                                ("专" * 300, "太长")])
def test_search_page_explains_unusable_queries(search_client, query, message):
    response = search_client.get("/zh/search/", query_string={"q": query})
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_no_results_page_helps(search_client):
    html = search_client.get("/zh/search/", query_string={"q": "量子 纠缠", "section": "news"}).get_data(as_text=True)
    assert 'id="search-help"' in html and "繁体与简体" in html
    assert "取消筛选条件" in html and "只搜“量子”" in html and "/zh/library/" in html


def test_partial_matches_are_labelled(search_client):
    data = api(search_client, q="专利 量子纠缠").get_json()
    assert data["partial"] and data["total"] > 0
    html = search_client.get("/zh/search/", query_string={"q": "专利 量子纠缠"}).get_data(as_text=True)
    assert "部分词语" in html


def test_pages_have_no_inline_scripts(search_client):
    html = search_client.get("/zh/search/", query_string={"q": "专利"}).get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+\s*=", html)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60) | st.text(alphabet=st.characters(codec="utf-8"), min_size=150, max_size=260)
       | st.sampled_from(['"', '""', "(", "\\", "*:*", "\u3000", "\u200b", "〔〕", "𠀀", "AND OR NOT"]))
def test_any_unicode_query_is_answered_never_a_500(search_client, query):
    response = api(search_client, q=query)
    assert response.status_code in (200, 400)
    data = response.get_json()
    assert ("error" in data) if response.status_code == 400 else isinstance(data["results"], list)
    page = search_client.get("/zh/search/", query_string={"q": query})
    assert page.status_code == 200


def test_readme_documents_every_api_parameter():
    """The README's search section lists each query-string parameter the API reads."""
    import inspect
    import re
    from pathlib import Path

    from portal.views import search as view

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "GET /api/search" in readme
    source = inspect.getsource(view)
    read = set(re.findall(r'request\.args\.get\("(\w+)"', source)) | set(re.findall(r'_choice\("(\w+)"', source))
    assert read >= {"q", "section", "level", "field", "sort", "page", "lang"}
    missing = [name for name in sorted(read) if f"| `{name}` |" not in readme]
    assert not missing, f"README search table lacks: {missing}"
