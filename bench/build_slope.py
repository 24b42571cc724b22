"""Build cost by library size (not a test): a cold ``portal build`` at several sizes, to extrapolate.

    .venv/bin/python bench/build_slope.py --corpus ../shared/scale-corpus --with ../shared/corpus \
        --with instance/content --sizes 850,1700,3403 [--keep /tmp/site-3403]

Each size N is every document of the ``--with`` folders (published whole: the team's
``content/``, which is always published too, links to them) plus the first law and policy files
of the ``--corpus`` folders (in folder order, then by name) up to N documents in all, copied into
a temporary content folder.
Each build runs in its own process (``portal build``); wall time, CPU time and peak memory are
printed per size, with the seconds per 1,000 documents between consecutive sizes and a linear
estimate for ``--estimate`` documents (default 30,000). As in ``build_bench.py``, each build is cold
(its own empty generated-file folder: no stored parses, analyses or citation links) and law
downloads are off (the typesetter is measured once per version, not per build).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LIBRARY_FOLDERS = ("laws", "policies")


def library_files(corpora: list[Path]) -> list[Path]:
    """Every Markdown law or policy file of the corpora, in a fixed order."""
    found: list[Path] = []
    for corpus in corpora:
        for folder in LIBRARY_FOLDERS:
            found += sorted((corpus / folder).glob("*.md"))
    return found


def subset(files: list[Path], size: int, root: Path) -> Path:
    """A content folder holding the first ``size`` files (each copied into its own section folder)."""
    content = root / f"content-{size}"
    for path in files[:size]:
        target = content / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return content


def timed_build(folders: list[Path], out: Path) -> dict:
    """Run ``portal build`` in a child process; wall and CPU seconds and its peak memory."""
    env = dict(os.environ, PORTAL_CONFIG=str(out.parent / "portal.toml"), PORTAL_INDEX_DIR=str(out.parent / "index"),
               PORTAL_GENERATED_CACHE_DIR=str(out.parent / "generated"),  # cold: no stores, as build_bench
               PORTAL_LIBRARY_DOWNLOADS="false")  # the typesetter is not the build (build_bench: --downloads)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "portal.cli", "build", "--content", str(REPO / "content"),
         *(arg for folder in folders for arg in ("--content", str(folder))), "--out", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"build failed at {folders[0]}:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "peak_mb": round(after.ru_maxrss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", type=Path, required=True)
    parser.add_argument("--with", dest="always", action="append", type=Path, default=[])
    parser.add_argument("--sizes", default="850,1700,3403")
    parser.add_argument("--estimate", type=int, default=30000)
    parser.add_argument("--keep", type=Path, help="keep the largest build here (site/, index/, content/)")
    args = parser.parse_args()
    files = library_files(args.corpus)
    fixed = len(library_files(args.always))
    sizes = [min(int(s), len(files) + fixed) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="build-slope-") as tmp:
        for size in sizes:
            root = Path(tmp) / str(size)
            root.mkdir()
            result = timed_build([subset(files, size - fixed, root), *args.always], root / "site")
            rows.append({"documents": size, **result})
            print(f"{size:>6} documents: {result['wall_s']:>7.1f} s wall, {result['cpu_s']:>7.1f} s CPU, "
                  f"peak {result['peak_mb']} MB (largest build so far)", flush=True)
            if args.keep and size == sizes[-1]:
                shutil.rmtree(args.keep, ignore_errors=True)
                shutil.copytree(root, args.keep, symlinks=True)
            shutil.rmtree(root)
    for a, b in zip(rows, rows[1:], strict=False):
        slope = (b["wall_s"] - a["wall_s"]) / (b["documents"] - a["documents"]) * 1000
        print(f"{a['documents']} → {b['documents']}: {slope:.1f} s wall per 1,000 documents")
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        per_doc = (last["wall_s"] - first["wall_s"]) / (last["documents"] - first["documents"])
        estimate = last["wall_s"] + per_doc * (args.estimate - last["documents"])
        print(f"linear estimate at {args.estimate:,} documents: {estimate / 60:.0f} min wall on this machine")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
