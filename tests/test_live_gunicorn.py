"""The live site as deployed: gunicorn with deploy/gunicorn.conf.py on a loopback port."""

from __future__ import annotations

import os
import runpy
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from portal.security import HEADERS

from .nginx_server import Response, free_port, http_request, stop_process, wait_for_port

REPO_ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONF = REPO_ROOT / "deploy" / "gunicorn.conf.py"
START_TIMEOUT = 120.0  # the master warms up (and builds a missing index) before it listens
pytestmark = pytest.mark.timeout(240)
LAW = "/zh/library/" + quote("专利法-2020-10-17") + "/"


class Live:
    """A running gunicorn and its log."""

    def __init__(self, port: int, process: subprocess.Popen, log: Path):
        self.port, self.process, self.log = port, process, log

    def get(self, target: str, **headers: str) -> Response:
        return http_request(self.port, "GET", target, {k.replace("_", "-"): v for k, v in headers.items()})

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""


@pytest.fixture(scope="module")
def live(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("gunicorn")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "GUNICORN_", "WEB_CONCURRENCY"))}
    env.update(
        PORTAL_CONTENT_DIRS=os.pathsep.join([str(REPO_ROOT / "content"), str(corpus_dir)]),
        PORTAL_INDEX_DIR=str(tmp / "index"),
        PORTAL_CONFIG=str(tmp / "portal.toml"),
        PYTHONUNBUFFERED="1",
    )
    port = free_port()
    log = tmp / "gunicorn.log"
    with log.open("wb") as out:  # a file, not a pipe: a full pipe would block gunicorn
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "--bind", f"127.0.0.1:{port}"],
            cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Live(port, process, log)
    try:
        wait_for_port(port, process, START_TIMEOUT, server.log_text)
        yield server
    finally:
        stop_process(process, signal.SIGTERM)


def test_config_defaults():
    settings = runpy.run_path(str(GUNICORN_CONF))
    assert settings["bind"] == ["127.0.0.1:8000"]
    if "WEB_CONCURRENCY" not in os.environ:
        assert settings["workers"] == 2
    assert settings["preload_app"] is True
    assert settings["wsgi_app"] == "portal:create_app()"


def test_root_redirects_by_accept_language(live: Live):
    zh = live.get("/", accept_language="zh-CN,zh;q=0.9")
    en = live.get("/", accept_language="en-US,en;q=0.9")
    assert (zh.status, zh.headers.get("location")) == (302, "/zh/")
    assert (en.status, en.headers.get("location")) == (302, "/en/")


def test_law_page_with_security_headers(live: Live):
    answer = live.get(LAW)
    assert answer.status == 200, live.log_text()[-2000:]
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="zh-CN">' in answer.text and "专利法" in answer.text
    for name, value in HEADERS.items():
        assert answer.headers.get(name.lower()) == value, name
    english = live.get(LAW.replace("/zh/", "/en/", 1))
    assert english.status == 200 and '<html lang="en">' in english.text


@pytest.mark.parametrize("target", ["/xx/", "/xx/library/", "/zh/library/" + quote("不存在的文件") + "/",
                                    "/en/library/no-such-law/"])
def test_unknown_language_or_document_is_404(live: Live, target: str):
    answer = live.get(target)
    assert answer.status == 404, (target, answer.status)
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert answer.headers.get("content-security-policy") == HEADERS["Content-Security-Policy"]


def test_workers_were_forked_from_a_preloaded_app(live: Live):
    log = live.log_text()
    assert log.count("Booting worker") >= 2, log[-2000:]
    assert "Traceback" not in log, log[-4000:]


def test_search_index_is_built_before_the_port_opens(live: Live):
    log = live.log_text()
    assert "search index: built" in log and log.index("search index: built") < log.index("Listening at")
    answer = live.get("/zh/search/?q=" + quote("专利"))
    assert answer.status == 200 and "search index" not in live.log_text()[len(log):]


def test_recycling_never_restarts_the_pool_at_once():
    settings = runpy.run_path(str(GUNICORN_CONF))
    limit, jitter = settings["max_requests"], settings["max_requests_jitter"]
    assert limit == 0 or jitter >= limit


def test_master_warms_the_app_before_forking(live: Live):
    answer = live.get("/zh/search/?q=" + quote("专利"))
    assert answer.status == 200
    log = live.log_text()
    assert "portal warmed up in" in log
    assert "portal warm-up failed" not in log
    # the index was built by the warm-up in the master, before any worker booted
    assert log.index("portal warmed up in") < log.index("Booting worker")
