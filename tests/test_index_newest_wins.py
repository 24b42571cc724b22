"""Only the newest catalogue writes the live index: a worker with older content uses a newer index."""

from __future__ import annotations

from pathlib import Path

from portal import create_app
from portal.search.live import build_index, current_folder, current_generation

from .conftest import write

NEW_NEWS = "---\ntitle: 巫山脆李品牌保护新闻\ndate: 2024-03-01\n---\n巫山脆李地理标志保护。\n"


def _app(content: Path, index: Path):
    return create_app({"TESTING": True, "CONTENT_DIRS": [str(content)], "INDEX_DIR": str(index)})


def test_a_worker_with_an_older_catalogue_never_replaces_a_newer_index(content_dir: Path, tmp_path: Path):
    index = tmp_path / "index"
    worker = _app(content_dir, index)  # a gunicorn worker, started before the content changed
    build_index(worker)
    write(content_dir, "news/brand.md", NEW_NEWS)
    newer = build_index(_app(content_dir, index))  # `portal index` on the new content
    assert worker.test_client().get("/api/search", query_string={"q": "巫山脆李"}).status_code == 200
    assert current_folder(index.resolve()) == newer.path, "the worker's search kept the new index"
    assert current_generation(worker).path == newer.path
    assert build_index(worker).path == newer.path, "an explicit build from old content is refused too"
    found = _app(content_dir, index).test_client().get("/api/search", query_string={"q": "巫山脆李"}).get_json()
    assert [r["title"] for r in found["results"]] == ["巫山脆李品牌保护新闻"]


def test_a_newer_catalogue_still_replaces_an_older_index(content_dir: Path, tmp_path: Path):
    index = tmp_path / "index"
    build_index(_app(content_dir, index))
    write(content_dir, "news/brand.md", NEW_NEWS)
    later = _app(content_dir, index)  # read after the change: its index wins
    found = later.test_client().get("/api/search", query_string={"q": "巫山脆李"}).get_json()
    assert [r["title"] for r in found["results"]] == ["巫山脆李品牌保护新闻"]
