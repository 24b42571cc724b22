"""Search benchmark at scale (not a test): build times, index sizes, live latency, frozen first-query bytes,
and the same for Pagefind on the same pages, printed side by side.

    .venv/bin/python bench/make_scale_corpus.py        # once: ≥ 3,000 documents, ≥ 50 MB (git-ignored)
    .venv/bin/python bench/search_bench.py [--skip-pagefind] [--skip-browser]

Pagefind comes from ``pip install "pagefind[extended]"`` (a benchmark tool, not a portal dependency).
Results are also written to bench/results/report.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from browser_bytes import measure  # noqa: E402
from make_scale_corpus import generate  # noqa: E402

from portal import create_app  # noqa: E402
from portal.search.live import build_index  # noqa: E402
from portal.search.static_index import write_static_index  # noqa: E402

QUERIES = [
    {"q": q} for q in (
        "权", "知识产权", "专利", "商标", "著作权", "专利侵权赔偿", "商标 专利", '"专利申请"', "專利法", "知識產權",
        "侵犯注册商标专用权", "植物新品种", "集成电路布图设计", "国家知识产权局", "人民法院", "赔偿数额", "惩罚性赔偿",
        "地理标志", "商业秘密", "技术调查官", "WIPO", "的", "专利的保护", "渝府发〔2016〕25号", "外观设计专利权的期限",
        "证据保全", "行政执法", "计算机软件", "许可合同", "不正当竞争",
    )
] + [{"q": "商标", "level": "司法解释"}, {"q": "知识产权", "sort": "date"}, {"q": "专利", "page": "3"}]
BROWSER_QUERIES = ["知识产权", "专利侵权赔偿", "商标 专利", "專利法", "巫山脆李", "权", "植物新品种", "惩罚性赔偿"]


def folder_bytes(folder: Path) -> tuple[int, int]:
    """Total size and number of files under ``folder``."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def render_pages(app, site: Path) -> float:
    """Write the Chinese document pages and the static search page (what Pagefind indexes and serves)."""
    started = time.perf_counter()
    catalog = app.extensions["portal.catalog"]
    client = app.test_client()
    app.config["FREEZING"] = True
    try:
        for entry in catalog.entries.values():
            page = site / "zh" / "library" / entry.slug / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_bytes(client.get(f"/zh/library/{entry.slug}/").data)
        search = site / "zh" / "search" / "index.html"
        search.parent.mkdir(parents=True, exist_ok=True)
        search.write_bytes(client.get("/zh/search/").data)
    finally:
        app.config["FREEZING"] = False
    shutil.copytree(HERE.parent / "static", site / "static", dirs_exist_ok=True)
    return time.perf_counter() - started


