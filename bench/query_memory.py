"""A gunicorn worker's memory before and after 10,000 queries of random characters.

    .venv/bin/python bench/query_memory.py [--queries 10000] [--content DIR ...] [--index DIR]

Starts gunicorn (deploy/gunicorn.conf.py, one worker, no recycling) on a loopback port over the
given content folders (default: the repository's content/), warms it up, reads the worker's
resident memory (VmRSS; and PSS and private memory, which count the master's copy-on-write pages
shared with the worker once), sends the queries to /api/search, and reads it again. It also prints
how long gunicorn took to open its port and the first requests a fresh worker answered.
``--index`` reuses a live index folder (e.g. one ``portal build`` wrote) instead of building one.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.nginx_server import free_port, http_request, stop_process, wait_for_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def shared_mb(pid: int) -> tuple[float, float]:
    """(PSS, private) memory of a process in MB, from /proc/PID/smaps_rollup."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return fields["Pss"], fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)


def worker_pid(master: int) -> int:
    """The one worker of a gunicorn master."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def random_query(rng: random.Random) -> str:
    """Ten random code points from the whole of Unicode (no surrogates)."""
    chars = []
    while len(chars) < 10:
        code = rng.randrange(0x21, 0x2FFFF)
        if not 0xD800 <= code <= 0xDFFF:
            chars.append(chr(code))
    return "".join(chars)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--content", nargs="*", default=[str(ROOT / "content")])
    parser.add_argument("--index", help="an existing live index folder to serve")
    parser.add_argument("--start-timeout", type=float, default=600)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="query-memory-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "GUNICORN_", "WEB_CONCURRENCY"))}
    env.update(PORTAL_CONTENT_DIRS=os.pathsep.join(args.content), PORTAL_INDEX_DIR=args.index or str(tmp / "index"),
               PORTAL_CONFIG=str(tmp / "portal.toml"))
    launched = time.perf_counter()
    port = free_port()
    log = (tmp / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}", "--workers", "1", "--max-requests", "0"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, process, args.start_timeout, lambda: (tmp / "gunicorn.log").read_text(errors="replace"))
        print(f"port open {time.perf_counter() - launched:.1f} s after launch", flush=True)
        time.sleep(2)  # the worker forks right after the port opens
        pid = worker_pid(process.pid)
        pss, private = shared_mb(pid)
        print(f"fresh worker: {rss_mb(pid):.1f} MB RSS, {pss:.1f} MB PSS, {private:.1f} MB private", flush=True)
        for path in ("/api/search?q=" + quote("专利侵权赔偿"), "/zh/library/", "/zh/search/?q=" + quote("商标")):
            started = time.perf_counter()
            http_request(port, "GET", path, {}, timeout=120)
            print(f"first {path}: {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
        rng = random.Random(10_000)
        for _ in range(200):  # warm up: templates, index, first queries
            http_request(port, "GET", "/api/search?q=" + quote(random_query(rng)), {}, timeout=120)
        before = rss_mb(pid)
        pss, private = shared_mb(pid)
        print(f"after 200 queries: {before:.1f} MB RSS, {pss:.1f} MB PSS, {private:.1f} MB private", flush=True)
        started = time.perf_counter()
        statuses: dict[int, int] = {}
        for _ in range(args.queries):
            status = http_request(port, "GET", "/api/search?q=" + quote(random_query(rng)), {}, timeout=120).status
            statuses[status] = statuses.get(status, 0) + 1
        after = rss_mb(pid)
        pss, private = shared_mb(pid)
        print(f"after the run: {after:.1f} MB RSS, {pss:.1f} MB PSS, {private:.1f} MB private", flush=True)
        assert worker_pid(process.pid) == pid, "the worker was replaced during the run"
        print(f"worker {pid}: {before:.1f} MB before, {after:.1f} MB after {args.queries} random-character "
              f"queries ({after - before:+.1f} MB) in {time.perf_counter() - started:.0f} s; statuses {statuses}")
    finally:
        stop_process(process, signal.SIGTERM)


if __name__ == "__main__":
    main()
