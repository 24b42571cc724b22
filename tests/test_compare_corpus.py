"""Version comparison on the real corpus: 专利法实施细则 2010 → 2023 and the 知识产权法庭 rules 2018 → 2023.

Every expectation below was checked by reading both texts in the corpus (laws/专利法实施细则(2010-01-09).md
and (2023-12-11).md; laws/最高人民法院关于知识产权法庭若干问题的规定(2018-12-28).md and (2023-10-21).md).
"""

from __future__ import annotations

import time

import pytest

from portal import create_app
from portal.content.compare import compare_articles

RULES_2010, RULES_2023 = "专利法实施细则-2010-01-09", "专利法实施细则-2023-12-11"
COURT_2018 = "最高人民法院关于知识产权法庭若干问题的规定-2018-12-28"
COURT_2023 = "最高人民法院关于知识产权法庭若干问题的规定-2023-10-21"


@pytest.fixture(scope="module")
def corpus_catalog(corpus_dir, tmp_path_factory):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(corpus_dir)],
                      "INDEX_DIR": str(tmp_path_factory.mktemp("index"))})
    return app.extensions["portal.catalog"]


@pytest.fixture(scope="module")
def rules(corpus_catalog):
    old, new = corpus_catalog.library_entry(RULES_2010), corpus_catalog.library_entry(RULES_2023)
    assert old is not None and new is not None, "the corpus has both versions of 专利法实施细则"
    return compare_articles(old.articles, new.articles)


@pytest.fixture(scope="module")
def court(corpus_catalog):
    old, new = corpus_catalog.library_entry(COURT_2018), corpus_catalog.library_entry(COURT_2023)
    assert old is not None and new is not None, "the corpus has both 知识产权法庭 rules"
    return compare_articles(old.articles, new.articles)


def inserted(pair) -> str:
    return "".join(s.new for s in pair.segments if s.kind == "insert")


def deleted(pair) -> str:
    return "".join(s.old for s in pair.segments if s.kind == "delete")


def test_the_catalogue_groups_both_pairs_as_versions_of_one_work(corpus_catalog):
    for old, new in ((RULES_2010, RULES_2023), (COURT_2018, COURT_2023)):
        versions = [e.slug for e in corpus_catalog.versions[corpus_catalog.library_entry(old).key]]
        assert versions == [new, old]  # newest first


def test_patent_rules_every_article_of_both_versions_appears_once(rules):
    olds = [p.old.label for p in rules.pairs if p.old]
    news = [p.new.label for p in rules.pairs if p.new]
    assert len(olds) == len(set(olds)) == 123
    assert len(news) == len(set(news)) == 149


def test_patent_rules_summary(rules):
    assert rules.counts() == {"unchanged": 4, "changed": 6, "renumbered": 44, "renumbered_changed": 65,
                              "added": 30, "deleted": 4}


def test_patent_rules_the_new_good_faith_article_eleven_shifts_the_old_eleventh_to_twelve(rules):
    # 2023 第十一条 (申请专利应当遵循诚实信用原则) is new; the old 第十一条 (除专利法第二十八条和第四十二条规定的
    # 情形外 …) reads the same as 2023 第十二条.
    added = rules.by_new_label("第十一条")
    assert added.kind == "added" and "诚实信用原则" in added.new.text
    shifted = rules.by_old_label("第十一条")
    assert (shifted.kind, shifted.new.label) == ("renumbered", "第十二条")


def test_patent_rules_article_two_gains_the_electronic_form(rules):
    pair = rules.by_old_label("第二条")
    assert (pair.kind, pair.new.label) == ("changed", "第二条")
    assert "数据电文" in inserted(pair) and "视为书面形式" in inserted(pair)
    assert deleted(pair) == ""


def test_patent_rules_first_article_differs_only_in_bracket_width_and_is_unchanged(rules):
    # 2010: (以下简称专利法) with ASCII brackets, 2023: （以下简称专利法） — the same words.
    assert rules.by_old_label("第一条").kind == "unchanged"


def test_patent_rules_the_employee_inventor_reward_article_is_renumbered_and_rewritten(rules):
    # 2010 第七十八条 (2% of operating profit …) → 2023 第九十四条 (依照《促进科技成果转化法》 …).
    pair = rules.by_old_label("第七十八条")
    assert (pair.kind, pair.new.label) == ("renumbered_changed", "第九十四条")
    assert "2%" in deleted(pair) and "促进科技成果转化法" in inserted(pair)


def test_patent_rules_term_compensation_open_licence_and_hague_articles_are_added(rules):
    # New chapters 第五章 专利权期限补偿 (77–84), 开放许可 in 第六章 (85–88), 第十二章 外观设计国际申请 (136–144).
    new_numbers = {p.new.number for p in rules.pairs if p.kind == "added"}
    assert set(range(77, 89)) | set(range(136, 145)) <= new_numbers
    assert {11, 16, 36, 37, 45, 96, 100, 128} <= new_numbers


def test_patent_rules_the_review_board_and_typewriting_articles_are_deleted(rules):
    # 2010 第五十九条 (专利复审委员会 membership), 第六十二条 (review by the original examiners), 第八十条
    # (业务指导), 第一百二十一条 (打字或者印刷): no counterpart in 2023, which no longer names 专利复审委员会.
    gone = {p.old.label for p in rules.pairs if p.kind == "deleted"}
    assert gone == {"第五十九条", "第六十二条", "第八十条", "第一百二十一条"}


def test_patent_rules_the_final_article_moves_from_123_to_149(rules):
    pair = rules.by_old_label("第一百二十三条")
    assert (pair.kind, pair.new.label) == ("renumbered", "第一百四十九条")


def test_court_rules_summary(court):
    assert court.counts() == {"unchanged": 1, "changed": 2, "renumbered": 5, "renumbered_changed": 2,
                              "added": 1, "deleted": 5}


def test_court_rules_electronic_service_and_transition_articles_are_deleted(court):
    # 2018 第四条 (电子送达), 第五条 (在线证据交换), 第十二至十四条 (cases decided before 2019-01-01): gone in 2023.
    gone = [p.old.label for p in court.pairs if p.kind == "deleted"]
    assert gone == ["第四条", "第五条", "第十二条", "第十三条", "第十四条"]
    added = [p for p in court.pairs if p.kind == "added"]
    assert [p.new.label for p in added] == ["第四条"] and "披露" in added[0].new.text


def test_court_rules_renumbered_articles_keep_their_text(court):
    renumbered = [(p.old.label, p.new.label) for p in court.pairs if p.kind == "renumbered"]
    assert renumbered == [("第六条", "第五条"), ("第七条", "第六条"), ("第九条", "第八条"), ("第十条", "第九条"),
                          ("第十五条", "第十一条")]


def test_court_rules_article_two_and_the_publicity_article_are_changed(court):
    two = court.by_old_label("第二条")
    assert (two.kind, two.new.label) == ("changed", "第二条")
    assert "上诉案件" in inserted(two)
    publicity = court.by_old_label("第八条")  # 审判流程、裁判文书等 … 依法公开
    assert (publicity.kind, publicity.new.label) == ("renumbered_changed", "第七条")
    assert "向当事人和社会" in deleted(publicity) and "中国审判流程信息公开网查询" in deleted(publicity)
    assert inserted(publicity) == ""


def test_comparing_the_largest_pair_takes_well_under_a_second(corpus_catalog):
    old, new = corpus_catalog.library_entry(RULES_2010), corpus_catalog.library_entry(RULES_2023)
    started = time.perf_counter()
    compare_articles(old.articles, new.articles)
    assert time.perf_counter() - started < 1.0
