"""Load benchmark: wrk against the live site (gunicorn, 2 workers) and the frozen site (nginx).

Usage: .venv/bin/python bench/load.py [--seconds 30] [--connections 64]

Builds the site over the folders `make run` publishes, serves it both ways on loopback only,
runs wrk on a law page, the home page and a search, and prints req/s, p50/p99 latency, errors,
and the live/nginx ratio. Compare ratios within one run: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.nginx_server import NginxServer  # noqa: E402

LAW = "/zh/library/%E4%B8%93%E5%88%A9%E6%B3%95-2020-10-17/"
TARGETS = {"law page": LAW, "home page": "/zh/", "search": "/api/search?q=%E4%B8%93%E5%88%A9%E4%BE%B5%E6%9D%83"}
FROZEN_TARGETS = {"law page": LAW, "home page": "/zh/", "search": "/zh/search/"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def content_dirs(work: Path) -> list[str]:
    """content/, the corpus laws and the corpus policies imported as `make run` does."""
    from portal.importer import import_file

    corpus = REPO.parent / "shared" / "corpus"
    dirs = [str(REPO / "content")]
    if (corpus / "laws").is_dir():
        imported = work / "instance"
        for received in sorted((corpus / "policies").glob("*.txt")):
            import_file(received, imported, overwrite=True)
        dirs += [str(corpus), str(imported)]
    return dirs


def parse_wrk(output: str) -> dict:
    """req/s, p50, p99 (ms) and error count from `wrk --latency` output."""

    def ms(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
    }


def run_wrk(url: str, seconds: int, connections: int) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    return parse_wrk(done.stdout)


def start_gunicorn(dirs: list[str], index_dir: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, PORTAL_CONTENT_DIRS=os.pathsep.join(dirs), PORTAL_INDEX_DIR=str(index_dir))
    command = [str(REPO / ".venv" / "bin" / "gunicorn"), "-c", str(REPO / "deploy" / "gunicorn.conf.py"),
               "--bind", f"127.0.0.1:{port}", "--workers", "2", "--access-logfile", "/dev/null"]
    return subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install wrk")
    from portal import create_app
    from portal.freeze import build_site
    from portal.search.live import build_index

    work = Path(tempfile.mkdtemp(prefix="portal-load-"))
    work.chmod(0o755)  # nginx workers run unprivileged
    dirs = content_dirs(work)
    app = create_app({"CONTENT_DIRS": dirs, "INDEX_DIR": str(work / "index")})
    build_site(app, work / "site")
    build_index(app)  # as `portal build` does
    port = free_port()
    live = start_gunicorn(dirs, work / "index", port)
    results: dict[str, dict] = {}
    try:
        (work / "nginx").mkdir()
        with NginxServer(work / "site", work / "nginx") as nginx:
            wait_for(f"http://127.0.0.1:{port}/zh/")
            for name, path in TARGETS.items():
                results[f"live {name}"] = run_wrk(f"http://127.0.0.1:{port}{path}", args.seconds, args.connections)
            for name, path in FROZEN_TARGETS.items():
                url = f"http://127.0.0.1:{nginx.port}{path}"
                results[f"nginx {name}"] = run_wrk(url, args.seconds, args.connections)
    finally:
        live.terminate()
        live.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrk -t2 -c{args.connections} -d{args.seconds}s on loopback; gunicorn 2 sync workers vs nginx (frozen)")
    print(f"{'target':<20}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for name, row in results.items():
        print(f"{name:<20}{row['rps']:>10.0f}{row['p50']:>10.2f}{row['p99']:>10.2f}{row['errors']:>8}")
    for name in TARGETS:
        ratio = results[f"live {name}"]["rps"] / results[f"nginx {name}"]["rps"]
        print(f"live/nginx ratio, {name}: {ratio:.2f}")


if __name__ == "__main__":
    main()
