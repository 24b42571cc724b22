"""Step-by-step navigation: steps validated with file:line, shown as an ordered list, the 本页属于 box."""

from __future__ import annotations

import re

from click.testing import CliRunner

from portal import create_app
from portal.cli import main

from .conftest import write

STEPS = """steps:
  - title: 先申请
    title_en: Apply first
    article: sample-law#art-1
    guide: apply
  - title: 再登记
    join: or
    article: sample-law#art-2
  - title: 办完以后
    text: 保管好证书。
    article: sample-law#art-2
    guide: after
"""


def site(root, steps: str = STEPS) -> None:
    """A journey guide with ``steps``, two guides it leads to, and their English versions."""
    write(root, "guides/journey.md", f"---\ntitle: 从申请到保护\n{steps}---\n正文\n")
    write(root, "guides/journey.en.md", "---\ntitle: From filing to protection\n---\nBody\n")
    write(root, "guides/apply.md", "---\ntitle: 申请指南\n---\n正文\n")
    write(root, "guides/apply.en.md", "---\ntitle: Filing guide\n---\nBody\n")
    write(root, "guides/after.md", "---\ntitle: 注册以后\n---\n正文\n")


def check(root):
    return CliRunner().invoke(main, ["check", "--content", str(root)], env={"PORTAL_STAFF_LANGUAGE": "en"})


def client(root):
    return create_app({"TESTING": True, "CONTENT_DIRS": [str(root)]}).test_client()


def test_steps_render_as_an_ordered_list_with_or_steps_and_article_links(content_dir):
    site(content_dir)
    assert check(content_dir).exit_code == 0, check(content_dir).output
    page = client(content_dir).get("/zh/guides/journey/").get_data(as_text=True)
    box = page.split('class="step-by-step"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<li class="step[^"]*"', box)
    assert len(items) == 2  # the "or" step shares step 1
    first, second = box.split('<li class="step', 2)[1:]
    assert "先申请" in first and "再登记" in first and '<p class="step-join">或</p>' in first
    assert '<a href="/zh/guides/apply/">先申请</a>' in first
    assert 'href="/zh/library/sample-law/#art-1"' in first and "《示例知识产权保护条例》第一条" in first
    assert "办完以后" in second and "保管好证书。" in second and 'href="/zh/guides/after/"' in second
    assert box.index("<ol") < box.index("先申请") < box.index("办完以后") < box.index("</ol>")


def test_a_guide_in_a_journey_shows_the_part_of_box_and_the_next_guide(content_dir):
    site(content_dir)
    web = client(content_dir)
    page = web.get("/zh/guides/apply/").get_data(as_text=True)
    box = page.split('class="part-of"', 1)[1].split("</aside>", 1)[0]
    assert '本页属于：<a href="/zh/guides/journey/">从申请到保护</a>' in box
    assert 'aria-current="step"' in box and box.index('aria-current="step"') < box.index("先申请")
    assert '下一步：<a href="/zh/guides/after/">注册以后</a>' in box
    english = web.get("/en/guides/apply/").get_data(as_text=True)
    assert "Part of: " in english and ">From filing to protection</a>" in english
    assert "Apply first" in english and '<span lang="zh-CN">再登记</span>' in english
    last = web.get("/zh/guides/after/").get_data(as_text=True)
    assert "本页属于：" in last and "下一步：" not in last
    assert "本页属于：" not in web.get("/zh/guides/journey/").get_data(as_text=True)


def test_a_step_citing_a_missing_article_is_an_error_on_its_line(content_dir):
    site(content_dir, STEPS.replace("sample-law#art-2\n    guide: after", "sample-law#art-9\n    guide: after"))
    result = check(content_dir)
    assert result.exit_code == 1
    assert re.search(r"journey\.md:13: error: .*#art-9", result.output), result.output
    site(content_dir, STEPS.replace("guide: after", "guide: aftr"))
    result = check(content_dir)
    assert re.search(r"journey\.md:14: error: .*aftr.*after", result.output), result.output
    site(content_dir, STEPS.replace("article: sample-law#art-1", "article: sample-lw#art-1"))
    assert re.search(r"journey\.md:6: error: .*sample-lw.*sample-law", check(content_dir).output)


def test_malformed_steps_are_errors_with_file_and_line(content_dir):
    cases = [
        (STEPS.replace("    join: or\n", "    join: maybe\n"), 9, "join"),
        (STEPS.replace("    title_en: Apply first\n", "    titel: x\n"), 5, "titel"),
        (STEPS.replace("    text: 保管好证书。\n", ""), 12, None),
        (STEPS.replace("  - title: 办完以后\n", "  - text: 没有标题\n"), 11, "title"),
        (STEPS.replace("article: sample-law#art-1", "article: 第一条"), 6, "#"),
        ("steps: []\n", 3, "steps"),
        (STEPS.replace("  - title: 先申请\n", "  - join: and\n    title: 先申请\n"), 4, "and/or"),
    ]
    for steps, line, word in cases:
        site(content_dir, steps)
        result = check(content_dir)
        if word is None:
            assert result.exit_code == 0, result.output
            continue
        assert result.exit_code == 1, steps
        assert re.search(rf"journey\.md:{line}: error: .*{re.escape(word)}", result.output), result.output


def test_a_guide_in_two_journeys_lists_both_in_one_box_each_with_its_step_and_next_guide(content_dir):
    site(content_dir)
    write(content_dir, "guides/second.md", "---\ntitle: 第二条路\nsteps:\n"
          "  - title: 先办完\n    article: sample-law#art-1\n    guide: after\n"
          "  - title: 再申请\n    article: sample-law#art-2\n    guide: apply\n---\n正文\n")
    assert check(content_dir).exit_code == 0, check(content_dir).output
    web = client(content_dir)
    page = web.get("/zh/guides/apply/").get_data(as_text=True)
    assert page.count('<aside class="part-of') == 1
    box = page.split('<aside class="part-of', 1)[1].split("</aside>", 1)[0]
    assert ">本页属于 2 个分步办理：</h2>" in box
    first, second = box.split('<div class="part-of-journey">')[1:]
    assert "<summary><span>从申请到保护</span>（本页是第 1 步）</summary>" in first
    assert '本页属于：<a href="/zh/guides/journey/">从申请到保护</a>' in first
    assert first.index("</details>") < first.index('下一步：<a href="/zh/guides/after/">注册以后</a>')  # not folded
    assert len(re.findall(r'<li class="step', first)) == 2 and 'aria-current="step"' in first
    assert "<summary><span>第二条路</span>（本页是第 2 步）</summary>" in second
    assert '本页属于：<a href="/zh/guides/second/">第二条路</a>' in second and "下一步：" not in second
    english = web.get("/en/guides/apply/").get_data(as_text=True)
    assert "Part of 2 step-by-step journeys:" in english
    assert ">From filing to protection</span> (this page is step 1)</summary>" in english
