"""Session fixtures of the search tests: the real corpus plus a small folder of special pages,
its live index, its frozen build served on 127.0.0.1, and headless Chromium (no tests here)."""

from __future__ import annotations

import functools
import http.server
import os
import queue
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml

from portal import create_app
from portal.freeze import build_site
from portal.search.live import build_index
from portal.security import CONTENT_SECURITY_POLICY

from .conftest import CORPUS, REPO_ROOT, write

REPO_CONTENT = REPO_ROOT / "content"
# Of the site's own content, what the question, English and synonym tests search: guides, lessons, the table.
REPO_PARTS = ("guides", "curricula", "news", "search")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
EXTRA_PAGES = {
    "pages/banshi-dizhi.md": ("办事地址指引", "专利事务可以到国家知识产权局重庆代办处办理，地址见下。"),
    "pages/dushu-jiao.md": ("读书角：经典著作", "本周推荐马克思的著作。另有马克·吐温的小说和马克笔绘画课程。"),
    "pages/kongbai.md": ("排版测试页",
                         "青少年发明\u200b创造大赛\u3000报名开始！创新\u3000驿站开放，编号：ＡＢＣ２０２４；欢迎参加。"),
    "pages/shengpi-zi.md": ("生僻字说明", "古籍中有生僻字㐀与𠀀，本站可以检索。"),
    "pages/yingwen-suoxie.md": ("英文缩写说明",
                                "世界知识产权组织（WIPO）知识产权公约。IT企业开拓US市场，重视IP保护。"),
    "pages/fanti.md": ("繁體頁面", "臺灣地區的著作權與數位內容保護說明。"),
    "pages/pinyin-shuoming.md": ("网址说明", "本站栏目网址里的 zhuanli 和 shangbiao 是拼音写法。"),
    "pages/wenda-jijin.md": ("问答集锦", "有读者来信问：怎么申请专利？怎么申请商标？编辑部已转交相关部门。"),
    "news/shanhuo-biaoti.md": ("巫山山货电商服务站揭牌", "服务站为农户提供网上销售培训。"),
    "news/shanhuo-duanyu.md": ("农村网店培训班开班", "培训班帮助农户发展山货电商，课程持续一个月。"),
    "news/shanhuo-fensan.md": ("农户增收经验交流会",
                               "与会代表介绍了山货收购的做法。会议还讨论了道路修建和电商平台入驻等事项。"),
}


def _policy_markdown(meta: dict, text: str) -> str:
    front = {k: v for k, v in meta.items() if k != "file" and v is not None}
    if "issuer" in front:
        front["issuer"] = str(front["issuer"])
    if "date" in front:
        front["date"] = str(front["date"])
    body = "\n\n".join(line.rstrip() for line in text.splitlines() if line.strip())
    return "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body + "\n"


def _write_policies(root: Path) -> None:
    index = yaml.safe_load((CORPUS / "policies" / "index.yaml").read_text(encoding="utf-8"))
    for meta in index:
        text = (CORPUS / "policies" / meta["file"]).read_text(encoding="utf-8")
        path = root / "policies" / (Path(meta["file"]).stem + ".md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_policy_markdown(meta, text), encoding="utf-8")


# Test modules import these fixtures, and pytest makes one instance per importing module: the objects
# themselves are therefore created once here and shared, so the index is built and the site frozen once.
_SHARED: dict = {}


def _once(name: str, make):
    if name not in _SHARED:
        _SHARED[name] = make()
    return _SHARED[name]


def _make_content(tmp_path_factory) -> Path:
    if not (CORPUS / "laws").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"corpus not found at {CORPUS}")
        pytest.skip(f"corpus not found at {CORPUS}")
    root = tmp_path_factory.mktemp("search-content")
    _write_policies(root)
    for part in REPO_PARTS:
        shutil.copytree(REPO_CONTENT / part, root / part)
    for relpath, (title, text) in EXTRA_PAGES.items():
        date = "date: 2024-05-01\n" if relpath.startswith("news/") else ""
        write(root, relpath, f"---\ntitle: {title}\n{date}---\n{text}\n")
    return root


@pytest.fixture(scope="session")
def search_content(tmp_path_factory) -> Path:
    """The real corpus lacks these: the two policies as Markdown and a few pages made for the cases."""
    return _once("content", lambda: _make_content(tmp_path_factory))


def _make_app(content: Path, tmp_path_factory, *more: Path):
    folders = [str(CORPUS), str(content), *map(str, more)]
    app = create_app({"TESTING": True, "CONTENT_DIRS": folders,
                      "INDEX_DIR": str(tmp_path_factory.mktemp("search-index"))})
    build_index(app)
    return app


