"""Messages for staff: Chinese by default, English by setting or LANG; each problem once, with a fix."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from portal.cli import main

from .conftest import write

ENGLISH = {"PORTAL_STAFF_LANGUAGE": "en"}


def check(content_dir, env=None):
    return CliRunner(env=env or {}).invoke(main, ["check", "--content", str(content_dir)])


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "“news” 栏目没有字段 “summery”。你是不是要写 “summary”？"),
        (ENGLISH, "unknown key 'summery' for section 'news'. Did you mean 'summary'?"),
        ({"LANG": "en_GB.UTF-8"}, "Did you mean 'summary'?"),
    ],
)
def test_unknown_key_suggests_the_nearest_in_the_staff_language(content_dir, env, expected):
    path = write(content_dir, "news/typo.md", "---\ntitle: 新闻\nsummery: 一句话\n---\n正文\n")
    result = check(content_dir, env)
    assert result.exit_code == 1 and f"{path}:3: " in result.output and expected in result.output


def test_setting_wins_over_lang(content_dir):
    write(content_dir, "news/typo.md", "---\ntitle: 新闻\nsummery: 一句话\n---\n正文\n")
    result = check(content_dir, {"LANG": "en_US.UTF-8", "PORTAL_STAFF_LANGUAGE": "zh"})
    assert "你是不是要写 “summary”" in result.output and "未通过" in result.output


@pytest.mark.parametrize(
    ("env", "colon", "summary"),
    [
        ({}, "这一行缺少冒号：请写成 “键: 值”", "未通过：4 篇，2 个文件有问题：2 个错误"),
        (ENGLISH, "this line has no colon: write 'key: value'", "failed: 4 entries, 2 file(s) with problems: 2 error"),
    ],
)
def test_a_front_matter_error_does_not_hide_link_errors(content_dir, env, colon, summary):
    broken = write(content_dir, "news/colon.md", "---\ntitle: 新闻\nsummary 一句话\ndate: 2024-01-01\n---\n正文\n")
    linking = write(content_dir, "pages/links.md", "---\ntitle: 链接\n---\n见[条例](/zh/library/sampel-law/)。\n")
    result = check(content_dir, env)
    assert result.exit_code == 1
    assert f"{broken}:3: " in result.output and colon in result.output
    assert f"{linking}:4: " in result.output and "/zh/library/sample-law/" in result.output  # the nearest page
    assert summary in result.output


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ":6: 错误: 链接失效：没有 “/zh/news/firts/” 这个页面。你是不是要写 “/zh/news/first/”？"),
        (ENGLISH, ":6: error: broken link: no page at '/zh/news/firts/'. Did you mean '/zh/news/first/'?"),
    ],
)
def test_each_problem_once_grouped_under_its_file(content_dir, env, expected):
    path = write(
        content_dir,
        "news/twice.md",
        "---\ntitle: 链接\n---\n见[甲](/zh/news/nothing/)和[乙](/zh/news/nothing/)。\n\n[丙](/zh/news/firts/)\n",
    )
    write(content_dir, "news/twice.en.md", "---\ntitle: Links\n---\nSee [a](/zh/news/nothing/).\n")
    result = check(content_dir, env)
    lines = result.output.splitlines()
    assert lines.count(str(path)) == 1
    assert sum("/zh/news/nothing/" in line for line in lines) == 1
    assert lines[2] == f"  {path}{expected}"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "《示例知识产权保护条例》没有第 90 条（#art-90）；全文共 2 条，请核对条号"),
        (ENGLISH, "'示例知识产权保护条例' has no article 90 (#art-90); it has 2 articles, check the number"),
    ],
)
def test_article_number_beyond_the_law_says_how_many_articles_it_has(content_dir, env, expected):
    write(content_dir, "news/art.md", "---\ntitle: 条号\n---\n见[第九十条](/zh/library/sample-law/#art-90)。\n")
    assert expected in check(content_dir, env).output


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, "没有 “new” 这个栏目文件夹"), (ENGLISH, "unknown section 'new'")],
)
def test_unknown_section_folder_suggests_the_nearest(content_dir, env, expected):
    write(content_dir, "new/item.md", "---\ntitle: 新闻\n---\n正文\n")
    output = check(content_dir, env).output
    assert expected in output and ("“news”" in output or "'news'" in output)


@pytest.mark.parametrize(
    ("env", "summary", "body"),
    [
        ({}, "摘要还是模板里的示例文字", "正文还是模板里的示例文字"),
        (ENGLISH, "the summary is still the example text", "the body is still the example text"),
    ],
)
def test_template_text_left_in_a_published_page_is_an_error(tmp_path, env, summary, body):
    runner = CliRunner(env=env)
    assert runner.invoke(main, ["new", "news", "新闻标题", "--content", str(tmp_path)]).exit_code == 0
    assert check(tmp_path, env).exit_code == 0  # a draft may keep the template text
    [path] = (tmp_path / "news").glob("*.md")
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    result = check(tmp_path, env)
    assert result.exit_code == 1
    assert f"{path}:4: " in result.output and summary in result.output and body in result.output


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "值里有冒号：请把整个值用英文引号括起来"),
        (ENGLISH, "the value contains a colon: put the whole value in double quotes"),
    ],
)
def test_yaml_error_is_explained_on_its_line(content_dir, env, expected):
    path = write(content_dir, "news/colon.md", "---\ndate: 2024-01-01\ntitle: 标题: 副标题\n---\n正文\n")
    result = check(content_dir, env)
    assert f"{path}:3: " in result.output and expected in result.output


@pytest.mark.parametrize(("env", "expected"), [({}, "用了中文冒号"), (ENGLISH, "full-width colon")])
def test_full_width_colon_is_named(content_dir, env, expected):
    path = write(content_dir, "news/colon.md", "---\ntitle: 标题\nsummary：摘要\n---\n正文\n")
    result = check(content_dir, env)
    assert f"{path}:3: " in result.output and expected in result.output


def test_json_messages_follow_the_language(content_dir):
    import json

    write(content_dir, "news/typo.md", "---\ntitle: 新闻\nlevel: 法律\n---\n正文\n")
    zh = json.loads(CliRunner().invoke(main, ["check", "--content", str(content_dir), "--format", "json"]).output)
    en = json.loads(
        CliRunner(env=ENGLISH).invoke(main, ["check", "--content", str(content_dir), "--format", "json"]).output
    )
    assert "栏目没有字段 “level”" in zh[0]["message"] and "unknown key 'level'" in en[0]["message"]
