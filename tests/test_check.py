"""portal new and portal check, as a staff member uses them."""

from __future__ import annotations

import json

from click.testing import CliRunner

from portal.cli import main

from .conftest import write


def run(*args: str):
    return CliRunner(env={"PORTAL_STAFF_LANGUAGE": "en"}).invoke(main, list(args))


def test_new_creates_a_draft_that_passes_check(tmp_path):
    for section in ("news", "guides", "laws", "policies"):
        result = run("new", section, f"专利申请指南：第一步{section}", "--content", str(tmp_path))
        assert result.exit_code == 0, result.output
    [news] = (tmp_path / "news").glob("*.md")
    assert news.name.endswith("-专利申请指南-第一步news.md")
    text = news.read_text(encoding="utf-8")
    assert 'title: "专利申请指南：第一步news"' in text and "draft: true" in text
    assert "level:" in (tmp_path / "laws" / "专利申请指南-第一步laws.md").read_text(encoding="utf-8")
    checked = run("check", "--content", str(tmp_path))
    assert checked.exit_code == 0, checked.output


def test_new_refuses_to_overwrite_or_unknown_section(tmp_path):
    assert run("new", "news", "标题", "--content", str(tmp_path)).exit_code == 0
    again = run("new", "news", "标题", "--content", str(tmp_path))
    assert again.exit_code == 1 and "exists already" in again.output
    assert "unknown section 'blog'" in run("new", "blog", "x", "--content", str(tmp_path)).output


def test_check_reports_broken_links_and_anchors_with_line(content_dir):
    path = write(
        content_dir,
        "news/links.md",
        """
        ---
        title: 链接测试
        ---
        见[示例条例第一条](/zh/library/sample-law/#art-1)。

        见[不存在的第九十条](/zh/library/sample-law/#art-90)。

        见[不存在的页面](/zh/library/no-such-law/)。

        ![](/static/missing.png)
        """,
    )
    result = run("check", "--content", str(content_dir))
    assert result.exit_code == 1
    assert f"{path}:6: error: broken link: '示例知识产权保护条例' has no article 90 (#art-90)" in result.output
    assert f"{path}:8: error: broken link: no page at '/zh/library/no-such-law/'" in result.output
    assert f"{path}:10: error: attachment '/static/missing.png' not found" in result.output
    assert f"{path}:10: warning: image '/static/missing.png' has no alt text" in result.output
    assert ":4:" not in result.output


def test_a_missing_page_linked_from_many_files_is_looked_up_once(content_dir, monkeypatch):
    from portal.content import checks
    from portal.content.loader import load_catalog

    for name in ("one", "two", "three"):
        write(content_dir, f"news/{name}.md", f"---\ntitle: 链接{name}\n---\n见[页面](/zh/library/sample-lax/)。\n")
    looked_up = []
    real = checks.suggest
    monkeypatch.setattr(checks, "suggest", lambda word, candidates: looked_up.append(word) or real(word, candidates))
    problems = checks.check_links(load_catalog([content_dir]))
    assert looked_up == ["/zh/library/sample-lax/"]
    assert [p.message.values["hint"] for p in problems] == [_hint("/zh/library/sample-law/")] * 3


def _hint(near: str) -> str:
    from portal.messages import _

    return _("你是不是要写 “%(near)s”？", near=near)


def test_check_json_format_for_tools(content_dir):
    write(content_dir, "news/typo.md", "---\ntitle: 错字\ndat: 2024-01-01\n---\n正文\n")
    result = run("check", "--content", str(content_dir), "--format", "json")
    assert result.exit_code == 1
    [row] = json.loads(result.output)
    assert row["line"] == 3 and row["severity"] == "error" and "unknown key 'dat'" in row["message"]


def test_warnings_alone_exit_zero(content_dir):
    write(content_dir, "news/again.md", "---\ntitle: 巫山县发布知识产权工作实施意见\n---\n同名\n")
    result = run("check", "--content", str(content_dir))
    assert (
        result.exit_code == 0
        and "is also used by" in result.output
        and "ok: 4 entries, 0 error(s), 1 warning" in result.output
    )


def test_build_runs_check_first(content_dir, tmp_path):
    write(content_dir, "news/bad-link.md", "---\ntitle: 坏链接\n---\n[x](/zh/news/nothing/)\n")
    result = run("build", "--content", str(content_dir), "--out", str(tmp_path / "site"))
    assert result.exit_code == 1 and "no page at '/zh/news/nothing/'" in result.output
    assert not (tmp_path / "site").exists()
