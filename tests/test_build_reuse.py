"""A rebuild over a previous build: unchanged static-index files are reused, and the tree is a cold build's."""

from __future__ import annotations

import gzip
from pathlib import Path

from portal import create_app
from portal.freeze import build_site

from .conftest import write


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _app(content_dir: Path, tmp_path: Path):
    return create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "index")})


def _count_compressions(monkeypatch) -> list[bytes]:
    calls: list[bytes] = []
    real = gzip.compress

    def counting(data, *args, **kwargs):
        calls.append(bytes(data))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(gzip, "compress", counting)
    return calls


def test_rebuild_after_an_edit_equals_a_cold_build(content_dir, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build_site(_app(content_dir, tmp_path), out)
    first = _tree(out / "static" / "search-index")
    write(content_dir, "news/first.md", "---\ntitle: 巫山县发布新的实施意见\ndate: 2022-02-07\n---\n改过的正文。\n")
    calls = _count_compressions(monkeypatch)
    build_site(_app(content_dir, tmp_path), out)
    second = _tree(out / "static" / "search-index")
    unchanged = [name for name, data in second.items() if first.get(name) == data]
    assert unchanged and len(unchanged) < len(second)
    # what the edit did not touch was reused, not compressed again
    assert not {gzip.decompress(second[name]) for name in unchanged} & set(calls)
    cold = tmp_path / "cold"
    build_site(_app(content_dir, tmp_path), cold)
    assert _tree(out) == _tree(cold)
    assert "改过的正文" in (out / "zh" / "news" / "first" / "index.html").read_text(encoding="utf-8")


def test_rebuild_with_nothing_changed_compresses_nothing(content_dir, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build_site(_app(content_dir, tmp_path), out)
    before = _tree(out)
    calls = _count_compressions(monkeypatch)
    build_site(_app(content_dir, tmp_path), out)
    assert calls == []
    assert _tree(out) == before


def test_a_damaged_previous_file_is_written_again(content_dir, tmp_path):
    out = tmp_path / "site"
    build_site(_app(content_dir, tmp_path), out)
    manifest = out / "static" / "search-index" / "manifest.json.gz"
    good = manifest.read_bytes()
    manifest.write_bytes(b"not gzip")
    build_site(_app(content_dir, tmp_path), out)
    assert manifest.read_bytes() == good


def test_files_of_a_build_compressed_at_another_level_are_compressed_again(content_dir, tmp_path):
    out = tmp_path / "site"
    build_site(_app(content_dir, tmp_path), out)
    for path in (out / "static" / "search-index").rglob("*.gz"):  # as builds before level 6 wrote them
        path.write_bytes(gzip.compress(gzip.decompress(path.read_bytes()), compresslevel=9, mtime=0))
    build_site(_app(content_dir, tmp_path), out)
    cold = tmp_path / "cold"
    build_site(_app(content_dir, tmp_path), cold)
    assert _tree(out) == _tree(cold)
