"""Search that answers citizens: questions, synonyms, citations, known documents, English — live and frozen.

Each test runs twice through the ``searcher`` fixture: against the live JSON API and against the
frozen search page in Chromium, over the real corpus plus the site's guides, lessons, news and
synonym table.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .test_search_fixtures import REPO_CONTENT, document_text, everything

pytest_plugins = ["tests.test_search_fixtures"]

PATENT_LAW = "/zh/library/%E4%B8%93%E5%88%A9%E6%B3%95-2020-10-17/"  # 专利法 (2020), the newest version


def plain(snippet: str) -> str:
    """A snippet without its <mark> tags."""
    return re.sub(r"</?mark>", "", snippet)


# 1. Questions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "answer"), [
    ("怎么申请专利", "专利申请指南：哪些可以申请、要交哪些材料"),
    ("如何申请商标", "商标注册指南：从申请到续展"),
    ("怎样注册商标", "商标注册指南：从申请到续展"),
])
def test_a_question_finds_the_guide_that_answers_it_first(searcher, question, answer):
    assert searcher(question).titles[:1] == [answer]


def test_a_page_with_the_questions_literal_wording_is_not_preferred(searcher):
    titles = searcher("怎么申请专利").titles
    assert "问答集锦" in everything_titles(searcher, "怎么申请专利")
    assert "问答集锦" not in titles[:1]


def everything_titles(searcher, q: str) -> list[str]:
    """Titles of every result of a query, page after page."""
    return [h.title for h in everything(searcher, q)]


def test_a_question_about_a_term_finds_the_law_that_sets_it(searcher):
    assert "中华人民共和国专利法" in searcher("发明专利保护多少年").titles[:5]


# 2. Everyday words → the law's words ------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "meanings"), [("山寨", "假冒、混淆"), ("抄袭", "剽窃、侵犯著作权"),
                                                ("贷款", "质押融资、质押")])
def test_an_everyday_word_finds_the_laws_words_and_says_so(searcher, word, meanings):
    found = searcher(word)
    assert found.total and found.total > 3
    assert found.also == f"同时搜索了：{meanings}"


def test_results_with_the_word_typed_rank_above_those_found_through_a_synonym(searcher, search_app):
    hits = everything(searcher, "盗版")
    has_word = ["盗版" in document_text(search_app, h.url) for h in hits]
    assert any(has_word) and not all(has_word)
    first_without = has_word.index(False)
    assert all(has_word[:first_without]) and not any(has_word[first_without:])


def test_a_query_of_law_words_is_not_expanded(searcher):
    assert searcher("著作权").also == ""


def test_the_shipped_synonym_table_has_60_pairs_all_found_in_the_texts():
    table = yaml.safe_load((REPO_CONTENT / "search" / "synonyms.yaml").read_text(encoding="utf-8"))
    pairs = [(word, meaning) for word, meanings in table.items() for meaning in meanings]
    assert len(pairs) >= 60
    from .conftest import CORPUS

    texts = "\n".join(p.read_text(encoding="utf-8") for root in (CORPUS, REPO_CONTENT)
                      for p in Path(root).rglob("*.md"))
    texts += "\n".join(p.read_text(encoding="utf-8") for p in (CORPUS / "policies").glob("*.txt"))
    assert [m for _, m in pairs if m not in texts] == []


# 3. Citations -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["专利法第十一条", "专利法第11条", "专利法11条", "《专利法》第十一条",
                                   "中华人民共和国专利法第十一条"])
def test_a_citation_answers_that_article_of_the_current_version_first(searcher, query):
    first = searcher(query).hits[0]
    assert first.url == PATENT_LAW + "#art-11"
    assert first.article == "第十一条"
    assert "发明和实用新型专利权被授予后" in plain(first.snippet)


@pytest.mark.parametrize(("query", "anchor"), [("《商标法》第四十九条第二款", "#art-49"),
                                               ("商标法实施条例第五条", "#art-5")])
def test_citations_of_other_works_and_clauses(searcher, query, anchor):
    first = searcher(query).hits[0]
    assert first.url.endswith(anchor) and "/zh/library/" in first.url
    assert first.title.startswith("中华人民共和国商标法")


def test_a_citation_of_a_missing_article_says_so_and_offers_the_law(searcher):
    found = searcher("专利法第九百条")
    assert found.cited_missing
    assert found.hits[0].url == PATENT_LAW


# 4. Known documents -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["渝府发〔2016〕25号", "渝府发[2016]25号", "渝府发(2016)25号"])
def test_a_document_number_puts_the_document_above_news_that_quotes_it(searcher, query):
    titles = searcher(query).titles
    assert titles[0] == "关于新形势下加快知识产权强市建设的实施意见" and any("可在线查阅" in t for t in titles[1:])


def test_a_short_title_puts_the_current_version_of_the_work_first(searcher):
    first = searcher("专利法").hits[0]
    assert first.url.split("#")[0] == PATENT_LAW


def test_the_title_a_query_covers_most_ranks_higher(searcher):
    titles = searcher("植物新品种").titles
    assert titles[0] == "中华人民共和国植物新品种保护条例"
    interpretation = "最高人民法院关于审理植物新品种纠纷案件若干问题的解释"
    assert titles.index("中华人民共和国植物新品种保护条例") < titles.index(interpretation)


# 5. English -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "slug"), [("patent", "patent-application"), ("patents", "patent-application"),
                                             ("trademarks", "trademark-registration"),
                                             ("how do I register a trademark", "trademark-registration")])
def test_english_words_find_the_english_guides(searcher, query, slug):
    found = searcher(query, lang="en")
    assert any(h.url == f"/en/guides/{slug}/" for h in found.hits[:5]), found.titles


def test_english_lessons_are_found_in_english(searcher):
    urls = [h.url for h in searcher("lessons", lang="en").hits]
    assert urls and all(u.startswith("/en/") for u in urls) and any("/en/curricula/" in u for u in urls)


def test_an_english_query_on_the_chinese_site_finds_the_chinese_pages(searcher):
    urls = [h.url for h in searcher("patent").hits]
    assert "/zh/guides/patent-application/" in urls


def test_chinese_words_on_the_english_site_still_find_chinese_documents(searcher):
    first = searcher("专利法", lang="en").hits[0]
    assert first.url.startswith("/en/library/")


# 6. Pinyin -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("letters", "word", "first"), [("zhuanlifa", "专利法", "中华人民共和国专利法"),
                                                        ("shangbiao", "商标", None), ("zhuanli", "专利", None)])
def test_pinyin_finds_the_chinese_word(searcher, letters, word, first):
    found = searcher(letters)
    assert found.also == f"同时搜索了：{word}"
    chinese = searcher(word)
    assert set(found.titles[1:6]) <= set(chinese.titles) and found.total > 3
    if first:
        assert found.hits[0].title == first


def test_pinyin_ranks_below_what_the_letters_themselves_find(searcher):
    assert searcher("shangbiao").titles[0] == "网址说明"  # the page that writes the letters
    assert searcher("zhuanlifa").titles[0] != "网址说明"  # it has zhuanli, not zhuanlifa


def test_two_pinyin_words_are_searched_together(searcher):
    assert searcher("shangbiao zhuce").titles[0] == "商标注册指南：从申请到续展"


# 7. The page -----------------------------------------------------------------------------------------------


def _absent_everywhere(search_app, query: str) -> bool:
    entries = search_app.extensions["portal.catalog"].entries.values()
    return not any(ch in e.title + e.text for e in entries for ch in query)


def test_a_query_with_truly_no_results_shows_the_help(searcher, search_app):
    query = "龘靐"
    assert _absent_everywhere(search_app, query)  # not one of its characters occurs in any document
    found = searcher(query)
    assert found.total == 0 and not found.hits and found.message is None


def test_the_live_page_title_carries_the_query_and_page(search_client):
    html = search_client.get("/zh/search/?q=专利&page=2").get_data(as_text=True)
    assert re.search(r"<title>“专利”的搜索结果 · 第 2 页 · 搜索 · ", html)
    assert 'rel="prev" href="/zh/search/?q=%E4%B8%93%E5%88%A9#search-count"' in html  # paging lands on the count


@pytest.mark.browser
def test_the_frozen_page_title_and_focus_follow_paging(static_page, frozen_site):
    def page_two(page):
        page.goto(f"{frozen_site['url']}/zh/search/?q=专利")
        page.wait_for_function("() => document.getElementById('search-app').dataset.state === 'done'")
        first_title = page.title()
        page.click("#search-pages a[rel=next]")
        page.wait_for_function("() => document.activeElement && document.activeElement.id === 'search-count'")
        return first_title, page.title(), page.url

    first_title, second_title, url = static_page.run(page_two)
    assert first_title.startswith("“专利”的搜索结果 · 搜索 · ")
    assert second_title.startswith("“专利”的搜索结果 · 第 2 页 · 搜索 · ") and "page=2" in url
