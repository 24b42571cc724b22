"""Time the PDF and Word downloads of every law and policy: a cold cache, then a warm one.

    .venv/bin/python bench/downloads.py [CORPUS]

Prints the documents, seconds and the file sizes (min / median / max) of each format. The
cache lives in a temporary folder, so nothing of the checkout is touched.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from portal import create_app
from portal.content.catalog import LIBRARY_SECTIONS
from portal.importer import import_file
from portal.library_files import downloads, generated_cache


def run(dirs: list[str], work: Path) -> tuple[int, float, dict[str, list[int]], int]:
    """One pass over every library entry; returns (documents, seconds, sizes by format, files typeset)."""
    app = create_app({
        "TESTING": True,
        "CONTENT_DIRS": dirs,
        "INDEX_DIR": str(work / "index"),
        "GENERATED_CACHE_DIR": str(work / "generated"),
    })
    entries = [e for e in app.extensions["portal.catalog"].entries.values() if e.section in LIBRARY_SECTIONS]
    sizes: dict[str, list[int]] = {}
    started = time.perf_counter()
    with app.test_request_context():
        for entry in entries:
            for item in downloads(entry):
                sizes.setdefault(item.fmt, []).append(item.size)
    return len(entries), time.perf_counter() - started, sizes, generated_cache(app).misses


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
    work = Path(tempfile.mkdtemp(prefix="portal-downloads-"))
    for received in sorted((corpus / "policies").glob("*.txt")):
        import_file(received, work / "imported", overwrite=True)
    dirs = [str(corpus), str(work / "imported")]
    for label in ("cold", "cached"):
        count, seconds, sizes, typeset = run(dirs, work)
        print(f"{label}: {count} documents, {typeset} files typeset, {seconds:.1f} s")
        for fmt, values in sizes.items():
            print(f"  {fmt}: min {min(values)} B, median {statistics.median(values):.0f} B, max {max(values)} B")


if __name__ == "__main__":
    main()
