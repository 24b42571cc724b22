"""The 20 cases of docs/chinese-search-cases.md, each against the live API and the frozen site in Chromium."""

from __future__ import annotations

import re

import pytest

from .test_search_fixtures import document_text, everything

pytest_plugins = ["tests.test_search_fixtures"]

SCATTERED = "农户增收经验交流会"


def marked(snippet: str) -> list[str]:
    """The highlighted stretches of an excerpt."""
    return re.findall(r"<mark>(.*?)</mark>", snippet)


def plain(snippet: str) -> str:
    """An excerpt without its markup."""
    return re.sub(r"<[^>]+>", "", snippet)


def test_case_01_single_character(searcher):
    found = searcher("权")
    assert found.total and found.total > 20
    for hit in found.hits:
        assert "权" in hit.title + "".join(marked(hit.snippet))


def test_case_02_word_inside_longer_dictionary_word(searcher):
    hits = everything(searcher, "知识产权")
    assert "办事地址指引" in [h.title for h in hits]
    page = next(h for h in hits if h.title == "办事地址指引")
    assert marked(page.snippet) == ["知识产权"]


def test_case_03_query_crossing_a_word_boundary(searcher):
    campus = everything(searcher, "校园")
    assert "关于新形势下加快知识产权强市建设的实施意见" in [h.title for h in campus]
    inside = searcher("识产")
    assert inside.total and inside.total >= 20
    assert all("识产" in "".join(marked(h.snippet)) or "识产" in h.title for h in inside.hits)


def test_case_04_unspaced_multi_word_query(searcher):
    found = searcher("专利侵权赔偿")
    assert found.total and found.total > 0
    for word in ("专利", "侵权", "赔偿"):
        assert any(word in "".join(marked(h.snippet)) for h in found.hits[:3])


def test_case_05_spaced_query_is_and_ranked(searcher, search_app):
    both = everything(searcher, "商标 专利")
    assert both
    for hit in both:
        text = document_text(search_app, hit.url)
        assert "商标" in text and "专利" in text, hit.title
    only_trademark = everything(searcher, "商标")
    assert len(both) < len(only_trademark)
    titles = [h.title for h in both]
    with_both_in_title = [t for t in titles if "商标" in t and "专利" in t]
    assert titles[: len(with_both_in_title)] == with_both_in_title


def test_case_06_quoted_phrase(searcher, search_app):
    phrase = everything(searcher, '"专利申请"')
    loose = everything(searcher, "专利 申请")
    assert phrase and len(phrase) < len(loose)
    for hit in phrase:
        assert "专利申请" in "".join(marked(hit.snippet)) or "专利申请" in hit.title


@pytest.mark.parametrize(("traditional", "simplified"), [("專利法", "专利法"), ("知識產權", "知识产权"),
                                                         ("數位內容", "数位内容")])
def test_case_07_traditional_and_simplified(searcher, traditional, simplified):
    first, second = searcher(traditional), searcher(simplified)
    assert first.total and first.total == second.total
    assert first.titles == second.titles
    if simplified == "数位内容":
        assert first.titles == ["繁體頁面"]
        assert marked(first.hits[0].snippet) == ["數位內容"]


@pytest.mark.parametrize("number", ["渝府发〔2016〕25号", "渝府发[2016]25号", "渝府发(2016)25号", "渝府发2016 25号",
                                    "渝府发（2016）25号"])
def test_case_08_document_numbers(searcher, number):
    found = searcher(number)
    assert found.hits and found.hits[0].title == "关于新形势下加快知识产权强市建设的实施意见"


def test_case_09_full_width_latin_and_digits(searcher):
    assert searcher("ＷＩＰＯ").titles == searcher("WIPO").titles == ["英文缩写说明"]
    assert searcher("２０１６").titles == searcher("2016").titles
    assert searcher("abc2024").titles == ["排版测试页"]


def test_case_10_case_folding(searcher):
    assert searcher("wipo").titles == searcher("WIPO").titles == searcher("WiPo").titles == ["英文缩写说明"]
    assert marked(searcher("wipo").hits[0].snippet) == ["WIPO"]


@pytest.mark.parametrize("acronym", ["IT", "US", "IP", "it"])
def test_case_11_english_acronyms_that_are_stop_words(searcher, acronym):
    found = searcher(acronym)
    assert found.message is None and found.total and "英文缩写说明" in found.titles


