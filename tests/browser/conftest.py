"""Fixtures of the browser tests: the real site, live (gunicorn) and frozen (nginx), in one Chromium.

``site`` is parametrised over both modes, so every test using it runs against each::

    def test_something(site, page):
        page.goto(site.url(site.path("law")))

Both modes publish the same content: the repository's ``content/``, the shared corpus, and the
corpus's received policy documents imported with :func:`portal.importer.import_file`. The
servers and the browser start once per session. Without /usr/bin/chromium or nginx the tests
are skipped; with ``CI`` set they fail instead.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest

from portal import create_app
from portal.freeze import build_site
from portal.search.live import build_index
from portal.urls import entry_path
from tests.browser.live_server import GunicornServer
from tests.nginx_server import NginxServer, nginx_or_skip

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO_ROOT / "test-artifacts"
LARGEST_LAW = "专利法实施细则-2023-12-11"
OLDER_LAW = "专利法实施细则-2010-01-09"  # the version LARGEST_LAW replaced
DESKTOP = {"width": 1280, "height": 900}
DEFAULT_TIMEOUT_MS = 10_000


def require(condition: object, message: str) -> None:
    """Skip the test when ``condition`` is false; fail it in CI, which installs everything."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


# -- content -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Content:
    """What both modes publish."""

    dirs: tuple[Path, ...]
    policies: int  # received policy documents imported (0 when portal.importer is missing)


@dataclass(frozen=True)
class Site:
    """One running site: ``mode`` is "live" or "frozen"."""

    mode: str
    base_url: str
    pages: dict[str, str] = field(repr=False)  # page type -> path
    library_count: int
    policies: int

    def url(self, path: str) -> str:
        return self.base_url + path

    def path(self, name: str) -> str:
        """The path of a page type (see :func:`page_paths`); skips when the content has none."""
        if name not in self.pages:
            pytest.skip(f"no {name} page in this content")
        return self.pages[name]


