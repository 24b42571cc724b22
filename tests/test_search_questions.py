"""Questions as citizens type them: question and function words never make a search fail (live and frozen)."""

from __future__ import annotations

import pytest

pytest_plugins = ["tests.test_search_fixtures"]

# A question is searched as its content words, one by one (compounds as their parts).
QUESTIONS = {
    "怎么申请专利": "申请 专利",
    "如何申请商标": "申请 商标",
    "发明专利保护多少年": "发明 专利 保护 年",
    "专利侵权怎么办": "专利 侵权",
    "我的商标可以转让吗": "商标 转让",
}


@pytest.mark.parametrize("question", list(QUESTIONS))
def test_question_words_never_make_a_query_fail(searcher, question):
    """The question finds exactly what its content words find: its wording neither fails nor narrows it."""
    asked = searcher(question)
    assert asked.total and asked.total > 1, question
    assert asked.titles == searcher(QUESTIONS[question]).titles, question


def test_a_question_made_only_of_question_words_still_searches_them(searcher):
    found = searcher("是否")
    assert found.total and found.total > 1
    assert all("是否" in h.snippet.replace("<mark>", "").replace("</mark>", "") + h.title for h in found.hits)


def test_question_words_inside_quotes_are_searched_literally(searcher):
    quoted = searcher('"是否构成"')
    assert quoted.total and quoted.total < searcher("构成").total
    assert all("是否构成" in h.snippet.replace("<mark>", "").replace("</mark>", "") for h in quoted.hits)
