"""The frozen site as visitors get it: a fresh build of the real corpus served by real nginx
with deploy/nginx.conf (only `listen` and `root` replaced), crawled from `/`."""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import shutil
import tempfile
from collections import deque
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest
import yaml
from babel.messages.pofile import read_po

from portal import create_app
from portal.freeze import BuildReport, build_site
from portal.security import HEADERS

from .nginx_server import NginxServer, Response, nginx_or_skip

pytestmark = [pytest.mark.nginx, pytest.mark.timeout(300)]

REPO_ROOT = Path(__file__).resolve().parent.parent
ORIGIN = "http://site.test"  # stands for the nginx host when resolving links
LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src"}
SAFE_PATH = "/-._~!$&'()*+,;=:@"
OTHER_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
DISTINCT_LAWS = 54  # 55 files in corpus/laws; two are the same document, published once
HTML_TYPE = "text/html; charset=utf-8"
EN_PO = REPO_ROOT / "portal" / "translations" / "en" / "LC_MESSAGES" / "messages.po"


# ---- building and serving ---------------------------------------------------------------------

@dataclass
class Site:
    out: Path
    report: BuildReport
    server: NginxServer
    corpus: Path


def _import_policies(corpus: Path, target: Path) -> None:
    """What `make build` does first: the received policy texts become Markdown pages."""
    from portal.importer import import_file

    for path in sorted((corpus / "policies").glob("*.txt")):
        import_file(path, target, section="policies", overwrite=True)


@pytest.fixture(scope="module")
def site(corpus_dir: Path):
    """The whole site built into a world-readable temp folder and served by nginx.

    Not under pytest's tmp_path: that is private to the current user, and nginx's workers run as
    www-data when the tests run as root, exactly as in production.
    """
    binary = nginx_or_skip()
    work = Path(tempfile.mkdtemp(prefix="portal-frozen-"))
    server = None
    try:
        work.chmod(0o755)
        imported = work / "imported"
        _import_policies(corpus_dir, imported)
        app = create_app({
            "TESTING": True,
            "CONTENT_DIRS": [str(REPO_ROOT / "content"), str(corpus_dir), str(imported)],
            "INDEX_DIR": str(work / "index"),
        })
        report = build_site(app, work / "site")
        server = NginxServer(report.output, work / "nginx", binary)
        server.start()
        yield Site(report.output, report, server, corpus_dir)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


# ---- crawling ---------------------------------------------------------------------------------