def run_pagefind(site: Path) -> dict | None:
    """Index the same document pages with Pagefind (extended, for Chinese); None when it is not installed."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", "zh/library/**/*.html",
               "--root-selector", "main", "--quiet"]
    started = time.perf_counter()
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=900)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"pagefind skipped: {exc}", file=sys.stderr)
        return None
    size, files = folder_bytes(site / "pagefind")
    return {"seconds": time.perf_counter() - started, "bytes": size, "files": files}


def latency(app) -> dict:
    """Live /api/search latency (parse, rank, phrases, snippets, JSON) over the fixed list: cold, then warm."""
    client = app.test_client()

    def one_pass() -> list[float]:
        times = []
        for params in QUERIES:
            started = time.perf_counter()
            response = client.get("/api/search", query_string=params)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (params, response.data[:200])
        return times

    cold = one_pass()
    warm = [t for _ in range(3) for t in one_pass()]

    def pct(values: list[float], p: float) -> float:
        return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]

    return {"queries": len(QUERIES), "cold_p50": pct(cold, 50), "cold_p95": pct(cold, 95),
            "warm_p50": pct(warm, 50), "warm_p95": pct(warm, 95), "warm_max": max(warm)}


def table(report: dict) -> str:
    """The side-by-side summary."""
    ours, pf, lat = report["portal"], report.get("pagefind"), report["latency"]
    rows = [
        ("corpus", f"{report['corpus']['documents']} documents, {report['corpus']['megabytes']:.1f} MB", ""),
        ("live index build (Whoosh)", f"{ours['live_seconds']:.1f} s", ""),
        ("live index size", f"{ours['live_bytes'] / 1e6:.1f} MB", ""),
        ("live p50 / p95, warm (ms)", f"{lat['warm_p50']:.1f} / {lat['warm_p95']:.1f}", ""),
        ("live p50 / p95, first pass (ms)", f"{lat['cold_p50']:.1f} / {lat['cold_p95']:.1f}", ""),
        ("static index build", f"{ours['static_seconds']:.1f} s", f"{pf['seconds']:.1f} s" if pf else "n/a"),
        ("static index size", f"{ours['static_bytes'] / 1e6:.1f} MB ({ours['static_files']} files)",
         f"{pf['bytes'] / 1e6:.1f} MB ({pf['files']} files)" if pf else "n/a"),
    ]
    for key, label in (("first", "first query"), ("later", "later query")):
        if report.get("bytes"):
            mine = report["bytes"]["portal"][key]
            theirs = report["bytes"].get("pagefind", {}).get(key)
            rows.append((f"{label} bytes, median / max",
                         f"{mine['median'] / 1e3:.0f} / {mine['max'] / 1e3:.0f} KB",
                         f"{theirs['median'] / 1e3:.0f} / {theirs['max'] / 1e3:.0f} KB" if theirs else "n/a"))
    width = max(len(r[0]) for r in rows)
    lines = [f"{'':{width}}  {'portal':<28}  pagefind"]
    lines += [f"{name:{width}}  {a:<28}  {b}" for name, a, b in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run everything once and print the report."""
    parser = argparse.ArgumentParser(description="portal search benchmark")
    parser.add_argument("--corpus", type=Path, nargs="+", default=[HERE / "scale-corpus"],
                        help="content folders (e.g. ../shared/scale-corpus ../shared/corpus: 3,403 documents)")
    parser.add_argument("--work", type=Path, default=HERE / "results")
    parser.add_argument("--skip-pagefind", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args(argv)
    if args.corpus == [HERE / "scale-corpus"] and not (HERE / "scale-corpus" / "laws").is_dir():
        generate(HERE / "scale-corpus", 3400, 60)
    shutil.rmtree(args.work, ignore_errors=True)
    site = args.work / "site"
    sizes = [folder_bytes(folder) for folder in args.corpus]
    corpus_bytes, corpus_files = sum(b for b, _ in sizes), sum(f for _, f in sizes)
    report: dict = {"corpus": {"documents": corpus_files, "megabytes": corpus_bytes / 1e6}}

    started = time.perf_counter()
    # Law downloads off: typesetting 6,800 files cold is the build's cost, not search's (bench/downloads.py).
    app = create_app({"CONTENT_DIRS": [str(c) for c in args.corpus], "INDEX_DIR": str(args.work / "index"),
                      "GENERATED_CACHE_DIR": str(args.work / "generated"), "LIBRARY_DOWNLOADS": False})
    print(f"catalogue loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    live = build_index(app)
    static = write_static_index(app, site)
    report["portal"] = {"live_seconds": live.seconds, "live_bytes": live.bytes, "static_seconds": static.seconds,
                        "static_bytes": static.bytes, "static_files": static.files}
    print(f"live {live.seconds:.1f} s, static {static.seconds:.1f} s", file=sys.stderr)
    report["latency"] = latency(app)
    print(f"pages rendered in {render_pages(app, site):.1f} s", file=sys.stderr)
    report["pagefind"] = None if args.skip_pagefind else run_pagefind(site)
    if not args.skip_browser:
        report["bytes"] = measure(site, BROWSER_QUERIES, with_pagefind=report["pagefind"] is not None)
    (args.work / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