@pytest.fixture(scope="session")
def search_app(search_content, tmp_path_factory):
    """The portal over the real corpus and the special pages, with its live index built once."""
    return _once("app", lambda: _make_app(search_content, tmp_path_factory))


@pytest.fixture(scope="session")
def search_client(search_app):
    """A test client of :func:`search_app`."""
    return _once("client", search_app.test_client)


SCALE_CORPUS = Path(os.environ.get("PORTAL_SCALE_CORPUS", CORPUS.parent / "scale-corpus"))
# The real laws of every field that share an IP query's words: the distractors a real library holds.
DISTRACTOR_WORDS = re.compile("专利|商标|著作权|知识产权|惩罚性赔偿|进校园|临时保护|假冒|盗版|质押融资")


def _make_distractors(tmp_path_factory) -> Path:
    if not (SCALE_CORPUS / "laws").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"scale corpus not found at {SCALE_CORPUS}")
        pytest.skip(f"scale corpus not found at {SCALE_CORPUS}")
    root = tmp_path_factory.mktemp("distractors")
    (root / "laws").mkdir()
    for path in sorted((SCALE_CORPUS / "laws").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if DISTRACTOR_WORDS.search(text):
            (root / "laws" / path.name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def scale_app(search_content, tmp_path_factory):
    """:func:`search_app` plus the ~470 laws of the scale corpus that share IP words (real distractors)."""
    return _once("scale-app", lambda: _make_app(search_content, tmp_path_factory,
                                                 _make_distractors(tmp_path_factory)))


@pytest.fixture(scope="session")
def scale_site(scale_app, tmp_path_factory, request):
    """The frozen build of :func:`scale_app`, served on 127.0.0.1."""
    return _once("scale-site", lambda: _serve(scale_app, tmp_path_factory, request))


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


def _serve(app, tmp_path_factory, request) -> dict:
    out = tmp_path_factory.mktemp("frozen") / "site"
    build_site(app, out)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    request.session.config.add_cleanup(stop)
    return {"url": f"http://127.0.0.1:{server.server_address[1]}", "folder": out}


@pytest.fixture(scope="session")
def frozen_site(search_app, tmp_path_factory, request):
    """The frozen build of :func:`search_app`, served over HTTP on 127.0.0.1 (with the site's CSP)."""
    return _once("site", lambda: _serve(search_app, tmp_path_factory, request))


class BrowserWorker:
    """One Chromium tab driven from its own thread.

    Playwright's sync API allows one session per thread; the browser suite (tests/browser) keeps its
    own session open in the main thread, so this one lives in a worker thread and tests hand it jobs:
    ``worker.run(lambda page: ...)`` runs there and returns the result (or raises its exception).
    """

    def __init__(self) -> None:
        self.jobs: queue.Queue = queue.Queue()
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._main, name="search-chromium", daemon=True)
        self.thread.start()
        self.ready.wait(120)
        if self.error is not None:
            raise self.error

    def _main(self) -> None:
        try:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = chromium.new_context().new_page()
                page.errors = []
                page.on("pageerror", lambda error: page.errors.append(str(error)))
                self.ready.set()
                self._serve(page)
                chromium.close()
        except BaseException as exc:  # reported to the test that waits for the browser
            self.error = exc
            self.ready.set()

    def _serve(self, page) -> None:
        while (job := self.jobs.get()) is not None:
            work, box, done = job
            try:
                box.append((True, work(page)))
            except BaseException as exc:  # handed back to the calling test
                box.append((False, exc))
            done.set()

    def run(self, work):
        """Run ``work(page)`` in the browser thread and return its result."""
        box: list = []
        done = threading.Event()
        self.jobs.put((work, box, done))
        if not done.wait(180):
            raise TimeoutError("the browser thread did not answer")
        ok, value = box[0]
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Close Chromium and end the thread."""
        self.jobs.put(None)
        self.thread.join(60)


def _launch(request) -> BrowserWorker:
    worker = BrowserWorker()
    request.session.config.add_cleanup(worker.close)
    return worker


@pytest.fixture(scope="session")
def static_page(request, frozen_site) -> BrowserWorker:
    """Headless Debian Chromium on the frozen site (skipped locally when missing, an error in CI)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} not found")
        pytest.skip(f"{CHROMIUM} not found")
    return _once("browser", lambda: _launch(request))


@dataclass
class Hit:
    """One result as shown: title, link, excerpt HTML and article label."""

    title: str
    url: str
    snippet: str
    article: str | None = None