class _Links(HTMLParser):
    """Every link of a page (a/link href, script/img src), ids, form actions and <html lang>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])
        attr = LINK_ATTRS.get(tag)
        if attr and values.get(attr) is not None:
            self.links.append(values[attr].strip())
        if tag == "form":
            self.forms.append(((values.get("method") or "get").lower(), (values.get("action") or "").strip()))


def request_target(url: str) -> str:
    """The path to request for a resolved URL: decoded once, then percent-encoded canonically."""
    return quote(unquote(urlsplit(url).path, errors="strict"), safe=SAFE_PATH)


@dataclass
class Crawl:
    pages: dict[str, Response] = field(default_factory=dict)     # HTML pages by request path
    assets: dict[str, Response] = field(default_factory=dict)    # everything else
    ids: dict[str, set[str]] = field(default_factory=dict)
    langs: dict[str, str | None] = field(default_factory=dict)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (page, href, resolved url)
    forms: list[tuple[str, str, str]] = field(default_factory=list)  # (page, method, action url)
    broken: list[str] = field(default_factory=list)

    def response(self, target: str) -> Response:
        return self.pages.get(target) or self.assets[target]


def crawl(server: NginxServer, start: str = "/") -> Crawl:
    """Breadth-first over every same-host link from ``start``; fetch each target once."""
    result = Crawl()
    queue: deque[str] = deque([start])
    seen = {start}
    while queue:
        target = queue.popleft()
        answer = server.get(target)
        is_html = answer.headers.get("content-type", "").startswith("text/html")
        (result.pages if is_html and answer.status == 200 else result.assets)[target] = answer
        if not is_html or answer.status != 200:
            continue
        parser = _Links()
        parser.feed(answer.text)
        result.ids[target] = parser.ids
        result.langs[target] = parser.lang
        base = ORIGIN + target
        for method, action in parser.forms:
            result.forms.append((target, method, urljoin(base, action)))
        for href in parser.links:
            if href.startswith("#"):  # an anchor on this page
                result.links.append((target, href, base + href))
                continue
            if not href or href.lower().startswith(OTHER_SCHEMES):
                continue
            url = urljoin(base, href)
            if not url.startswith(ORIGIN + "/"):
                continue  # another host
            try:
                next_target = request_target(url)
            except UnicodeDecodeError:
                result.broken.append(f"{unquote(target)}: {href!r} is not percent-encoded UTF-8")
                continue
            result.links.append((target, href, url))
            if next_target not in seen:
                seen.add(next_target)
                queue.append(next_target)
    for page, href, url in result.links:
        if href.startswith("#"):
            continue
        answer = result.response(request_target(url))
        if answer.status != 200:
            result.broken.append(f"{unquote(page)} -> {unquote(href)} ({answer.status})")
    return result


@pytest.fixture(scope="module")
def crawled(site: Site) -> Crawl:
    return crawl(site.server)


# ---- the crawl --------------------------------------------------------------------------------

def test_no_broken_links_or_assets(crawled: Crawl):
    assert crawled.pages, "the crawl found no page"
    broken = sorted(set(crawled.broken))
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken)


def test_links_to_anchors_find_their_target(crawled: Crawl):
    missing = []
    for page, href, url in crawled.links:
        fragment = unquote(urlsplit(url).fragment)
        if not fragment:
            continue
        target = request_target(url)
        if target in crawled.pages and fragment not in crawled.ids.get(target, set()):
            missing.append(f"{unquote(page)} -> {unquote(href)}")
    missing = sorted(set(missing))
    assert not missing, f"{len(missing)} link(s) to a missing anchor:\n" + "\n".join(missing)


def test_internal_links_carry_no_query_string(crawled: Crawl):
    """A frozen site drops query strings: such a link would show the unfiltered page."""
    with_query = sorted({f"{unquote(p)} -> {h}" for p, h, u in crawled.links if urlsplit(u).query})
    assert not with_query, "\n".join(with_query)


def test_search_forms_point_at_a_page(site: Site, crawled: Crawl):
    """Every GET form (the search box on every page) submits to a page that exists."""
    sources: dict[str, list[str]] = {}
    for page, method, action in crawled.forms:
        if method == "get" and action.startswith(ORIGIN + "/"):
            sources.setdefault(request_target(action), []).append(page)
    assert sources, "no page has a search form"
    broken = []
    for target, pages in sorted(sources.items()):
        status = site.server.get(target).status
        if status != 200:
            broken.append(f"{unquote(target)} ({status}): the form of {len(pages)} page(s), e.g. {unquote(pages[0])}")
    assert not broken, "form action(s) without a page:\n" + "\n".join(broken)


def test_every_page_is_html_utf8_in_the_language_of_its_url(crawled: Crawl):
    wrong = []
    for target, answer in crawled.pages.items():
        if answer.headers.get("content-type") != HTML_TYPE:
            wrong.append(f"{unquote(target)}: Content-Type {answer.headers.get('content-type')!r}")
        expected = "en" if target.startswith("/en/") else "zh-CN"
        if crawled.langs[target] != expected:
            wrong.append(f"{unquote(target)}: <html lang={crawled.langs[target]!r}>, expected {expected!r}")
    assert not wrong, "\n".join(wrong)


def test_assets_are_served_with_their_type_and_charset(site: Site, crawled: Crawl):
    """CSS, JS, JSON and XML (feeds, sitemap) are UTF-8 text and say so."""
    expected = {".css": "text/css", ".js": "application/javascript", ".json": "application/json", ".xml": "text/xml",
                ".csv": "text/csv"}
    targets = {t for t in crawled.assets if Path(unquote(t)).suffix in expected}
    targets |= {quote("/" + p.relative_to(site.out).as_posix(), safe=SAFE_PATH)
                for suffix in (".json", ".xml", ".csv") for p in sorted(site.out.rglob(f"*{suffix}"))[:3]}
    targets |= {"/zh/feed.xml", "/en/news/feed.xml", "/sitemap.xml"}
    assert {Path(t).suffix for t in targets} >= {".css", ".js", ".csv"}  # every page loads a style sheet and scripts
    wrong = []
    for target in sorted(targets):
        answer = site.server.get(target)
        name = Path(unquote(target)).name
        want = ("application/atom+xml" if name == "feed.xml" else expected[Path(name).suffix]) + "; charset=utf-8"
        got = answer.headers.get("content-type")
        if answer.status != 200 or got != want:
            wrong.append(f"{unquote(target)}: {answer.status} {got!r}, expected {want!r}")
    assert not wrong, "\n".join(wrong)


def test_every_page_of_the_build_is_served(site: Site, crawled: Crawl):
    """The build's page count, and every page file answering 200 at its URL."""
    files = sorted(p for p in site.out.rglob("*.html") if p.is_file())
    page_files = [p for p in files if p.name == "index.html"]
    others = [p for p in site.out.rglob("*") if p.is_file() and p.suffix != ".html"]
    # the report counts what the freezer wrote: every HTML file, and non-HTML ones (static, feeds);
    # post-build hooks (e.g. a search index) may add files it does not count
    assert len(files) <= site.report.pages <= len(files) + len(others), (len(files), len(others), site.report.pages)
    # home + library + 54 laws + 2 policies per language, and the root page
    assert len(page_files) >= 2 * (2 + DISTINCT_LAWS + 2) + 1, len(page_files)
    not_served = []
    for path in page_files:
        folder = path.parent.relative_to(site.out).as_posix()
        url = "/" if folder == "." else f"/{folder}/"
        target = quote(url, safe=SAFE_PATH)
        if target in crawled.pages:
            continue
        if site.server.get(target).status != 200:
            not_served.append(url)
    assert not not_served, f"page files nginx does not serve: {not_served}"
    reachable = {unquote(t) for t in crawled.pages}
    assert len(reachable) >= len(page_files) * 0.9, "most pages should be reachable by links from /"


