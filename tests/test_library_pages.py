"""The library listing in pages: no page grows with the library, filter pages are cached, frozen pages exist."""

from __future__ import annotations

import json
import re
from pathlib import Path

from portal import create_app
from portal.freeze import build_site

MAX_PAGE = 300 * 1024
LEVELS = ("法律", "行政法规", "地方性法规", "司法解释", "部门规章")


def many_laws(root: Path, count: int) -> Path:
    """``count`` small laws with long titles, document numbers and regions (listing rows as big as real ones)."""
    for i in range(count):
        level = LEVELS[i % len(LEVELS)]
        path = root / "laws" / f"law-{i:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: 重庆市某某区关于加强城乡建设和生态环境保护若干问题的规定第{i}号\nlevel: {level}\n"
            f"region: 重庆市某某区\ndoc_number: 渝某府发〔2020〕{i}号\n"
            f"version_date: 20{10 + i % 15}-0{1 + i % 9}-1{i % 9}\n"
            f"---\n第一条 为了规范管理，制定本规定。\n",
            encoding="utf-8",
        )
    return root


def test_no_library_page_exceeds_300_kb_at_3400_documents(tmp_path):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(many_laws(tmp_path / "c", 3400))],
                      "INDEX_DIR": str(tmp_path / "i")})
    client = app.test_client()
    seen: list[str] = []
    for lang in ("zh", "en"):
        first = client.get(f"/{lang}/library/")
        pages = int(re.search(r"(?:第 \d+ 页，共|Page \d+ of) (\d+)", first.get_data(as_text=True)).group(1))
        assert pages == 34
        for page in range(1, pages + 1):
            response = client.get(f"/{lang}/library/" if page == 1 else f"/{lang}/library/page/{page}/")
            assert response.status_code == 200 and len(response.data) <= MAX_PAGE, (lang, page, len(response.data))
            if lang == "zh":
                seen += re.findall(r'href="/zh/library/(law-\d+)/"', response.get_data(as_text=True))
        assert client.get(f"/{lang}/library/page/{pages + 1}/").status_code == 404
    assert len(seen) == len(set(seen)) == 3400  # every law on exactly one page
    filtered = client.get("/zh/library/", query_string={"level": "法律", "page": "3"})
    assert filtered.status_code == 200 and len(filtered.data) <= MAX_PAGE
    assert "共 680 部，全部 3400 部" in filtered.get_data(as_text=True)
    listing = client.get("/library/list.json")
    rows = listing.get_json()["rows"]
    assert len(rows) == 3400 and len(listing.data) < 1024 * 1024


def test_a_filtered_listing_pages_in_the_query_and_bad_pages_are_not_found(tmp_path):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(many_laws(tmp_path / "c", 12))],
                      "INDEX_DIR": str(tmp_path / "i"), "LIBRARY_PAGE_SIZE": 2})
    client = app.test_client()
    html = client.get("/zh/library/?level=法律").get_data(as_text=True)
    assert "共 3 部，全部 12 部" in html and 'href="/zh/library/?level=%E6%B3%95%E5%BE%8B&amp;page=2"' in html
    second = client.get("/zh/library/?level=法律&page=2").get_data(as_text=True)
    assert second.count('href="/zh/library/law-') == 1 and 'rel="prev"' in second
    for bad in ("x", "0", "3"):
        assert client.get("/zh/library/", query_string={"level": "法律", "page": bad}).status_code == 404
    assert 'href="/zh/library/page/2/"' in client.get("/zh/library/").get_data(as_text=True)


def test_the_frozen_listing_has_every_page_and_the_compact_list(tmp_path):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(many_laws(tmp_path / "c", 5))],
                      "INDEX_DIR": str(tmp_path / "i"), "LIBRARY_PAGE_SIZE": 2})
    out = tmp_path / "site"
    build_site(app, out)
    for lang in ("zh", "en"):
        assert (out / lang / "library/page/2/index.html").is_file()
        assert (out / lang / "library/page/3/index.html").is_file()
        assert not (out / lang / "library/page/4").exists()
    rows = json.loads((out / "library/list.json").read_text(encoding="utf-8"))["rows"]
    assert sorted(r[0] for r in rows) == [f"law-{i:05d}" for i in range(5)]
