"""Shared fixtures: the app over a temporary content folder, and the real corpus."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from portal import create_app

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("PORTAL_CORPUS", REPO_ROOT.parent / "shared" / "corpus"))


def write(folder: Path, relpath: str, text: str) -> Path:
    """Write ``text`` (dedented) to ``folder/relpath`` and return the path."""
    path = folder / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture(scope="session", autouse=True)
def _outside_the_checkout(tmp_path_factory):
    """Nothing a test runs reads the checkout's configuration or writes its index or build."""
    work = tmp_path_factory.mktemp("settings")
    patch = pytest.MonkeyPatch()
    patch.setenv("PORTAL_CONFIG", str(work / "portal.toml"))
    patch.setenv("PORTAL_INDEX_DIR", str(work / "index"))
    patch.setenv("PORTAL_BUILD_DIR", str(work / "build"))
    patch.setenv("PORTAL_GENERATED_CACHE_DIR", str(work / "generated"))
    patch.setenv("LANG", "C.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "PORTAL_STAFF_LANGUAGE"):
        patch.delenv(name, raising=False)
    yield work
    patch.undo()


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A small content folder: one news item, one about page, one law with articles."""
    root = tmp_path / "content"
    write(root, "news/first.md", """
        ---
        title: 巫山县发布知识产权工作实施意见
        date: 2022-02-07
        summary: 县里出台了新的实施意见。
        ---
        巫山县印发《关于进一步加强知识产权工作的实施意见》。
        """)
    write(root, "pages/about.md", """
        ---
        title: 关于本站
        ---
        本站提供知识产权法律法规与办事指南。
        """)
    write(root, "laws/sample-law.md", """
        ---
        title: 示例知识产权保护条例
        level: 地方性法规
        region: 重庆市
        version_date: 2020-01-01
        history: ["2020年1月1日 通过"]
        ---
        ## 第一章 总则

        第一条 为了保护知识产权，制定本条例。

        第二条 本条例适用于本市。

        本条第二款。
        """)
    return root


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared real corpus; skipped locally when absent, an error in CI."""
    if not (CORPUS / "laws").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"corpus not found at {CORPUS}")
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture
def app(content_dir: Path, tmp_path: Path):
    """The portal over ``content_dir``."""
    return create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "index")})


@pytest.fixture
def client(app):
    """A test client of ``app``."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner of ``app``."""
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def site_dirs(corpus_dir: Path, tmp_path_factory) -> list[str]:
    """The folders `make run` publishes: the team's content, the laws, and the imported policies."""
    from portal.importer import import_file

    imported = tmp_path_factory.mktemp("instance") / "content"
    for received in sorted((corpus_dir / "policies").glob("*.txt")):
        import_file(received, imported, overwrite=True)
    return [str(REPO_ROOT / "content"), str(corpus_dir), str(imported)]
