"""The portal command as staff use it."""

from __future__ import annotations

from click.testing import CliRunner

from portal.cli import main

from .conftest import write

EN = CliRunner(env={"PORTAL_STAFF_LANGUAGE": "en"})


def test_build_writes_site_and_reports_pages(content_dir, tmp_path):
    out = tmp_path / "site"
    result = EN.invoke(main, ["build", "--content", str(content_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "built " in result.output and (out / "zh" / "library" / "sample-law" / "index.html").exists()


def test_build_with_bad_content_fails_with_file_and_line_and_keeps_old_build(content_dir, tmp_path):
    out = tmp_path / "site"
    assert EN.invoke(main, ["build", "--content", str(content_dir), "--out", str(out)]).exit_code == 0
    marker = out / "zh" / "index.html"
    before = marker.read_bytes()
    bad = write(content_dir, "news/broken.md", "---\ntitle: 好\ndate: 2024-13-01\n---\n正文\n")
    missing = write(content_dir, "news/untitled.md", "---\nsummary: 无题\n---\n正文\n")
    result = EN.invoke(main, ["build", "--content", str(content_dir), "--out", str(out)])
    assert result.exit_code == 1
    assert f"{bad}:3: error: 'date'" in result.output
    assert f"{missing}:1: error: required key 'title' is missing" in result.output
    assert marker.read_bytes() == before


def test_content_option_is_repeatable(content_dir, tmp_path):
    extra = tmp_path / "extra"
    write(extra, "news/more.md", "---\ntitle: 另一条新闻\ndate: 2024-05-05\n---\n正文\n")
    result = EN.invoke(main, ["check", "--content", str(content_dir), "--content", str(extra)])
    assert result.exit_code == 0 and "ok: 4 entries, 0 error(s), 0 warning(s) in 2 folder(s)" in result.output


def test_environment_variable_selects_content(content_dir, monkeypatch):
    monkeypatch.setenv("PORTAL_CONTENT_DIRS", str(content_dir))
    result = EN.invoke(main, ["check"])
    assert result.exit_code == 0 and "ok: 3 entries, 0 error(s), 0 warning(s) in 1 folder(s)" in result.output


def test_a_rebuild_after_an_edit_reuses_pages_and_reindexes_only_the_edited_item(content_dir, tmp_path):
    from portal import create_app

    out, index = tmp_path / "site", tmp_path / "index"
    command = ["build", "--content", str(content_dir), "--out", str(out)]
    runner = CliRunner(env={"PORTAL_STAFF_LANGUAGE": "en", "PORTAL_INDEX_DIR": str(index)})
    first = runner.invoke(main, command)
    assert first.exit_code == 0 and "indexed " in first.output, first.output
    news = content_dir / "news" / "first.md"
    news.write_text(news.read_text(encoding="utf-8") + "\n巫山脆李品牌保护座谈会。\n", encoding="utf-8")
    second = runner.invoke(main, command)
    assert second.exit_code == 0, second.output
    assert "reused from the previous build" in second.output
    assert "search index updated for 1 documents" in second.output
    client = create_app({"CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(index)}).test_client()
    found = client.get("/api/search?q=品牌保护座谈会&lang=zh").get_json()
    assert [r["url"] for r in found["results"]] == ["/zh/news/first/"], found
