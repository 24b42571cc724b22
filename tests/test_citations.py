"""Citations: the parser on real forms from the corpus, the version resolver, the links on pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal import create_app
from portal.citations import find_citations, resolve_citation
from portal.citations.link import citation_index
from portal.content.loader import load_catalog

from .conftest import write

NAMES = ("专利法", "商标法", "著作权法", "反不正当竞争法", "专利法实施细则", "商标法实施条例", "中华人民共和国专利法")
A = None  # no article: the document as a whole

# (text as found in the corpus, bare 第X条 cites the same law?, expected [(matched text, document, article)])
TABLE = [
    (
        "根据《中华人民共和国专利法》（以下简称专利法），制定本细则。",
        True,
        [("《中华人民共和国专利法》", "中华人民共和国专利法", A)],
    ),
    ("违反专利法第二十条规定", True, [("专利法第二十条", "专利法", (20, None))]),
    ("专利法第五条所称违反法律", True, [("专利法第五条", "专利法", (5, None))]),
    ("专利法第六条所称执行本单位的任务", True, [("专利法第六条", "专利法", (6, None))]),
    ("依照专利法第二十四条的规定", True, [("专利法第二十四条", "专利法", (24, None))]),
    ("专利法第三十一条第二款所称", True, [("专利法第三十一条第二款", "专利法", (31, None))]),
    ("专利法第四十二条第二款", True, [("专利法第四十二条第二款", "专利法", (42, None))]),
    ("商标法第十三条第二款", False, [("商标法第十三条第二款", "商标法", (13, None))]),
    ("商标法第六十三条第一款规定", False, [("商标法第六十三条第一款", "商标法", (63, None))]),
    ("商标法第五十七条第（二）项", False, [("商标法第五十七条", "商标法", (57, None))]),
    ("反不正当竞争法第九条第四款", False, [("反不正当竞争法第九条第四款", "反不正当竞争法", (9, None))]),
    ("反不正当竞争法第六条规定的", False, [("反不正当竞争法第六条", "反不正当竞争法", (6, None))]),
    ("著作权法第四十八条", False, [("著作权法第四十八条", "著作权法", (48, None))]),
    ("本法第十条第一款第五项", True, [("本法第十条第一款第五项", "self", (10, None))]),
    ("本细则第一百零三条", True, [("本细则第一百零三条", "self", (103, None))]),
    ("本细则第一百二十条", True, [("本细则第一百二十条", "self", (120, None))]),
    ("本条例第十四条", True, [("本条例第十四条", "self", (14, None))]),
    ("本规定第一条", True, [("本规定第一条", "self", (1, None))]),
    ("本解释第二条", True, [("本解释第二条", "self", (2, None))]),
    ("依照本法第四条的规定", True, [("本法第四条", "self", (4, None))]),
    ("依照第三十条的规定", True, [("第三十条", "self", (30, None))]),
    ("第七十五条之一", True, [("第七十五条之一", "self", (75, 1))]),
    (
        "依照专利法第二十二条、第二十三条的规定",
        True,
        [("专利法第二十二条", "专利法", (22, None)), ("第二十三条", "专利法", (23, None))],
    ),
    (
        "商标法第十三条、第十五条或者第三十二条",
        False,
        [
            ("商标法第十三条", "商标法", (13, None)),
            ("第十五条", "商标法", (15, None)),
            ("第三十二条", "商标法", (32, None)),
        ],
    ),
    (
        "专利法第二十四条和第二十八条",
        True,
        [("专利法第二十四条", "专利法", (24, None)), ("第二十八条", "专利法", (28, None))],
    ),
    ("本细则第十一条至第十三条", True, [("本细则第十一条至第十三条", "self", (11, None))]),
    ("专利法实施细则第六十五条", False, [("专利法实施细则第六十五条", "专利法实施细则", (65, None))]),
    ("商标法实施条例第四十条", False, [("商标法实施条例第四十条", "商标法实施条例", (40, None))]),
    (
        "《中华人民共和国商标法》第十三条",
        False,
        [("《中华人民共和国商标法》第十三条", "中华人民共和国商标法", (13, None))],
    ),
    ("《专利法》第四十二条第一款", False, [("《专利法》第四十二条第一款", "专利法", (42, None))]),
    ("中华人民共和国专利法第十一条", False, [("中华人民共和国专利法第十一条", "中华人民共和国专利法", (11, None))]),
    (
        "《中华人民共和国民事诉讼法》第一百条",
        False,
        [("《中华人民共和国民事诉讼法》第一百条", "中华人民共和国民事诉讼法", (100, None))],
    ),
    (
        "《最高人民法院关于审理侵犯专利权纠纷案件应用法律若干问题的解释（二）》",
        False,
        [
            (
                "《最高人民法院关于审理侵犯专利权纠纷案件应用法律若干问题的解释（二）》",
                "最高人民法院关于审理侵犯专利权纠纷案件应用法律若干问题的解释（二）",
                A,
            )
        ],
    ),
    ("前条规定的", True, [("前条", "previous", A)]),
    # Not citations, or not of a known law: nothing is linked.
    ("第一条 为了保护知识产权", False, []),  # outside a law a lone article is ambiguous
    ("依照第三十条的规定", False, []),
    ("民事诉讼法第一百条", True, []),  # an unknown short name: its article is not this law's
    ("本条第一款", True, []),
    ("前款规定的", True, []),
    ("专利法和本细则规定的各种手续", True, []),
    ("《商标注册证》", False, [("《商标注册证》", "商标注册证", A)]),  # found, resolved to nothing later
    ("第十五日", True, []),
    ("第一审知识产权民事案件", True, []),
    ("中华人民共和国国务院令第306号公布", True, []),
    # a range of a law the library does not hold: neither end is the citing text's own article
    ("单位实施刑法第二百一十三条至第二百一十九条规定的行为", True, []),
    ("依照《刑法》第二百一十三条至第二百一十九条", True, [("《刑法》第二百一十三条至第二百一十九条", "刑法", (213, None))]),  # noqa: E501
    ("违反商标法实施条例第五条", False, [("商标法实施条例第五条", "商标法实施条例", (5, None))]),
    ("《专利法实施细则》第五条", False, [("《专利法实施细则》第五条", "专利法实施细则", (5, None))]),
]


@pytest.mark.parametrize(("text", "in_law", "expected"), TABLE)
def test_parser_finds_real_citation_forms(text, in_law, expected):
    found = find_citations(text, NAMES, bare_self=in_law)
    assert [(c.text, c.document, c.article) for c in found] == expected


def test_table_has_forty_forms():
    assert len(TABLE) >= 40


def test_range_end_is_kept():
    (found,) = find_citations("本细则第十一条至第十三条", NAMES, bare_self=True)
    assert found.to == 13


@pytest.fixture
def versions_dir(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    write(
        root,
        "laws/old.md",
        """
        ---
        title: 中华人民共和国示例法
        version_date: 2008-12-27
        ---
        第一条 旧法第一条。

        第二条 旧法第二条。
        """,
    )
    write(
        root,
        "laws/new.md",
        """
        ---
        title: 中华人民共和国示例法
        version_date: 2020-10-17
        ---
        第一条 新法第一条。

        第二条 新法第二条。

        第三条 新法新增的第三条。
        """,
    )
    write(
        root,
        "laws/rules-2010.md",
        """
        ---
        title: 示例法实施细则
        version_date: 2010-01-09
        ---
        第一条 根据示例法第二条，制定本细则。

        第二条 依照本细则第九条的规定办理。

        第三条 前条规定的事项。
        """,
    )
    write(
        root,
        "laws/rules-2023.md",
        """
        ---
        title: 示例法实施细则
        version_date: 2023-12-11
        ---
        第一条 根据示例法第三条和《中华人民共和国民法典》第一百条，制定本细则。

        第二条 依照本细则第一条的规定。
        """,
    )
    write(
        root,
        "guides/howto.md",
        """
        ---
        title: 办事指南
        date: 2024-01-01
        ---
        见《中华人民共和国示例法》第二条和示例法实施细则第二条。
        """,
    )
    return root


def test_resolver_picks_the_version_in_force(versions_dir):
    import datetime as dt

    catalog = load_catalog([versions_dir])
    old = resolve_citation(catalog, "示例法", (2, None), dt.date(2010, 1, 9))
    assert old.entry.slug == "old" and old.anchor == "art-2"
    new = resolve_citation(catalog, "《中华人民共和国示例法》", (3, None), dt.date(2023, 12, 11))
    assert new.entry.slug == "new" and new.anchor == "art-3"
    missing = resolve_citation(catalog, "示例法", (3, None), dt.date(2010, 1, 9))
    assert missing.entry.slug == "old" and missing.anchor is None and "art-3" in missing.reason
    assert resolve_citation(catalog, "不存在法", (1, None)) is None


def test_pages_link_citations_and_list_reverse_links(versions_dir, tmp_path):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(versions_dir)], "INDEX_DIR": str(tmp_path / "i")})
    client = app.test_client()
    rules = client.get("/zh/library/rules-2010/").get_data(as_text=True)
    assert '<a class="cite" href="/zh/library/old/#art-2">示例法第二条</a>' in rules
    assert '<a class="cite" href="/zh/library/rules-2010/#art-2">前条</a>' in rules
    assert "本细则第九条" in rules and "#art-9" not in rules  # a missing article stays plain text
    newer = client.get("/zh/library/rules-2023/").get_data(as_text=True)
    assert '<a class="cite" href="/zh/library/new/#art-3">示例法第三条</a>' in newer
    assert "《中华人民共和国民法典》第一百条" in newer  # not in the library: plain
    guide = client.get("/en/guides/howto/").get_data(as_text=True)
    assert 'href="/en/library/new/#art-2"' in guide and 'href="/en/library/rules-2023/#art-2"' in guide
    cited = client.get("/zh/library/new/").get_data(as_text=True)
    section = cited[cited.index('id="cited-by-heading"') :]
    assert "示例法实施细则" in section and "办事指南" in section
    old = client.get("/zh/library/old/").get_data(as_text=True)
    assert 'href="/zh/library/rules-2010/"' in old[old.index('id="cited-by-heading"') :]


def test_check_warns_about_unlinked_citations_with_line(versions_dir):
    catalog = load_catalog([versions_dir])
    problems = citation_index(catalog).problems
    by_text = {p.message.values["text"]: p for p in problems}
    missing = by_text["本细则第九条"]
    assert missing.path.name == "rules-2010.md" and missing.line == 7 and missing.severity == "warning"
    assert by_text["《中华人民共和国民法典》第一百条"].line == 5


def test_corpus_patent_rules_link_the_patent_law(site_dirs):
    catalog = load_catalog([Path(d) for d in site_dirs])
    index = citation_index(catalog)
    rules = index.html[("laws", "专利法实施细则-2023-12-11")]
    targets = re.findall(r'<a class="cite" href="([^"]+)">', rules)
    law = "/zh/library/%E4%B8%93%E5%88%A9%E6%B3%95-2020-10-17/"
    assert sum(t.startswith(law) for t in targets) >= 86
    old = index.html[("laws", "专利法实施细则-2010-01-09")]
    assert law + "#" not in old  # the 2020 numbering is never used for a 2010 text
