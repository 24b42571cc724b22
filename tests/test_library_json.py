"""/api/library.json: versioned, dated, with the texts' legal status linked to its article, [] for empty lists."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from portal import create_app

from .conftest import REPO_ROOT, write

LISTS = ("issuers", "ip_fields", "history")


def _listing(content: Path, tmp_path: Path, **config) -> dict:
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content)], "INDEX_DIR": str(tmp_path / "i"), **config})
    answer = app.test_client().get("/api/library.json")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    return json.loads(answer.data)


def test_listing_is_versioned_dated_and_licensed(content_dir: Path, tmp_path: Path):
    write(content_dir, "laws/copyright.md", """
        ---
        title: 中华人民共和国著作权法
        level: 法律
        version_date: 2020-11-11
        ---
        第一条 为保护文学、艺术和科学作品作者的著作权，制定本法。

        第五条 本法不适用于：法律、法规。
        """)
    data = _listing(content_dir, tmp_path, SITE_URL="https://ip.example.gov.cn")
    assert data["format"] == 1
    generated = dt.date.fromisoformat(data["generated"])
    assert abs(generated - dt.datetime.now(dt.UTC).date()) <= dt.timedelta(days=1)  # China time may be a day on
    licence = data["licence"]
    assert "第五条" in licence["texts"]
    assert licence["basis"] == "https://ip.example.gov.cn/zh/library/copyright/#art-5"
    assert licence["metadata"] is None and "未注明" in licence["metadata_note"]
    assert data["count"] == len(data["documents"]) == 2


def test_without_the_copyright_law_the_basis_is_unknown_not_invented(content_dir: Path, tmp_path: Path):
    assert _listing(content_dir, tmp_path)["licence"]["basis"] is None


def test_empty_lists_are_always_lists(content_dir: Path, tmp_path: Path):
    for record in _listing(content_dir, tmp_path)["documents"]:
        for name in LISTS:
            assert isinstance(record[name], list), (record["title"], name)


def test_readme_documents_the_listing():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### /api/library.json", 1)[1].split("\n## ", 1)[0]
    for field in ("format", "generated", "licence", "count", "documents", "issuers", "version_date", "articles"):
        assert f"`{field}`" in section, field
