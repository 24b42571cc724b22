"""The browser search must analyse, match and rank exactly like the Python search: compared in Chromium."""

from __future__ import annotations

import pytest

from portal.search.analysis import fold, parse_query
from portal.search.live import current_generation
from portal.search.patterns import compile_query, phrase_at, snippet, spans
from portal.search.query import analyse_query
from portal.search.service import _synonyms

from .test_search_fixtures import LiveSearch, StaticSearch

pytest_plugins = ["tests.test_search_fixtures"]

pytestmark = pytest.mark.browser

QUERIES = [
    "权", "知识产权", "国家知识产权局", "校园", "进校园", "识产", "专利侵权赔偿", "商标 专利", '"专利申请"', "专利申请",
    "專利法", "知識產權", "數位內容", "渝府发〔2016〕25号", "渝府发[2016]25号", "渝府发(2016)25号", "渝府发2016 25号",
    "ＷＩＰＯ", "２０１６", "wipo", "WiPo", "IT", "US", "IP", "IP保护", "WIPO知识产权", "的", "专利的保护", "的的",
    "", "   ", "\u3000", "，。！？", "权" * 201, "(专利 OR 商标)", '"专利', "title:专利", "专利~2", "\\", "a:b:c",
    "发明\u200b创造", "马克思", "马克", "山货电商", "㐀", "𠀀", "㐀𠀀", "巫山脆李", "巫山县脆李子", "Ⅻ号", "①②",
    "ＡＢＣ２０２４", "知　识　产　权", "café", "Straße", "İstanbul", "专利 「申请」", "“专利申请”", "商標註冊",
    "植物新品种保护条例", "集成电路布图设计", "constructor __proto__",
    "最高人民法院关于审理侵犯专利权纠纷案件应用法律若干问题的解释",
    "怎么申请专利", "如何申请商标", "发明专利保护多少年", "怎么办", '"如何"申请', "我国专利法", "什么是专利吗",
    "山寨", "盗版 软件", "抄袭怎么办", '"盗版"', "logo", "logos", "ip 保护", "专利法第十一条", "专利法第11条",
    "专利法11条", "zhuanli", "zhuanlifa", "shangbiao zhuce", "zhuanli 保护", '"zhuanli"',
    "《商标法》第四十九条第二款", "商标法实施条例第五条", "专利法第一百二十三条", "中华人民共和国专利法", "专利法",
    "patents", "registered trademarks", "How do I register a trademark?", "licensing policies", "the", "classes",
    "status", "World IP Day", "lessons", "申请专利", "怎样注册商标",
]
FOLDS = ["ＷＩＰＯ２０１６", "專利與商標", "a\u200bb\ufeffc", "〔2016〕［1］（2）", "\u3000x\u00a0y", "ＡＢＣ", "Ⅻ"]
SNIPPETS = [
    ("马克思", "本周推荐马克思的著作。另有马克·吐温的小说和马克笔绘画课程。"),
    ("专利侵权赔偿",
     "第一条 专利权人的合法权益受法律保护。" * 5 + "侵犯专利权的赔偿数额按照权利人因被侵权所受到的实际损失确定。"),
    ("渝府发2016 25号", "重庆市人民政府关于……的实施意见（渝府发〔2016〕25号）各区县人民政府"),
    ("wipo", "世界知识产权组织（WIPO）与 wipo 以及 ＷＩＰＯ，但不是 WIPOS。"),
    ('"专利申请"', "专利的申请，专利申请人，专利 申请。"),
    ("发明创造", "青少年发明\u200b创造大赛\u3000报名开始！"),
]


@pytest.fixture(scope="module")
def js(static_page, frozen_site):
    """Calls into the browser search on the frozen search page: ``js(expression, argument)``."""
    def opened(page) -> None:
        page.goto(f"{frozen_site['url']}/zh/search/")
        page.wait_for_function("() => window.PortalSearch !== undefined")

    static_page.run(opened)
    return lambda expression, argument: static_page.run(lambda page: page.evaluate(expression, argument))


@pytest.fixture(scope="module")
def generation(search_app):
    """The live index the Python side searches."""
    return current_generation(search_app)


def test_query_tokens_are_the_same_in_python_and_javascript(js, generation, search_app):
    mismatches = []
    for query in QUERIES:
        python = analyse_query(query, generation.lexicon, *_synonyms(search_app)).to_json()
        browser_side = js("q => PortalSearch.analyze(q)", query)
        if python != browser_side:
            mismatches.append((query, python, browser_side))
    assert not mismatches


def test_folding_is_the_same_in_python_and_javascript(js):
    for text in FOLDS:
        assert js("t => PortalSearch.fold(t)", text) == fold(text), text


def test_snippets_are_the_same_in_python_and_javascript(js, generation):
    for query, text in SNIPPETS:
        parsed = parse_query(query, generation.lexicon)
        patterns = compile_query(parsed, generation.variants)
        expected = snippet(text, spans(text, patterns.highlight), phrase_at(text, patterns))[0]
        assert js("([q, t]) => PortalSearch.snippet(q, t)", [query, text]) == expected, query


COMPARED = ["权", "知识产权", "专利侵权赔偿", "商标 专利", '"专利申请"', "專利法", "渝府发〔2016〕25号", "WIPO",
            "的", "巫山脆李", "山货电商", "植物新品种", "知识产权 保护 重庆", "怎么申请专利", "山寨", "盗版",
            "专利法第十一条", "专利法第九百条", "patents", "专利法", "发明专利保护多少年", "侵权 赔偿 数额"]


@pytest.mark.parametrize("query", COMPARED)
def test_live_and_frozen_find_the_same_documents(query, search_client, static_page, frozen_site):
    live = LiveSearch(search_client)(query)
    frozen = StaticSearch(static_page, frozen_site["url"])(query)
    assert live.total == frozen.total
    if live.total <= 20:
        assert sorted(h.url for h in live.hits) == sorted(h.url for h in frozen.hits)
    assert [h.url for h in live.hits[:5]] == [h.url for h in frozen.hits[:5]]
