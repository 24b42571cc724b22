"""A build after a change reuses what the change did not touch, and writes exactly a cold build's tree.

Each test builds the site, changes one thing (a news item edited, added or deleted, a law's
title that other pages show, a template, the synonyms, a setting), builds again over the first
build, then builds cold into an empty folder, and compares the two trees byte for byte.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, FileSystemLoader

from portal import create_app
from portal.freeze import build_site
from portal.pipeline import manifest

from .conftest import write

REPO = Path(__file__).resolve().parent.parent
LAWS = ("专利法(2020-10-17)", "专利法实施细则(2010-01-09)", "专利法实施细则(2023-12-11)", "商标法(2019-04-23)")
NOW = dt.datetime(2026, 12, 2, 9, 0)


_GENERATED = Path()


@pytest.fixture(scope="module", autouse=True)
def _shared_generated_files(tmp_path_factory):
    """Lesson and poster files are typeset once for the module (they are reused by content fingerprint)."""
    global _GENERATED
    _GENERATED = tmp_path_factory.mktemp("generated")


@pytest.fixture
def site_content(tmp_path: Path, corpus_dir: Path) -> Path:
    """The team's content with four laws that cite each other (and two versions to compare)."""
    root = tmp_path / "content"
    shutil.copytree(REPO / "content", root)
    (root / "laws").mkdir(exist_ok=True)
    for name in LAWS:
        shutil.copyfile(corpus_dir / "laws" / f"{name}.md", root / "laws" / f"{name}.md")
    return root


def _app(content: Path, tmp_path: Path, **config):
    settings = {
        "CONTENT_DIRS": [str(content)],
        "INDEX_DIR": str(tmp_path / "index"),
        "GENERATED_CACHE_DIR": str(_GENERATED),
        "LIBRARY_DOWNLOADS": False,
        "NOW": NOW,
        **config,
    }
    return create_app(settings)


def _tree(root: Path) -> dict[str, bytes]:
    root = root.resolve()
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _rebuild_equals_cold(content: Path, tmp_path: Path, out: Path, **config):
    """Build over ``out``, then cold; assert equal trees and return the incremental report and tree."""
    report = build_site(_app(content, tmp_path, **config), out)
    cold = tmp_path / f"cold-{len(list(tmp_path.glob('cold-*')))}"
    build_site(_app(content, tmp_path, **config), cold)
    built, expected = _tree(out), _tree(cold)
    assert sorted(built) == sorted(expected)
    differing = [name for name in expected if built[name] != expected[name]]
    assert differing == [], differing[:10]
    return report, built


@pytest.fixture
def first_build(site_content: Path, tmp_path: Path):
    out = tmp_path / "site"
    report = build_site(_app(site_content, tmp_path), out)
    return out, report, _tree(out)


def _copied_file(url: str) -> bool:
    """Static files and attachments: copied afresh by every build."""
    return url.startswith("/static/") or "/files/" in url or url.endswith((".pdf", ".docx", ".zip", ".png"))


def _page(tree: dict[str, bytes], path: str) -> str:
    return tree[path].decode("utf-8")


def test_unchanged_content_reuses_every_page(site_content, tmp_path, first_build):
    out, first, before = first_build
    again, after = _rebuild_equals_cold(site_content, tmp_path, out)
    assert after == before
    assert again.reused + len(again.rendered) + again.linked == first.pages
    assert [url for url in again.rendered if not _copied_file(url)] == []


def test_edited_news_item(site_content, tmp_path, first_build):
    out, first, _ = first_build
    news = sorted((site_content / "news").glob("*.md"))[0]
    news.write_text(news.read_text(encoding="utf-8") + "\n新增的一段正文：巫山脆李开花了。\n", encoding="utf-8")
    report, tree = _rebuild_equals_cold(site_content, tmp_path, out)
    page = next(name for name in tree if name.startswith(f"zh/news/{news.stem}/") and name.endswith("index.html"))
    assert "巫山脆李开花了" in _page(tree, page)
    pages = [url for url in report.rendered if not _copied_file(url)]
    assert f"/zh/news/{news.stem}/" in pages
    assert len(pages) <= 0.2 * first.pages, pages


def test_added_and_deleted_news_items(site_content, tmp_path, first_build):
    out, _, before = first_build
    write(site_content, "news/zz-added.md", "---\ntitle: 新增的巫山县知识产权消息\ndate: 2026-11-30\n---\n正文。\n")
    _, tree = _rebuild_equals_cold(site_content, tmp_path, out)
    assert "zh/news/zz-added/index.html" in tree
    assert "新增的巫山县知识产权消息" in _page(tree, "zh/news/index.html")
    (site_content / "news" / "zz-added.md").unlink()
    _, tree = _rebuild_equals_cold(site_content, tmp_path, out)
    assert "zh/news/zz-added/index.html" not in tree
    assert "新增的巫山县知识产权消息" not in _page(tree, "zh/news/index.html")
    assert tree == before


def test_changed_title_of_a_law_other_pages_show(site_content, tmp_path, first_build):
    out, _, before = first_build
    law = site_content / "laws" / "商标法(2019-04-23).md"
    text = law.read_text(encoding="utf-8")
    renamed = text.replace('title: "中华人民共和国商标法"', 'title: "中华人民共和国商标法（修正文本）"', 1)
    law.write_text(renamed, encoding="utf-8")
    _, tree = _rebuild_equals_cold(site_content, tmp_path, out)
    changed = {name for name in tree if before.get(name) != tree[name]}
    # the guides that rest on the law list it by its title
    assert "zh/guides/trademark-registration/index.html" in changed, sorted(changed)[:20]
    assert "中华人民共和国商标法（修正文本）" in _page(tree, "zh/guides/trademark-registration/index.html")


def test_changed_template_rebuilds_the_pages_using_it(site_content, tmp_path, first_build, monkeypatch):
    out, _, before = first_build
    package = tmp_path / "portal-copy"
    shutil.copytree(REPO / "portal", package, ignore=shutil.ignore_patterns("__pycache__"))
    base = package / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>模板改过</p></footer>", 1), "utf-8")
    monkeypatch.setattr(manifest, "_PACKAGE_ROOT", package)

    def with_copy(content, tmp, **config):
        app = _app(content, tmp, **config)
        app.jinja_loader = ChoiceLoader([FileSystemLoader(str(package / "templates")), app.jinja_loader])
        return app

    report = build_site(with_copy(site_content, tmp_path), out)
    cold = tmp_path / "cold-template"
    build_site(with_copy(site_content, tmp_path), cold)
    assert _tree(out) == _tree(cold)
    assert report.reused == 0
    assert "模板改过" in _page(_tree(out), "zh/index.html")
    assert "模板改过" not in _page(before, "zh/index.html")


def test_changed_synonyms_and_settings(site_content, tmp_path, first_build):
    out, _, before = first_build
    synonyms = site_content / "search" / "synonyms.yaml"
    synonyms.write_text(synonyms.read_text(encoding="utf-8") + "\n脆李: [巫山脆李]\n", encoding="utf-8")
    report, tree = _rebuild_equals_cold(site_content, tmp_path, out)
    assert report.reused == 0
    assert any(before.get(name) != data for name, data in tree.items() if name.startswith("static/search-index/"))
    report, tree = _rebuild_equals_cold(site_content, tmp_path, out, SITE_NAME="巫山县知识产权信息服务平台（测试）")
    assert report.reused == 0
    assert "巫山县知识产权信息服务平台（测试）" in _page(tree, "zh/index.html")
