"""Preview benchmark: how soon an edited article shows in `portal serve` on the scale corpus.

The preview's own machinery runs: the ContentWatcher polling as in `portal serve`, the parse
cache, the page cache and the search-index refresh hook.  For each edit the script writes a new
sentence into one article of one file and polls, through the test client, the document page (until
the sentence shows) and the JSON search API (until the sentence is found).  A full index rebuild
is timed in the same run, for the ratio.

    .venv/bin/python bench/make_scale_corpus.py          # once: bench/scale-corpus/
    .venv/bin/python bench/preview_bench.py [--edits 5]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from portal import create_app  # noqa: E402
from portal.preview import ContentWatcher, reload_content  # noqa: E402
from portal.search.live import build_index  # noqa: E402
from portal.urls import entry_path  # noqa: E402

POLL_SECONDS = 0.02
GIVE_UP_SECONDS = 60.0
ARTICLE_LINE = re.compile(r"^(第[一二三四五六七八九十]+条)[ \u3000]", re.M)


def wait_for(check, started: float) -> float:
    """Seconds from ``started`` until ``check()`` is true (raises after GIVE_UP_SECONDS)."""
    while not check():
        if time.perf_counter() - started > GIVE_UP_SECONDS:
            raise TimeoutError("the edit did not show within a minute")
        time.sleep(POLL_SECONDS)
    return time.perf_counter() - started


def edit(path: Path, marker: str) -> None:
    """Append a sentence carrying ``marker`` to the first article of ``path``."""
    text = path.read_text(encoding="utf-8")
    match = ARTICLE_LINE.search(text)
    end = text.index("\n", match.end())
    path.write_text(text[:end] + f"本条所称{marker}，由县知识产权局负责解释。" + text[end:], encoding="utf-8")


def one_edit(app, path: Path, number: int) -> dict:
    marker = f"预览基准第{'一二三四五六七八九十'[number % 10]}号标记词{'甲乙丙丁戊己庚辛壬癸'[number % 10]}"
    url = entry_path(app.extensions["portal.catalog"].library_entry(path.stem), "zh")
    client = app.test_client()
    started = time.perf_counter()
    edit(path, marker)
    page = wait_for(lambda: marker in client.get(url).get_data(as_text=True), started)
    found = wait_for(lambda: client.get("/api/search", query_string={"q": marker}).get_json()["total"] >= 1,
                     started)
    return {"page": page, "search": found}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description="portal preview benchmark")
    parser.add_argument("--corpus", type=Path, default=HERE / "scale-corpus")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    if not (args.corpus / "laws").is_dir():
        print(f"no scale corpus in {args.corpus}: run bench/make_scale_corpus.py first", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="portal-preview-bench-"))
    try:
        content = work / "content"
        shutil.copytree(args.corpus, content)  # the edits must not touch the shared corpus
        files = sorted((content / "laws").glob("*.md"))
        megabytes = sum(f.stat().st_size for f in files) / 1e6
        started = time.perf_counter()
        app = create_app({"CONTENT_DIRS": [str(content)], "INDEX_DIR": str(work / "index"), "SHOW_DRAFTS": True})
        load = time.perf_counter() - started
        full = build_index(app)
        noop = reload_content(app)
        watcher = ContentWatcher(app)
        watcher.start()
        try:
            runs = [one_edit(app, files[(i * 997) % len(files)], i) for i in range(args.edits)]
        finally:
            watcher.stop()
        report(len(files), megabytes, load, full.seconds, noop.seconds, watcher.interval, runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(files: int, megabytes: float, load: float, full: float, noop: float, interval: float,
           runs: list[dict]) -> None:
    """Print the numbers (medians and worst of the edits)."""
    pages = [r["page"] for r in runs]
    searches = [r["search"] for r in runs]
    print(f"corpus: {files} documents, {megabytes:.1f} MB; watcher polls every {interval:.1f} s")
    print(f"first load of the catalogue: {load:.2f} s; full index build: {full:.1f} s; "
          f"reload with nothing changed: {noop:.2f} s")
    print("| after saving the file | median | worst |")
    print("| --- | --- | --- |")
    print(f"| edited page shows the edit | {statistics.median(pages):.2f} s | {max(pages):.2f} s |")
    print(f"| search finds the new words | {statistics.median(searches):.2f} s | {max(searches):.2f} s |")
    print(f"full rebuild / incremental (median): {full / statistics.median(searches):.0f}x")


if __name__ == "__main__":
    raise SystemExit(main())
