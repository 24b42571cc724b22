"""The synonym table staff edit: validated by portal check with file:line, used by both searches."""

from __future__ import annotations

from click.testing import CliRunner

from portal.cli import main
from portal.content.synonyms import read_synonyms

from .conftest import write


def check(content_dir):
    return CliRunner().invoke(main, ["check", "--content", str(content_dir)])


def test_a_good_table_is_read_with_its_lines(content_dir):
    write(content_dir, "search/synonyms.yaml", "# 注释\n盗版: [侵犯著作权, 复制发行]\n山寨: 假冒\n")
    synonyms, problems = read_synonyms([content_dir])
    assert problems == []
    expected = [("盗版", ("侵犯著作权", "复制发行"), 2), ("山寨", ("假冒",), 3)]
    assert [(s.word, s.means, s.line) for s in synonyms] == expected
    assert check(content_dir).exit_code == 0


def test_a_word_without_meanings_is_an_error_at_its_line(content_dir):
    path = write(content_dir, "search/synonyms.yaml", "盗版: [侵犯著作权]\n山寨:\n")
    result = check(content_dir)
    assert result.exit_code == 1 and f"{path}:2: " in result.output and "山寨" in result.output


def test_broken_yaml_is_an_error_with_its_line(content_dir):
    path = write(content_dir, "search/synonyms.yaml", "盗版: [侵犯著作权\n山寨: [假冒]\n")
    result = check(content_dir)
    assert result.exit_code == 1 and f"{path}:" in result.output and "YAML" in result.output


def test_a_word_that_lists_only_itself_or_quotes_is_refused(content_dir):
    path = write(content_dir, "search/synonyms.yaml", "盗版: [盗版]\n'\"山寨\"': [假冒]\n")
    _, problems = read_synonyms([content_dir])
    assert [(p.path, p.line) for p in problems] == [(path, 1), (path, 2)]


def test_a_word_listed_twice_is_a_warning_and_the_first_wins(content_dir, tmp_path):
    write(content_dir, "search/synonyms.yaml", "盗版: [侵犯著作权]\n")
    other = tmp_path / "other"
    write(other, "search/synonyms.yaml", "盗版: [复制发行]\n")
    synonyms, problems = read_synonyms([content_dir, other])
    assert [s.means for s in synonyms] == [("侵犯著作权",)]
    assert [p.severity for p in problems] == ["warning"]


def test_the_live_search_uses_the_table(content_dir, tmp_path):
    from portal import create_app

    def search(q: str) -> dict:
        app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "i")})
        return app.test_client().get("/api/search", query_string={"q": q}).get_json()

    assert search("维权")["total"] == 0  # no page has the word
    write(content_dir, "search/synonyms.yaml", "维权: [保护知识产权]\n")
    found = search("维权")
    assert found["also"] == ["保护知识产权"] and [r["title"] for r in found["results"]] == ["示例知识产权保护条例"]
