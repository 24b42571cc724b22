"""Aligning two versions of a work by what the articles say (portal/content/compare.py), on small texts."""

from __future__ import annotations

from portal.content.compare import Segment, compare_articles, diff_segments, paragraphs
from portal.content.legal import parse_legal_body

NUMERALS = "一二三四五六七八九"
A = "为了保护专利权人的合法权益，鼓励发明创造，推动发明创造的应用，制定本条例。"
B = "申请专利的，应当向国务院专利行政部门提交申请文件，申请文件应当一式两份。"
C = "专利权人应当自被授予专利权的当年开始缴纳年费，年费按照规定的标准缴纳。"
D = "任何单位或者个人未经专利权人许可，都不得实施其专利，法律另有规定的除外。"
X = "国家鼓励开展知识产权宣传教育，在中小学开设知识产权普及课程，培养创新意识。"


def articles(*bodies: str):
    """A version whose articles are ``bodies``, numbered 第一条, 第二条 … in order."""
    text = "\n\n".join(f"第{NUMERALS[i]}条 {b}" for i, b in enumerate(bodies))
    return parse_legal_body(text).articles


def rows(comparison) -> list[tuple[str, str | None, str | None]]:
    """(kind, old label, new label) of every pair, in reading order."""
    return [(p.kind, p.old and p.old.label, p.new and p.new.label) for p in comparison.pairs]


def test_identical_versions_are_unchanged_article_by_article():
    result = compare_articles(articles(A, B, C), articles(A, B, C))
    assert rows(result) == [("unchanged", "第一条", "第一条"), ("unchanged", "第二条", "第二条"),
                            ("unchanged", "第三条", "第三条")]
    assert result.counts()["unchanged"] == 3


def test_an_article_inserted_early_renumbers_the_later_ones_without_calling_them_changed():
    result = compare_articles(articles(A, B, C), articles(A, X, B, C))
    assert rows(result) == [
        ("unchanged", "第一条", "第一条"),
        ("added", None, "第二条"),
        ("renumbered", "第二条", "第三条"),
        ("renumbered", "第三条", "第四条"),
    ]
    assert result.by_new_label("第二条").segments == (Segment("insert", new=X),)


def test_a_deleted_article_is_listed_where_it_stood_in_the_old_version():
    result = compare_articles(articles(A, B, C, D), articles(A, C, D))
    assert rows(result) == [
        ("unchanged", "第一条", "第一条"),
        ("deleted", "第二条", None),
        ("renumbered", "第三条", "第二条"),
        ("renumbered", "第四条", "第三条"),
    ]
    assert result.counts() == {"unchanged": 1, "changed": 0, "renumbered": 2, "renumbered_changed": 0,
                               "added": 0, "deleted": 1}


def test_a_changed_article_marks_only_the_changed_characters():
    old = "申请人应当在三个月内缴纳申请费，期满未缴纳的，其申请视为撤回。"
    new = "申请人应当在两个月内缴纳申请费和附加费，期满未缴纳的，其申请视为撤回。"
    result = compare_articles(articles(A, old), articles(A, new))
    pair = result.by_old_label("第二条")
    assert pair.kind == "changed" and pair.new.label == "第二条"
    changes = [s for s in pair.segments if s.kind != "equal"]
    assert changes[:2] == [Segment("delete", old="三"), Segment("insert", new="两")]
    # 申请费[和附加费] or 申请[费和附加]费: the same four characters, either way round.
    assert len(changes) == 3 and changes[2].kind == "insert" and len(changes[2].new) == 4
    assert "和附加" in changes[2].new
    assert "".join(s.old for s in pair.segments) == old
    assert "".join(s.new for s in pair.segments) == new


def test_an_article_both_renumbered_and_changed_is_said_to_be_both():
    changed = B.replace("一式两份", "一式三份")
    result = compare_articles(articles(A, B), articles(X, A, changed))
    assert rows(result) == [
        ("added", None, "第一条"),
        ("renumbered", "第一条", "第二条"),
        ("renumbered_changed", "第二条", "第三条"),
    ]


def test_unrelated_articles_at_the_same_number_are_deleted_and_added_not_paired():
    result = compare_articles(articles(A, B), articles(A, X))
    assert rows(result) == [("unchanged", "第一条", "第一条"), ("deleted", "第二条", None),
                            ("added", None, "第二条")]


def test_an_article_moved_out_of_order_is_still_paired_and_flagged_as_moved():
    result = compare_articles(articles(A, B, C, D), articles(D, A, B, C))
    moved = [p for p in result.pairs if p.moved]
    assert [(p.old.label, p.new.label, p.kind) for p in moved] == [("第四条", "第一条", "renumbered")]
    assert result.counts()["added"] == result.counts()["deleted"] == 0


def test_width_variants_and_zero_width_spaces_are_not_changes():
    old = "专利法所称职务发明创造，是指：\n(一)在本职工作中作出的发明创造；"
    new = "专利法所称职务发明创造，是指：\n（一）在本职工作中作出的\u200b发明创造；"
    result = compare_articles(articles(old), articles(new))
    assert rows(result) == [("unchanged", "第一条", "第一条")]


def test_a_short_unchanged_run_between_two_changes_joins_them():
    segments = diff_segments("由县级人民政府决定", "由省级人民政府批准")
    changes = [s for s in segments if s.kind != "equal"]
    assert changes == [Segment("delete", old="县"), Segment("insert", new="省"),
                       Segment("delete", old="决定"), Segment("insert", new="批准")]
    fragmented = diff_segments("甲乙丙丁戊", "子乙丑丁寅")  # 乙 and 丁 alone are not worth showing as kept
    assert fragmented == (Segment("delete", old="甲乙丙丁戊"), Segment("insert", new="子乙丑丁寅"))


def test_paragraphs_give_each_side_its_own_text_paragraph_by_paragraph():
    segments = diff_segments("第一款内容。\n第二款旧文字。", "第一款内容。\n第二款新文字。\n第三款。")
    assert paragraphs(segments, "old") == [[("equal", "第一款内容。")], [("equal", "第二款"), ("delete", "旧"),
                                                                     ("equal", "文字。")]]
    assert paragraphs(segments, "new")[1:] == [[("equal", "第二款"), ("insert", "新"), ("equal", "文字。")],
                                               [("insert", "第三款。")]]
    assert ("delete", "旧") in paragraphs(segments, "inline")[1] and ("insert", "新") in paragraphs(segments,
                                                                                                   "inline")[1]


def test_versions_without_articles_compare_to_nothing_or_to_all_added():
    assert compare_articles((), ()).pairs == ()
    assert rows(compare_articles((), articles(A))) == [("added", None, "第一条")]
    assert rows(compare_articles(articles(A), ())) == [("deleted", "第一条", None)]
