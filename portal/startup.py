"""Start-up of the live site: the search index is opened, or built, before the first request."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask

Say = Callable[[str], None]


def prepare_index(app: Flask, say: Say) -> None:
    """Open the live search index, building or refreshing it first when missing or out of date.

    Progress goes to ``say`` (the terminal for ``portal serve``, the log for gunicorn), so the
    first search is answered at once instead of waiting for an index built on demand.
    """
    from .search.live import _app_fingerprint, build_index, current_folder, current_generation, load_generation

    started = time.perf_counter()
    root = Path(app.config["INDEX_DIR"]).resolve()
    folder = current_folder(root)
    generation = load_generation(folder) if folder else None
    entries = len(app.extensions["portal.catalog"].entries)
    if generation is None:
        say(f"search index: building {root} from {entries} entries")
        step = {"next": 0.1}

        def progress(done: int, total: int) -> None:
            if total and done / total >= step["next"]:
                say(f"search index: {done}/{total} documents")
                step["next"] += 0.1

        report = build_index(app, progress)
        say(f"search index: built, {report.documents} documents in {report.seconds:.1f} s")
        return
    if generation.fingerprint != _app_fingerprint(app):
        say(f"search index: content changed since {folder.name}, updating")
    generation = current_generation(app)
    say(f"search index: ready, {len(generation.rows)} documents ({time.perf_counter() - started:.1f} s)")