def test_sitemap_lists_only_pages_that_exist(site: Site):
    if not (site.out / "sitemap.xml").is_file():
        pytest.skip("the build has no sitemap.xml")
    answer = site.server.get("/sitemap.xml")
    assert answer.status == 200
    paths = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", answer.text)]
    assert paths
    missing = [unquote(p) for p in paths if site.server.get(request_target(ORIGIN + p)).status != 200]
    assert not missing, f"sitemap entries without a page: {missing}"


# ---- the library ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Law:
    title: str
    source: str
    body: str


def _laws(corpus: Path) -> dict[str, Law]:
    """Each law file of the corpus, read independently of the portal's loader."""
    laws = {}
    for path in sorted((corpus / "laws").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        meta = yaml.safe_load(front)
        laws[path.name] = Law(str(meta["title"]).strip(), str(meta["source_path"]).strip(), body.strip())
    return laws


def _short_addresses(folder: Path, pages: dict[str, str]) -> dict[str, str]:
    """Short address -> the dated page it shows: the build links the two to one file."""
    by_file: dict[int, list[str]] = {}
    for slug in pages:
        by_file.setdefault((folder / slug / "index.html").stat().st_ino, []).append(slug)
    pairs = [sorted(slugs, key=len) for slugs in by_file.values() if len(slugs) > 1]
    assert all(len(pair) == 2 for pair in pairs), pairs
    return {short: dated for short, dated in pairs}


def _document_key(law: Law) -> tuple[str, str]:
    """Two files are one document when titles differ only in punctuation/spaces and texts are equal."""
    return re.sub(r"[\s、,，·\-—]+", "", law.title), law.body


def test_all_distinct_laws_are_published_once_in_both_languages(site: Site, crawled: Crawl):
    laws = _laws(site.corpus)
    assert len(laws) == 55
    documents: dict[tuple[str, str], list[str]] = {}
    for name, law in laws.items():
        documents.setdefault(_document_key(law), []).append(name)
    assert len(documents) == DISTINCT_LAWS
    for lang in ("zh", "en"):
        folder = site.out / lang / "library"
        pages = {p.parent.name: p.read_text(encoding="utf-8") for p in folder.glob("*/index.html")}
        # a short address (专利法/) is the current version's page again: the same file as its dated page
        short = _short_addresses(folder, pages)
        assert {"专利法", "专利法实施细则"} <= short.keys()
        for slug, target in short.items():
            assert target in pages and target not in short, (slug, target)
        pages = {slug: text for slug, text in pages.items() if slug not in short}
        # the metadata panel names the source file of the copy that is published
        shown = {name: [slug for slug, text in pages.items() if f"原文路径：{escape(law.source)}" in text]
                 for name, law in laws.items()}
        law_pages = {slug for slugs in shown.values() for slug in slugs}
        assert len(law_pages) == DISTINCT_LAWS, (lang, len(law_pages))
        for names in documents.values():
            slugs = {slug for name in names for slug in shown[name]}
            assert len(slugs) == 1, f"{lang}: {names} should be published exactly once, found on {sorted(slugs)}"
        for slug in law_pages:
            target = quote(f"/{lang}/library/{slug}/", safe=SAFE_PATH)
            assert target in crawled.pages, f"law page not linked from the site: {unquote(target)}"


# ---- HTTP behaviour ---------------------------------------------------------------------------

def test_root_is_the_chinese_home_page_without_redirect(site: Site):
    answer = site.server.get("/")
    assert answer.status == 200
    assert answer.headers["content-type"] == HTML_TYPE
    assert '<html lang="zh-CN">' in answer.text and "首页" in answer.text


def test_missing_pages_get_the_404_page_with_status_404(site: Site):
    for target in ("/zh/no-such-page/", "/en/library/no-such-law/", "/no-such-file.css",
                   "/zh/library/" + quote("不存在的法规") + "/", "/404.html", "/en/404.html"):
        answer = site.server.get(target)
        assert answer.status == 404, target
        assert answer.headers["content-type"] == HTML_TYPE, target
        english = target.startswith("/en/")
        assert ("Page not found" if english else "页面不存在") in answer.text, target
        assert ('<html lang="en">' if english else '<html lang="zh-CN">') in answer.text, target
        for name, value in HEADERS.items():
            assert answer.headers.get(name.lower()) == value, (target, name)


def test_security_headers_on_pages_and_static_files(site: Site, crawled: Crawl):
    samples = ["/", "/zh/", "/en/library/"]
    samples += [t for t in crawled.assets if t.startswith("/static/")][:3]
    samples.append(next(t for t in crawled.pages if t.startswith("/zh/library/") and t != "/zh/library/"))
    for target in samples:
        answer = site.server.get(target)
        assert answer.status == 200, target
        for name, value in HEADERS.items():
            assert answer.headers.get(name.lower()) == value, (target, name, answer.headers.get(name.lower()))
        assert "nginx/" not in answer.headers.get("server", ""), "server_tokens should be off"


def test_cache_headers_long_for_static_short_for_html(site: Site, crawled: Crawl):
    def max_age(target: str) -> int:
        value = site.server.get(target).headers.get("cache-control", "")
        match = re.search(r"max-age=(\d+)", value)
        assert match, (target, value)
        return int(match.group(1))

    static = next(t for t in crawled.assets if t.startswith("/static/"))
    html = max_age("/zh/")
    assert 0 < html <= 3600
    assert max_age(static) >= 86400 > html
    assert "cache-control" not in site.server.get("/zh/missing/").headers  # errors are not cached


def test_search_manifest_is_always_revalidated(site: Site):
    # it names the version of every other index file: a browser keeping an old one searches an old index
    answer = site.server.get("/static/search-index/manifest.json.gz")
    assert answer.status == 200
    assert answer.headers.get("cache-control") == "no-cache"
    for name, value in HEADERS.items():
        assert answer.headers.get(name.lower()) == value, name


def test_gzip_when_asked(site: Site, crawled: Crawl):
    for target in ("/zh/library/", next(t for t in crawled.assets if t.endswith(".css"))):
        plain = site.server.get(target)
        packed = site.server.get(target, accept_encoding="gzip")
        assert "content-encoding" not in plain.headers, target
        assert packed.headers.get("content-encoding") == "gzip", target
        assert "accept-encoding" in packed.headers.get("vary", "").lower(), target
        assert gzip.decompress(packed.body) == plain.body, target
        assert len(packed.body) < len(plain.body), target


TRAVERSAL_PROBES = (
    "/../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/../../portal/__init__.py",
    "/static/..%2f..%2fportal/__init__.py",
    "/static/%2e%2e/%2e%2e/portal/__init__.py",
    "/zh/library/..%2f..%2f..%2f..%2f..%2fetc/passwd",
    "//etc/passwd",
    "/%00",
    "/index.html%00.txt",
    "/" + "a" * 5000,
    "/zh/library/" + "%E4%B8%93" * 540 + "/",
)


@pytest.mark.parametrize("target", TRAVERSAL_PROBES, ids=lambda t: t[:40])
def test_traversal_and_odd_paths_stay_inside_the_build(site: Site, target: str):
    answer = site.server.get(target)
    assert answer.status in (400, 404), (target[:80], answer.status)
    for secret in ("root:", "import ", "from __future__", "daemon:"):
        assert secret not in answer.text, (target[:80], secret)


def test_zh_and_en_pages_each_in_their_own_language(site: Site):
    zh = site.server.get("/zh/").text
    en = site.server.get("/en/").text
    assert '<html lang="zh-CN">' in zh and ">首页</a>" in zh
    assert '<html lang="en">' in en
    with EN_PO.open("rb") as handle:
        home = read_po(handle).get("首页")
    english = home.string if home is not None else ""
    if english:  # the English catalogue translates the navigation: the en page must use it
        assert f">{english}</a>" in en and ">首页</a>" not in en
        assert f">{english}</a>" not in zh


def test_config_file_sends_the_live_security_headers_always():
    """deploy/nginx.conf repeats portal/security.py HEADERS word for word, with `always`."""
    text = (REPO_ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    active = [line.strip() for line in text.splitlines() if line.strip().startswith("add_header ")]
    for name, value in HEADERS.items():
        assert f'add_header {name} "{value}" always;' in active, name
    assert len(active) == len(HEADERS), "an add_header that portal/security.py does not send"
    assert re.search(r"^\s*#\s*add_header Strict-Transport-Security ", text, re.MULTILINE), "HSTS line (commented)"
    code = re.sub(r"#[^\n]*", "", text)
    locations = re.findall(r"location[^{]*\{([^}]*)\}", code)
    assert locations and not any("add_header" in body for body in locations), \
        "add_header inside a location would drop the server-level security headers there"
    for directive in ("server_tokens off;", "autoindex off;", "gzip_static on;", "charset utf-8;",
                      "index index.html;", "try_files $uri $uri/ =404;", "error_page 403 404 /404.html;"):
        assert directive in code, directive
    assert re.search(r"^\s*disable_symlinks on\b", code, re.MULTILINE)


# ---- the config file itself, on a small synthetic root ---------------------------------------

@pytest.fixture
def tiny_root():
    work = Path(tempfile.mkdtemp(prefix="portal-nginx-"))
    try:
        work.chmod(0o755)
        root = work / "site"
        (root / "static").mkdir(parents=True)
        (root / "empty-folder").mkdir()
        (root / "index.html").write_text("<!doctype html><html lang=\"zh-CN\"><title>首页</title></html>\n",
                                         encoding="utf-8")
        (root / "404.html").write_text("<!doctype html><title>页面不存在</title>\n", encoding="utf-8")
        (root / "static" / "big.css").write_text("body { color: black; }\n" * 200, encoding="utf-8")
        with gzip.open(root / "static" / "big.css.gz", "wt", encoding="utf-8") as handle:
            handle.write("/* precompressed */\n" + "body { color: black; }\n" * 200)
        (root / ".env").write_text("SECRET=1\n", encoding="utf-8")
        secret = work / "outside.txt"
        secret.write_text("import os  # root: outside the build\n", encoding="utf-8")
        with contextlib.suppress(OSError):
            os.symlink(secret, root / "link.txt")
            os.symlink(work, root / "static" / "linked-folder")
        yield work, root
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_config_hardening_on_a_small_root(tiny_root):
    work, root = tiny_root
    with NginxServer(root, work / "nginx", nginx_or_skip()) as server:
        answer = server.get("/")
        assert answer.status == 200 and "首页" in answer.text
        assert answer.headers["content-type"] == HTML_TYPE
        # gzip_static: the .gz next to the file is sent as it is
        packed = server.get("/static/big.css", accept_encoding="gzip")
        assert packed.headers.get("content-encoding") == "gzip"
        assert gzip.decompress(packed.body).startswith(b"/* precompressed */")
        # no folder listing, no dot files, no symbolic links out of the build
        for target in ("/empty-folder/", "/.env", "/link.txt", "/static/linked-folder/outside.txt"):
            answer = server.get(target)
            assert answer.status in (403, 404), (target, answer.status)
            assert "SECRET" not in answer.text and "root:" not in answer.text, target
            assert "Index of" not in answer.text, target
        assert "[emerg]" not in server.log_text()
