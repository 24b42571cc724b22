"""The library's filters over a listing in pages, in Chromium: live (the app) and frozen (nginx)."""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from portal import create_app
from portal.freeze import build_site
from tests.nginx_server import NginxServer, nginx_or_skip
from tests.test_library_pages import many_laws

pytestmark = pytest.mark.browser
COUNT, PAGE_SIZE = 25, 4  # 5 of each level: 法律 fills two pages (4 + 1)


def _app(root: Path):
    return create_app({"CONTENT_DIRS": [str(many_laws(root / "content", COUNT))], "INDEX_DIR": str(root / "index"),
                       "LIBRARY_PAGE_SIZE": PAGE_SIZE})


@pytest.fixture(scope="module", params=["live", pytest.param("frozen", marks=pytest.mark.nginx)])
def base_url(request):
    root = Path(tempfile.mkdtemp(prefix="portal-library-"))
    root.chmod(0o755)
    try:
        app = _app(root)
        if request.param == "frozen":
            binary = nginx_or_skip()
            build_site(app, root / "site")
            with NginxServer(root / "site", root / "nginx", binary) as server:
                yield f"http://127.0.0.1:{server.port}"
        else:
            server = make_server("127.0.0.1", 0, app, threaded=True)
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            yield f"http://127.0.0.1:{server.server_port}"
            server.shutdown()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def levels(page) -> set[str]:
    return set(page.locator("#library-list > li .tag:first-child").all_inner_texts())


def test_filtering_a_paged_library_shows_every_match_a_page_at_a_time(base_url, page):
    page.goto(base_url + "/zh/library/")
    items = page.locator("#library-list > li")
    expect(items).to_have_count(PAGE_SIZE)
    expect(page.locator("#library-count")).to_have_text(f"共 {COUNT} 部，全部 {COUNT} 部")
    page.get_by_label("效力级别").select_option("法律")
    expect(page.locator("#library-count")).to_have_text(f"共 5 部，全部 {COUNT} 部")
    expect(items).to_have_count(4)
    assert levels(page) == {"法律"}
    expect(page).to_have_url(re.compile(r"/zh/library/\?level=%E6%B3%95%E5%BE%8B$"))
    page.locator("#library-pager a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"\?level=%E6%B3%95%E5%BE%8B&page=2$"))
    expect(items).to_have_count(1)
    assert levels(page) == {"法律"}
    expect(page.get_by_label("效力级别")).to_have_value("法律")
    expect(page.locator("#library-pager span")).to_have_text("第 2 页，共 2 页")
    assert not page.problems


def test_unfiltered_pages_are_plain_pages(base_url, page):
    page.goto(base_url + "/zh/library/page/7/")
    items = page.locator("#library-list > li")
    expect(items).to_have_count(1)  # 25 = 6 × 4 + 1
    page.locator("#library-pager a[rel=prev]").click()
    expect(page).to_have_url(base_url + "/zh/library/page/6/")
    expect(items).to_have_count(PAGE_SIZE)
    page.goto(base_url + "/en/library/?level=" + "司法解释")
    expect(page.locator("#library-count")).to_have_text(re.compile(r"\b5\b.*\b25\b"))
    expect(page.locator("#library-list > li a").first).to_have_attribute("href", re.compile(r"^/en/library/law-"))
    assert not page.problems