@dataclass
class Outcome:
    """What a search answered: results and their count, or a message."""

    total: int | None = None
    hits: list[Hit] = field(default_factory=list)
    message: str | None = None
    pages: int = 1
    also: str = ""  # the 同时搜索了 line (synonyms), empty when none
    cited_missing: bool = False  # the page says the cited article does not exist
    title: str = ""  # the page title (static only)

    @property
    def titles(self) -> list[str]:
        """Result titles in order."""
        return [h.title for h in self.hits]


class LiveSearch:
    """Searches through the JSON API of the Flask app."""

    mode = "live"

    def __init__(self, client) -> None:
        self.client = client

    def __call__(self, q: str, **params) -> Outcome:
        response = self.client.get("/api/search", query_string={"q": q, **params})
        assert response.status_code in (200, 400), response.data[:300]
        data = response.get_json()
        if response.status_code == 400:
            return Outcome(message=data["error"])
        hits = [Hit(r["title"], r["url"], r["snippet"], r.get("article")) for r in data["results"]]
        also = "同时搜索了：" + "、".join(data["also"]) if data["also"] else ""
        missing = bool(data["cited"] and not data["cited"]["found"])
        return Outcome(data["total"], hits, pages=max(1, data["pages"]), also=also, cited_missing=missing)


class StaticSearch:
    """Searches the frozen site in Chromium (the page fills #search-results from the static index)."""

    mode = "static"

    def __init__(self, worker: BrowserWorker, base: str) -> None:
        self.worker, self.base = worker, base

    def __call__(self, q: str, lang: str = "zh", **params) -> Outcome:
        url = f"{self.base}/{lang}/search/?{urlencode({'q': q, **params})}"
        return self.worker.run(lambda page: self._search(page, url))

    @staticmethod
    def _search(page, url: str) -> Outcome:
        page.errors.clear()
        page.goto(url)
        page.wait_for_function(
            "() => ['done', 'error', 'idle'].includes(document.getElementById('search-app').dataset.state)")
        assert not page.errors, page.errors
        state = page.get_attribute("#search-app", "data-state")
        assert state != "error", page.inner_text("#search-app")
        message = page.query_selector("#search-message.warn")
        if message:
            return Outcome(message=message.inner_text())
        hits = page.eval_on_selector_all("#search-results > li", """items => items.map(li => ({
            title: li.querySelector('a.search-result-title').textContent,
            url: li.querySelector('a.search-result-title').getAttribute('href'),
            snippet: li.querySelector('.search-result-snippet').innerHTML,
            article: (li.querySelector('.search-result-article') || {}).textContent || null}))""")
        count = page.inner_text("#search-count")
        total = int(re.search(r"\d+", count).group()) if re.search(r"\d+", count) else 0
        pages = page.query_selector("#search-pages span")
        number = re.findall(r"\d+", pages.inner_text())[-1] if pages else "1"
        also = page.query_selector("#search-also")
        return Outcome(total, [Hit(**h) for h in hits], pages=int(number), also=also.inner_text() if also else "",
                       cited_missing=page.query_selector("#search-cited") is not None, title=page.title())


def document_text(app, url: str) -> str:
    """Title and text of the entry a result links to (folded: traditional, full-width and case unified)."""
    from portal.search.analysis import fold
    from portal.urls import entry_path

    path = url.split("#", 1)[0]
    entry = next(e for e in app.extensions["portal.catalog"].entries.values() if entry_path(e, "zh") == path)
    return fold(entry.title + "\n" + (entry.legal.doc_number or "" if entry.legal else "") + "\n" + entry.text)


def everything(search, q: str, **params) -> list[Hit]:
    """Every result of a query, page after page."""
    first = search(q, **params)
    hits = list(first.hits)
    for page in range(2, first.pages + 1):
        hits += search(q, page=page, **params).hits
    return hits


@pytest.fixture(params=["live", pytest.param("static", marks=pytest.mark.browser)])
def scale_searcher(request, scale_app):
    """The same search with real distractors, asked of the live server and of the frozen site in Chromium."""
    if request.param == "live":
        return LiveSearch(_once("scale-client", scale_app.test_client))
    return StaticSearch(request.getfixturevalue("static_page"), request.getfixturevalue("scale_site")["url"])


@pytest.fixture(params=["live", pytest.param("static", marks=pytest.mark.browser)])
def searcher(request, search_client):
    """The same search, asked of the live server and of the frozen site in Chromium."""
    if request.param == "live":
        return LiveSearch(search_client)
    return StaticSearch(request.getfixturevalue("static_page"), request.getfixturevalue("frozen_site")["url"])