@pytest.mark.parametrize(("query", "within"), [("IP保护", 3), ("WIPO知识产权", 1)])
def test_case_12_mixed_scripts_without_space(searcher, query, within):
    """The page that writes the run is found near the top (IP保护: guides titled in English with IP and in
    Chinese with 保护, such as the customs-protection guide, may rank above it)."""
    found = searcher(query)
    assert "英文缩写说明" in found.titles[:within], found.titles[:5]


def test_case_12_spaced_mixed_scripts_find_the_same_page(searcher):
    """With a space the two words are separate terms (no exact-run bonus): guides whose English and Chinese
    titles hold them rank first, the page that writes IP保护 is still found."""
    assert "英文缩写说明" in searcher("ip 保护").titles


def test_case_13_chinese_function_words(searcher):
    alone = searcher("的")
    assert alone.message is None and alone.total and alone.total > 20
    documents = [sorted(h.url.split("#")[0] for h in everything(searcher, q)) for q in ("专利的保护", "专利 保护")]
    assert documents[0] == documents[1]
    assert searcher("侵权的赔偿").total == searcher("侵权 赔偿").total


@pytest.mark.parametrize("query", ["", "   ", "\u3000\u3000", "\t \u3000", "，。！？", "!!!", "“”《》", "…—·",
                                   "\x00\x07\x1f\x7f", "\u200b\ufeff", "专利" * 1000, "权" * 2000])
def test_case_14_empty_blank_punctuation_and_overlong_queries(searcher, query):
    found = searcher(query)
    assert found.message and found.total is None
    assert not found.hits


SYNTAX = ["(", ")", '"', "*", "?", ":", "AND", "OR", "NOT", "-", "+", "~", "^", "[", "]", "{", "}", "\\",
          '"专利', "专利*", "title:专利", "专利~2", "(专利 OR 商标)", "专利 AND 商标", "专利 -商标", "+专利 +商标",
          "专利^2", "[专利 TO 商标]", "{专利}", "专利\\", '""', "*:*", "\\u0000", "专利/商标", "a:b:c",
          "constructor", "__proto__ toString", "hasOwnProperty", "专利\x00商标", "专利\u0007"]


@pytest.mark.parametrize("query", SYNTAX)
def test_case_15_query_syntax_characters(searcher, query):
    found = searcher(query)
    assert found.message or found.total is not None


def test_case_16_content_with_ideographic_and_zero_width_spaces(searcher):
    for query in ("发明创造大赛", "创新驿站", "ＡＢＣ２０２４", "abc2024"):
        assert searcher(query).titles == ["排版测试页"], query
    assert marked(searcher("发明创造大赛").hits[0].snippet) == ["发明\u200b创造大赛"]
    policy = searcher("巫山脆李")  # its text spaces the name oddly; the GI guide may rank above it
    assert "关于进一步加强知识产权工作的实施意见" in policy.titles


def test_case_17_highlight_marks_exactly_the_matched_characters(searcher):
    found = searcher("马克思")
    assert found.titles == ["读书角：经典著作"]
    snippet = found.hits[0].snippet
    assert marked(snippet) == ["马克思"]
    assert "马克·吐温" in plain(snippet) and "马克笔" in plain(snippet)
    assert set(marked(searcher("马克").hits[0].snippet)) == {"马克"}


def test_case_18_title_and_exact_phrase_rank_above_scattered(searcher):
    titles = searcher("山货电商").titles
    assert titles == ["巫山山货电商服务站揭牌", "农村网店培训班开班", SCATTERED]


@pytest.mark.parametrize("char", ["㐀", "𠀀"])
def test_case_19_rare_characters_outside_the_basic_block(searcher, char):
    found = searcher(char)
    assert found.titles == ["生僻字说明"]
    assert marked(found.hits[0].snippet) == [char]


def test_case_20_filters_with_query(searcher, search_app):
    everything_trademark = searcher("商标")
    interpretations = everything(searcher, "商标", level="司法解释")
    assert interpretations and len(interpretations) < everything_trademark.total
    catalog = search_app.extensions["portal.catalog"]
    levels = {e.title: e.legal.level for e in catalog.entries.values() if e.legal}
    assert {levels[h.title] for h in interpretations} == {"司法解释"}
    laws = everything(searcher, "商标", section="laws", field="商标")
    assert laws and all("商标" in h.title for h in laws)
