"""Precision among real distractors: the corpus plus the ~470 laws of every field that share IP words.

The same questions, citations and known items as tests/test_search_answers.py, live and frozen,
where a food-safety rule also says 惩罚性赔偿 and a cuisine rule also says 进校园.
"""

from __future__ import annotations

import pytest

from .test_search_fixtures import LiveSearch, StaticSearch

pytest_plugins = ["tests.test_search_fixtures"]

IP_FIRST = {
    "惩罚性赔偿": "最高人民法院关于审理侵害知识产权民事案件适用惩罚性赔偿的解释",
    "怎么申请专利": "专利申请指南：哪些可以申请、要交哪些材料",
    "如何申请商标": "商标注册指南：从申请到续展",
    "植物新品种": "中华人民共和国植物新品种保护条例",
    "专利法": "中华人民共和国专利法",
    "渝府发〔2016〕25号": "关于新形势下加快知识产权强市建设的实施意见",
}


@pytest.mark.parametrize("query", list(IP_FIRST))
def test_the_ip_answer_is_first_among_real_distractors(scale_searcher, query):
    assert scale_searcher(query).titles[:1] == [IP_FIRST[query]]


def test_a_citation_is_answered_among_real_distractors(scale_searcher):
    first = scale_searcher("专利法第十一条").hits[0]
    assert first.title == "中华人民共和国专利法" and first.url.endswith("#art-11")


def test_school_campaigns_find_the_ip_documents_first(scale_searcher):
    titles = scale_searcher("知识产权进校园").titles
    assert titles and "粤菜" not in titles[0]


COMPARED = ["惩罚性赔偿", "进校园", "临时保护", "怎么申请专利", "专利侵权赔偿", "山寨", "商标 专利", "知识产权 保护",
            "专利法第十一条", "植物新品种", "zhuanli", "假冒注册商标"]


@pytest.mark.browser
@pytest.mark.parametrize("query", COMPARED)
def test_live_and_frozen_give_the_same_top_five_at_scale(query, scale_app, static_page, scale_site):
    live = LiveSearch(scale_app.test_client())(query)
    frozen = StaticSearch(static_page, scale_site["url"])(query)
    assert live.total == frozen.total
    assert [h.url for h in live.hits[:5]] == [h.url for h in frozen.hits[:5]]
