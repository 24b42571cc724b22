"""Numbered items of a policy get anchors by their number (#item-24), and a gap in the numbering is stated."""

from __future__ import annotations

import re

from click.testing import CliRunner

from portal import create_app
from portal.cli import main

from .conftest import write

POLICY = """
    ---
    title: 关于加强知识产权工作的实施意见
    level: 规范性文件
    ---
    ## 一、总体要求

    #### 1. 指导思想

    第一项的正文。

    #### 2. 总体目标

    第二项的正文。

    ## 二、重点任务

    #### 5. 强化执法

    第五项的正文。
    """


def test_items_are_anchored_by_their_number_and_a_gap_is_stated(tmp_path):
    write(tmp_path / "c", "policies/p.md", POLICY)
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path / "c")], "INDEX_DIR": str(tmp_path / "i")})
    page = app.test_client().get("/zh/library/p/").get_data(as_text=True)
    assert re.findall(r'id="(item-\d+)"', page) == ["item-1", "item-2", "item-5"]
    assert re.findall(r'id="(h-\d+)"', page) == ["h-1", "h-2"]  # 一、二、 keep their own anchors
    note = page.index("原文编号从第2项跳至第5项。")
    assert page.index('id="item-2"') < note < page.index('id="item-5"')


def test_links_to_items_are_checked(tmp_path):
    write(tmp_path / "c", "policies/p.md", POLICY)
    write(tmp_path / "c", "news/n.md", """
        ---
        title: 新闻
        ---
        见[第5项](/zh/library/p/#item-5)和[第3项](/zh/library/p/#item-3)。
        """)
    result = CliRunner(env={"PORTAL_STAFF_LANGUAGE": "en"}).invoke(main, ["check", "--content", str(tmp_path / "c")])
    broken = [line for line in result.output.splitlines() if "#item-" in line]
    assert len(broken) == 1 and "#item-3" in broken[0], result.output


def test_the_wushan_opinions_say_where_their_numbering_jumps(site_dirs, tmp_path):
    app = create_app({"TESTING": True, "CONTENT_DIRS": site_dirs, "INDEX_DIR": str(tmp_path / "index")})
    page = app.test_client().get("/zh/library/wushan-2022-ip-work/").get_data(as_text=True)
    items = [int(n) for n in re.findall(r'id="item-(\d+)"', page)]
    assert items == [n for n in range(1, 30) if n not in (15, 16)]
    assert "原文编号从第14项跳至第17项。" in page
