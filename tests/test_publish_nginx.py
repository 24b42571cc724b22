"""Real nginx serves the site folder while `portal build` publishes again and again: never a miss."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from portal import publish
from portal.freeze import build_site

from .conftest import write
from .nginx_server import NginxServer, http_request, nginx_or_skip

pytestmark = [pytest.mark.nginx, pytest.mark.timeout(600)]

TARGETS = ("/", "/zh/", "/en/", "/zh/news/first/", "/zh/library/sample-law/", "/sitemap.xml", "/static/css/site.css")


def _portal(content: Path, out: Path, env: dict[str, str]) -> subprocess.Popen:
    command = [str(Path(sys.executable).with_name("portal")), "build", "--content", str(content), "--out", str(out)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _finished(build: subprocess.Popen) -> str:
    """Wait for ``build``; its messages (raises with them when it failed)."""
    _, messages = build.communicate(timeout=300)
    assert build.returncode == 0, messages
    return messages


class Load:
    """Threads requesting the site's pages in a loop, counting each status."""

    def __init__(self, port: int, threads: int = 3) -> None:
        self.port, self.statuses, self.misses = port, Counter(), []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(i,)) for i in range(threads)]

    def _run(self, offset: int) -> None:
        n = offset
        while not self._stop.is_set():
            target = TARGETS[n % len(TARGETS)]
            n += 1
            try:
                status = http_request(self.port, "GET", target).status
            except OSError as exc:
                status = repr(exc)
            self.statuses[status] += 1
            if status != 200:
                self.misses.append((target, status))

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()


@pytest.fixture
def work():
    """World-readable (nginx's workers run as www-data), not under the private tmp_path."""
    folder = Path(tempfile.mkdtemp(prefix="portal-publish-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_nginx_serves_every_request_while_builds_run(work: Path, content_dir: Path, tmp_path: Path):
    binary = nginx_or_skip()
    content = work / "content"
    shutil.copytree(content_dir, content)
    out = work / "site"
    env = {**os.environ, "PORTAL_INDEX_DIR": str(tmp_path / "index"), "PORTAL_BUILD_KEEP": "2"}
    first = _portal(content, work / "legacy", env)
    _finished(first)
    shutil.copytree(work / "legacy", out)  # a real folder, as published by older versions
    server = NginxServer(out, work / "nginx", binary)
    with server, Load(server.port) as load:
        time.sleep(0.5)
        killed = _portal(content, out, env)  # killed while freezing: its staging folder is left
        while not list(work.glob(".site.new-*")) and killed.poll() is None:
            time.sleep(0.02)
        killed.send_signal(signal.SIGKILL)
        killed.communicate()
        assert list(work.glob(".site.new-*")), "the killed build left its staging folder"
        for round_ in range(3):  # two builds at once, each round with new content
            news = f"---\ntitle: 第{round_}轮\ndate: 2024-01-0{round_ + 1}\n---\n正文\n"
            write(content, f"news/round-{round_}.md", news)
            builds = [_portal(content, out, env) for _ in range(2)]
            for build in builds:
                _finished(build)
        time.sleep(0.5)
    total = sum(load.statuses.values())
    print(f"\n{total} requests during 1 migration, 1 killed and 6 builds: {dict(load.statuses)}")
    assert total > 500
    assert load.misses == [], f"{len(load.misses)} of {total} requests missed: {load.misses[:10]}"
    assert out.is_symlink() and (out / "zh" / "news" / "round-2" / "index.html").is_file()
    assert not list(work.glob(".site.new-*")), "staging of the killed build removed"
    assert len(publish.releases(out)) == 3  # the current and BUILD_KEEP=2 previous


def _wrk(port: int, seconds: int) -> subprocess.Popen:
    """wrk hammering one page of nginx for ``seconds`` (skipped without wrk, fails in CI)."""
    wrk = shutil.which("wrk")
    if wrk is None:
        if os.environ.get("CI"):
            pytest.fail("wrk is not installed (apt-get install wrk)")
        pytest.skip("wrk is not installed (apt-get install wrk)")
    command = [wrk, "-t2", "-c16", f"-d{seconds}s", "--timeout", "5s", f"http://127.0.0.1:{port}/zh/news/first/"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_no_miss_under_wrk_during_hundreds_of_switches(work: Path, app):
    """The old two-rename swap left a moment without a site: at wrk's rate it shows as 404s."""
    binary = nginx_or_skip()
    out = work / "site"
    build_site(app, out)
    with NginxServer(out, work / "nginx", binary) as server:
        load, switches = _wrk(server.port, 8), 0
        while load.poll() is None:
            copy = Path(tempfile.mkdtemp(prefix=".site.new-", dir=work))
            shutil.copytree(out, copy, dirs_exist_ok=True)
            copy.chmod(0o755)
            publish.publish(copy, out, keep=1)
            switches += 1
        output = load.communicate()[0]
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    print(f"\n{requests} requests (wrk) during {switches} switches: "
          f"{non_2xx.group(1) if non_2xx else 0} non-2xx, socket errors: {errors.group(1) if errors else 'none'}")
    assert switches >= 20 and requests > 1000, output
    assert non_2xx is None and errors is None, output
    assert len(publish.releases(out)) == 2
