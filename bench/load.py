"""Load benchmark: wrk against the live site (gunicorn, 2 workers) and the frozen site (nginx).

Usage: .venv/bin/python bench/load.py [--seconds 30] [--connections 64]
           [--content DIR ...] [--site BUILD --index INDEX]

Builds the site over the folders `make run` publishes (or ``--content``; or reuses a finished
``portal build`` with ``--site`` and its live index with ``--index``, e.g. the 3,403-document one
``bench/build_slope.py --keep`` leaves), serves it both ways on loopback only — gunicorn with
deploy/gunicorn.conf.py as it is, nginx with deploy/nginx.conf — and runs wrk on a law page, the
library listing, the search page with rotating queries and the search API (rotating too; the
frozen site has no API: its searches run in the browser), printing req/s, p50/p99 latency,
errors and the live/nginx ratio. Compare ratios within one run: the machines are shared and noisy.
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
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.nginx_server import NginxServer  # noqa: E402

LAW = "/zh/library/%E4%B8%93%E5%88%A9%E6%B3%95-2020-10-17/"
QUERIES = ("专利侵权赔偿", "商标", "著作权", "知识产权", "植物新品种", "惩罚性赔偿", "商业秘密", "地理标志",
           "行政执法", "计算机软件", "人民法院", "许可合同", "不正当竞争", "集成电路布图设计", "证据保全", "权")
# name -> (path, rotate the q= parameter over QUERIES); None: not served by that mode
TARGETS = {"law page": (LAW, False), "library": ("/zh/library/", False), "search page": ("/zh/search/", True),
           "search API": ("/api/search", True)}
FROZEN_TARGETS = {"law page": (LAW, False), "library": ("/zh/library/", False), "search page": ("/zh/search/", True),
                  "search API": None}
ROTATE = """
local queries = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "%s?q=" .. queries[(n %% #queries) + 1])
end
"""


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


def run_wrk(base: str, target: tuple[str, bool], seconds: int, connections: int, work: Path) -> dict:
    """wrk on ``base + path``; a rotating target requests ``path?q=…`` with the next query each time."""
    path, rotate = target
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", base + path]
    if rotate:
        script = work / "rotate.lua"
        quoted = ", ".join(f'"{quote(q)}"' for q in QUERIES)
        script.write_text(ROTATE % (quoted, path), encoding="utf-8")
        command[1:1] = ["-s", str(script)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    return parse_wrk(done.stdout)


def start_gunicorn(dirs: list[str], index_dir: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, PORTAL_CONTENT_DIRS=os.pathsep.join(dirs), PORTAL_INDEX_DIR=str(index_dir),
               PORTAL_CONFIG=str(index_dir.parent / "load-portal.toml"))
    command = [str(REPO / ".venv" / "bin" / "gunicorn"), "-c", str(REPO / "deploy" / "gunicorn.conf.py"),
               "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"]
    return subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--content", nargs="+", help="content folders (default: those `make run` publishes)")
    parser.add_argument("--site", type=Path, help="an existing frozen build to serve (with --index and --content)")
    parser.add_argument("--index", type=Path, help="the live index of that build")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install wrk")
    from portal import create_app
    from portal.freeze import build_site
    from portal.search.live import build_index

    work = Path(tempfile.mkdtemp(prefix="portal-load-"))
    work.chmod(0o755)  # nginx workers run unprivileged
    dirs = args.content or content_dirs(work)
    site, index = args.site or work / "site", args.index or work / "index"
    if args.site is None:
        app = create_app({"CONTENT_DIRS": dirs, "INDEX_DIR": str(index)})
        build_site(app, site)
        build_index(app)  # as `portal build` does
    port = free_port()
    live = start_gunicorn(dirs, index, port)
    results: dict[str, dict] = {}
    try:
        (work / "nginx").mkdir()
        with NginxServer(site, work / "nginx") as nginx:
            wait_for(f"http://127.0.0.1:{port}/zh/", 900)
            for name, target in TARGETS.items():
                base = f"http://127.0.0.1:{port}"
                results[f"live {name}"] = run_wrk(base, target, args.seconds, args.connections, work)
            for name, target in FROZEN_TARGETS.items():
                if target is not None:
                    base = f"http://127.0.0.1:{nginx.port}"
                    results[f"nginx {name}"] = run_wrk(base, target, args.seconds, args.connections, work)
    finally:
        live.terminate()
        live.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrk -t2 -c{args.connections} -d{args.seconds}s on loopback; gunicorn (deploy/gunicorn.conf.py) "
          "vs nginx (deploy/nginx.conf, frozen)")
    print(f"{'target':<20}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for name, row in results.items():
        print(f"{name:<20}{row['rps']:>10.0f}{row['p50']:>10.2f}{row['p99']:>10.2f}{row['errors']:>8}")
    for name in TARGETS:
        if f"nginx {name}" not in results:
            continue
        ratio = results[f"live {name}"]["rps"] / results[f"nginx {name}"]["rps"]
        print(f"live/nginx ratio, {name}: {ratio:.2f}")


if __name__ == "__main__":
    main()
