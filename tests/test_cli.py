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
