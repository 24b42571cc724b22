"""Re-indexing only what changed: after a preview reload, or when a search finds the index behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal import create_app
from portal.preview import reload_content
from portal.search import refresh as refresh_module
from portal.search.live import CURRENT, build_index, current_generation
from portal.search.refresh import refresh_index

from .conftest import write

EDITED_LAW = """---
title: 示例知识产权保护条例
level: 地方性法规
region: 重庆市
version_date: 2020-01-01
---
## 第一章 总则

第一条 为了保护知识产权，制定本条例。

第二条 本条例适用于本市，巫山脆李地理标志的保护另行规定。
"""


@pytest.fixture
def indexed(content_dir: Path, tmp_path: Path):
    """An app over ``content_dir`` with its live index built."""
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "index")})
    build_index(app)
    return app


def api(app, query: str) -> dict:
    return app.test_client().get("/api/search", query_string={"q": query}).get_json()


def titles(app, query: str) -> list[str]:
    return [r["title"] for r in api(app, query)["results"]]


def test_an_edited_article_is_found_by_its_new_words_right_after_the_reload(indexed, content_dir):
    before = api(indexed, "巫山脆李地理标志")
    assert before["partial"] or before["total"] == 0  # only pieces of it (巫山) are there
    write(content_dir, "laws/sample-law.md", EDITED_LAW)
    report = reload_content(indexed)
    assert report.swapped and report.reread == 1
    found = api(indexed, "巫山脆李地理标志")
    assert not found["partial"] and found["total"] == 1 and found["results"][0]["url"].endswith("#art-2")
    assert "<mark>巫山脆李地理标志</mark>" in found["results"][0]["snippet"]
    assert api(indexed, "本条例适用于本市")["total"] == 1  # the old text of the article is still there
    generation = current_generation(indexed)
    assert [row.key for row in generation.rows].count("laws/sample-law") == 1  # one live row for the document


def test_only_the_changed_document_is_reindexed(indexed, content_dir):
    before = current_generation(indexed)
    write(content_dir, "laws/sample-law.md", EDITED_LAW)
    indexed.extensions["portal.catalog"] = create_app(
        {"TESTING": True, "CONTENT_DIRS": [str(content_dir)]}).extensions["portal.catalog"]
    report = refresh_index(indexed)
    assert (report.added, report.replaced, report.removed) == (0, 1, 0)
    after = current_generation(indexed)
    assert after.path == report.path != before.path
    assert len(after.rows) == len(before.rows) + 1  # the replaced row stays as a keyless placeholder
    assert sum(1 for row in after.rows if row.key) == len(before.rows)


def test_added_and_removed_files_are_found_and_forgotten(indexed, content_dir):
    write(content_dir, "news/second.md", "---\ntitle: 新增的消息\ndate: 2023-01-01\n---\n巫山脆李丰收。\n")
    (content_dir / "pages" / "about.md").unlink()
    reload_content(indexed)
    assert titles(indexed, "巫山脆李") == ["新增的消息"]
    assert "关于本站" not in titles(indexed, "关于本站")
    assert api(indexed, "本站提供知识产权法律法规与办事指南")["partial"]


def test_refreshed_results_equal_a_full_rebuild(indexed, content_dir, tmp_path):
    write(content_dir, "laws/sample-law.md", EDITED_LAW)
    write(content_dir, "news/second.md",
          "---\ntitle: 知识产权新闻\ndate: 2023-01-01\n---\n本市知识产权保护成效明显。\n")
    reload_content(indexed)
    rebuilt = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "full")})
    build_index(rebuilt)
    for query in ("知识产权", "本市", "保护", "巫山脆李", "条例 保护", "权"):
        assert api(indexed, query) == api(rebuilt, query), query


def test_a_failed_refresh_keeps_the_previous_index(indexed, content_dir, monkeypatch, caplog):
    generation = current_generation(indexed)

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(refresh_module, "analyse", broken)
    write(content_dir, "laws/sample-law.md", EDITED_LAW)
    reload_content(indexed)
    assert "search index not updated" in caplog.text
    root = Path(indexed.config["INDEX_DIR"])
    assert (root / CURRENT).resolve() == generation.path
    assert sorted(p.name for p in root.glob("gen-*")) == [generation.path.name]
    assert api(indexed, "本条例适用于本市")["total"] == 1  # searching still works


def test_a_large_change_is_left_to_a_full_build(indexed, content_dir, monkeypatch):
    monkeypatch.setattr(refresh_module, "MIN_CHANGED_LIMIT", 0)
    for number in range(5):
        write(content_dir, f"news/batch-{number}.md", f"---\ntitle: 批量消息{number}\n---\n内容。\n")
    catalog = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)]}).extensions["portal.catalog"]
    with monkeypatch.context() as patch:
        patch.setitem(indexed.extensions, "portal.catalog", catalog)
        assert refresh_index(indexed) is None  # 5 of 8 documents changed
    reload_content(indexed)  # the preview's hook builds the index in full instead
    assert api(indexed, "批量消息")["total"] == 5
    rows = current_generation(indexed).rows
    assert len(rows) == 8 and all(row.key for row in rows)  # compact: no placeholders


def test_nothing_changed_swaps_nothing(indexed):
    before = current_generation(indexed)
    report = refresh_index(indexed)
    assert (report.added, report.replaced, report.removed) == (0, 0, 0)
    assert report.path == before.path


def test_without_an_index_the_reload_does_not_build_one(content_dir, tmp_path):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "none")})
    write(content_dir, "laws/sample-law.md", EDITED_LAW)
    reload_content(app)
    assert not (tmp_path / "none" / CURRENT).exists()