@pytest.fixture(scope="session")
def content(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Content:
    """content/, the corpus, and the corpus's policy documents imported into a temporary folder."""
    dirs = [REPO_ROOT / "content", corpus_dir]
    policies = 0
    if importlib.util.find_spec("portal.importer") is not None:
        from portal.importer import import_file

        imported = tmp_path_factory.mktemp("imported")
        for source in sorted((corpus_dir / "policies").glob("*.txt")):
            import_file(source, imported, overwrite=True)
            policies += 1
        dirs.append(imported)
    return Content(tuple(dirs), policies)


@pytest.fixture(scope="session")
def portal_app(content: Content, tmp_path_factory: pytest.TempPathFactory):
    """The app the frozen site is built from (and the page paths are read from)."""
    return create_app({
        "TESTING": True,
        "CONTENT_DIRS": [str(d) for d in content.dirs],
        "INDEX_DIR": str(tmp_path_factory.mktemp("index")),
    })


def page_paths(app) -> dict[str, str]:
    """One path per page type the tests visit (``policy`` only when a policy is published)."""
    catalog = app.extensions["portal.catalog"]
    moment = dt.datetime.now()
    law = catalog.library_entry(LARGEST_LAW)
    assert law is not None, f"the corpus has no {LARGEST_LAW}"
    news = catalog.section("news", moment)
    assert news, "content/ has no news"
    paths = {
        "home": "/zh/",
        "library": "/zh/library/",
        "law": entry_path(law, "zh"),
        "news": "/zh/news/",
        "news-item": entry_path(news[0], "zh"),
        "about": "/zh/pages/about/",
        "guide": "/zh/guides/trademark-registration/",
        "guide-steps": "/zh/guides/wushan-local-brand/",
        "en-guide": "/en/guides/customs-protection/",
        "404": "/zh/no-such-page/",
        "en-home": "/en/",
        "en-law": entry_path(law, "en"),
        "search": "/zh/search/?q=" + quote("专利侵权"),
        "search-none": "/zh/search/?q=" + quote("没有这个词语啊"),
        "en-search": "/en/search/?q=" + quote("商标"),
        "indicators": "/zh/indicators/",
        "en-indicators": "/en/indicators/",
        "guides": "/zh/guides/",
        "pages": "/zh/pages/",
        "campaigns": "/zh/campaigns/",
        "campaign": "/zh/campaigns/2027/",
        "toolkit": "/zh/campaigns/2027/toolkit/",
        "event": "/zh/events/2027-school-lesson/",
        "curricula": "/zh/curricula/",
        "student": "/zh/curricula/junior-middle-patent/student/",
        "compare": f"/zh/library/compare/{quote(OLDER_LAW)}/{quote(LARGEST_LAW)}/",
        "reading": entry_path(law, "zh") + "?art=11",  # the no-script 跳到第__条 answer
    }
    reports = catalog.section("reports", moment)
    if reports:
        paths["report"] = entry_path(reports[0], "zh")
    policies = catalog.section("policies", moment)
    if policies:
        paths["policy"] = entry_path(policies[0], "zh")
    lessons = [e for e in catalog.section("curricula", moment) if e.attachments]
    if lessons:
        paths["lesson"] = entry_path(lessons[0], "zh")
    return paths


@pytest.fixture(scope="session")
def site_facts(portal_app, content: Content) -> dict:
    catalog = portal_app.extensions["portal.catalog"]
    return {
        "pages": page_paths(portal_app),
        "library_count": len(catalog.library(dt.datetime.now())),
        "policies": content.policies,
    }


# -- the two modes -----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def frozen_site(portal_app, site_facts: dict):
    """The site frozen with build_site() and served by nginx with deploy/nginx.conf."""
    binary = nginx_or_skip()
    # Not under pytest's private (0700) temp folder: nginx's workers run as www-data when root.
    root = Path(tempfile.mkdtemp(prefix="portal-browser-"))
    try:
        root.chmod(0o755)
        build_site(portal_app, root / "site")
        with NginxServer(root / "site", root / "nginx", binary) as server:
            yield Site("frozen", f"http://127.0.0.1:{server.port}", **site_facts)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def live_site(content: Content, site_facts: dict, tmp_path_factory: pytest.TempPathFactory):
    """The live application under gunicorn."""
    require(importlib.util.find_spec("gunicorn"), "gunicorn is not installed")
    server = GunicornServer(list(content.dirs), tmp_path_factory.mktemp("gunicorn"))
    # The live search reads the index `portal build` / `portal index` writes; build it the same way.
    build_index(create_app({"CONTENT_DIRS": [str(d) for d in content.dirs], "INDEX_DIR": str(server.index_dir)}))
    with server:
        yield Site("live", server.base_url, **site_facts)


@pytest.fixture(scope="session", params=["live", pytest.param("frozen", marks=pytest.mark.nginx)])
def site(request) -> Site:
    """Each test runs against the live and the frozen site."""
    return request.getfixturevalue(f"{request.param}_site")


# -- the browser -------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session."""
    require(os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} is missing (apt-get install chromium)")
    require(importlib.util.find_spec("playwright"), "playwright is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser):
    """Factory: a page in a fresh context (desktop, zh-CN unless overridden); closed after the test.

    Each page records script errors and console errors (CSP violations among them) in
    ``page.problems``.
    """
    contexts = []

    def make(**options):
        context = browser.new_context(**{"viewport": DESKTOP, "locale": "zh-CN", **options})
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
        page.on("console", lambda msg: page.problems.append(f"console {msg.type}: {msg.text}")
                if msg.type == "error" and "Failed to load resource" not in msg.text else None)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop page (1280 x 900)."""
    return new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, installed by `npm ci` (package.json)."""
    require(AXE_JS.is_file(), f"{AXE_JS.relative_to(REPO_ROOT)} is missing: run `npm ci`")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
