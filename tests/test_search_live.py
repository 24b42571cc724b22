"""The live index: built on demand, rebuilt atomically, swapped under readers; the frozen build ships its twin."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from click.testing import CliRunner

from portal import create_app
from portal.cli import main
from portal.freeze import build_site
from portal.search.live import CURRENT, build_index, current_generation

from .conftest import write


def test_build_index_writes_a_generation_behind_a_link(app):
    report = build_index(app)
    root = Path(app.config["INDEX_DIR"])
    assert report.documents == 3 and report.bytes > 0
    assert (root / CURRENT).is_symlink() and (root / CURRENT).resolve() == report.path
    assert report.path.name.startswith("gen-")


def test_first_search_builds_the_missing_index(client, app):
    root = Path(app.config["INDEX_DIR"])
    assert not (root / CURRENT).exists()
    data = client.get("/api/search?q=本条例适用于本市").get_json()
    assert data["total"] == 1 and data["results"][0]["url"].endswith("#art-2")
    assert data["results"][0]["article"] == "第二条"
    assert (root / CURRENT).exists()


def test_rebuilding_keeps_one_previous_generation(app):
    paths = [build_index(app).path for _ in range(4)]
    left = sorted(p.name for p in Path(app.config["INDEX_DIR"]).glob("gen-*"))
    assert left == sorted(p.name for p in paths[-2:])


def test_readers_never_see_a_half_written_index(app):
    build_index(app)
    client = app.test_client()
    failures: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            response = client.get("/api/search?q=知识产权")
            if response.status_code != 200 or response.get_json()["total"] != 3:
                failures.append(response.get_data(as_text=True)[:200])

    readers = [threading.Thread(target=read) for _ in range(3)]
    for thread in readers:
        thread.start()
    for _ in range(4):
        build_index(app)
    stop.set()
    for thread in readers:
        thread.join()
    assert not failures


def test_changed_content_is_reindexed_on_the_next_search(content_dir, tmp_path):
    config = {"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "shared-index")}
    build_index(create_app(config))
    write(content_dir, "news/second.md", "---\ntitle: 新增的消息\ndate: 2023-01-01\n---\n巫山脆李丰收。\n")
    fresh = create_app(config)
    assert fresh.test_client().get("/api/search?q=巫山脆李").get_json()["total"] == 1
    assert current_generation(fresh).rows[0].key


def test_drafts_are_not_indexed(content_dir, tmp_path):
    write(content_dir, "news/draft.md", "---\ntitle: 草稿\ndraft: true\n---\n保密的草稿内容。\n")
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "ix")})
    assert app.test_client().get("/api/search?q=保密的草稿").get_json()["total"] == 0


def test_cli_index_command(content_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_INDEX_DIR", str(tmp_path / "cli-index"))
    result = CliRunner().invoke(main, ["index", "--content", str(content_dir)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cli-index" / CURRENT).exists()


def test_frozen_build_contains_the_static_index_and_an_empty_search_page(app, tmp_path):
    out = tmp_path / "site"
    build_site(app, out)
    index = out / "static" / "search-index"
    assert (index / "manifest.json.gz").is_file() and (index / "docs.bin.gz").is_file()
    assert len(list((index / "frag").iterdir())) == 3
    for lang in ("zh", "en"):
        html = (out / lang / "search" / "index.html").read_text(encoding="utf-8")
        assert 'id="search-results"' in html and 'data-mode="static"' in html and "js/search/page.js" in html
        assert "search-result-title" not in html
    assert not (out / "api" / "search").exists() and not (out / "api" / "search" / "index.html").exists()
    assert os.access(out / "static" / "js" / "search" / "page.js", os.R_OK)


def test_block_reading_gives_the_same_postings_as_one_at_a_time(content_dir, tmp_path):
    from whoosh import index

    from portal.search.whoosh_fields import block_postings

    for number in range(300):  # several posting blocks (Whoosh writes 128 postings a block)
        body = "知识产权保护。" * (number % 7 + 1)
        write(content_dir, f"news/n{number}.md", f"---\ntitle: 消息{number}\n---\n{body}\n")
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "ix")})
    generation = current_generation(app)
    with index.open_dir(str(generation.path), readonly=True).searcher() as searcher:
        reader = searcher.reader()
        for term in ("权", "知识", "保护", "产权"):
            fast = block_postings(reader.postings("body", term))
            slow, matcher = {}, reader.postings("body", term)
            while matcher.is_active():
                slow[matcher.id()] = int(matcher.weight())
                matcher.next()
            assert fast == slow and slow, term
        assert len(block_postings(reader.postings("body", "权"))) > 300
