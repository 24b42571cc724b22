"""Build benchmark (not a test): a cold ``portal build`` beside Pagefind on the same output, then rebuilds.

    .venv/bin/python bench/build_bench.py --content ../shared/scale-corpus --content ../shared/corpus \
        --content instance/content [--downloads] [--skip-pagefind]

The team's ``content/`` is copied to a temporary folder (the rebuilds edit it there). In order,
each in its own process, with wall time, CPU time and the process's peak memory:

1. ``portal build`` cold: empty output, no live index, no generated-file cache;
2. Pagefind (``python -m pagefind``, from ``pip install "pagefind[extended]"``) over every HTML
   page of that output, written outside it;
3. ``portal build`` again with nothing changed, after editing one news item, after adding one,
   after deleting it;
4. ``portal check`` and ``portal index`` (a full live index).

Law downloads (PDF/Word) are off unless ``--downloads``: they are typeset once per version and
then reused from the generated-file cache, so a cold cache would measure the typesetter.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def run(command: list[str], env: dict) -> dict:
    """Run ``command``; its wall and CPU seconds and peak memory (MB)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        log.seek(0)
        stderr = log.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command[:4])} … failed:\n{stderr[-2000:]}")
    return {"wall_s": round(wall, 1), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_mb": round(usage.ru_maxrss / 1024), "log": stderr.strip().splitlines()[-3:]}


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and files under ``folder``."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def portal(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "portal.cli", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", action="append", type=Path, default=[], help="content folders besides content/")
    parser.add_argument("--downloads", action="store_true", help="generate the laws' PDF and Word files too")
    parser.add_argument("--skip-pagefind", action="store_true")
    args = parser.parse_args()
    rows: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="build-bench-") as tmp:
        root = Path(tmp)
        team = root / "content"
        shutil.copytree(REPO / "content", team)
        folders = [team, *(p.resolve() for p in args.content)]
        content_args = [a for f in folders for a in ("--content", str(f))]
        out = root / "site"
        env = dict(os.environ, PORTAL_CONFIG=str(root / "portal.toml"), PORTAL_INDEX_DIR=str(root / "index"),
                   PORTAL_GENERATED_CACHE_DIR=str(root / "generated"),
                   PORTAL_LIBRARY_DOWNLOADS="true" if args.downloads else "false")
        build = portal(["build", *content_args, "--out", str(out)])
        rows["cold build"] = run(build, env)
        size, files = folder_size(out.resolve())
        en_size, _ = folder_size(out.resolve() / "en")
        if not args.skip_pagefind:
            command = [sys.executable, "-m", "pagefind", "--site", str(out.resolve()),
                       "--output-path", str(root / "pagefind")]
            rows["Pagefind, same output"] = run(command, env)
        rows["rebuild, nothing changed"] = run(build, env)
        news = sorted((team / "news").glob("*.md"))[0]
        news.write_text(news.read_text(encoding="utf-8") + "\n一段新增的正文。\n", encoding="utf-8")
        rows["rebuild, one news item edited"] = run(build, env)
        added = team / "news" / "zz-bench-added.md"
        added.write_text("---\ntitle: 基准测试新增的消息\ndate: 2026-11-30\n---\n正文。\n", encoding="utf-8")
        rows["rebuild, one news item added"] = run(build, env)
        added.unlink()
        rows["rebuild, that item deleted"] = run(build, env)
        rows["portal check"] = run(portal(["check", *content_args]), env)
        rows["portal index (full)"] = run(portal(["index", *content_args]), env)
    print(f"output: {size / 1e6:.1f} MB in {files:,} files, of which /en {en_size / 1e6:.1f} MB")
    width = max(map(len, rows))
    pagefind = rows.get("Pagefind, same output", {}).get("wall_s")
    for name, row in rows.items():
        ratio = f"  ({row['wall_s'] / pagefind:.1f}× Pagefind)" if pagefind and name != "Pagefind, same output" else ""
        print(f"{name:<{width}}  {row['wall_s']:>7.1f} s wall  {row['cpu_s']:>7.1f} s CPU  "
              f"{row['peak_mb']:>6} MB peak{ratio}")
    print(json.dumps({name: {k: v for k, v in row.items() if k != "log"} for name, row in rows.items()}))


if __name__ == "__main__":
    main()
