"""Live preview for staff: re-read only changed content files and swap the catalogue in place."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from .content import ContentError, load_catalog
from .content.parse_cache import ParseCache

# Called with (app, old_catalog, new_catalog) after a swap: the search index updates itself here.
RELOAD_HOOKS: list[Callable[[Flask, object, object], None]] = []
# Called with (app) in the watcher's thread before it starts polling: slow one-time set-up.
START_HOOKS: list[Callable[[Flask], None]] = []


@dataclass(frozen=True)
class ReloadReport:
    """What a reload did: files re-read, whether the catalogue changed, problems, seconds."""

    reread: int
    swapped: bool
    problems: list
    seconds: float


def content_stamp(folders: list[Path]) -> dict[Path, tuple[int, int]]:
    """Modification stamp of every Markdown file under ``folders``."""
    stamps = {}
    for folder in folders:
        for path in Path(folder).rglob("*.md"):
            try:
                info = path.stat()
            except OSError:
                continue
            stamps[path] = (info.st_mtime_ns, info.st_size)
    return stamps


def reload_content(app: Flask) -> ReloadReport:
    """Re-read changed files; swap in the new catalogue, or keep the old one if the content has errors."""
    started = time.perf_counter()
    cache: ParseCache = app.extensions.setdefault("portal.parse_cache", ParseCache())
    misses = cache.misses
    folders = [Path(p) for p in app.config["CONTENT_DIRS"]]
    try:
        catalog = load_catalog(folders, cache)
    except ContentError as exc:
        for problem in exc.problems:
            app.logger.error("%s (the previous version stays published)", problem)
        app.extensions["portal.preview.errors"] = list(exc.problems)  # shown on the pages (views/preview_panel)
        return ReloadReport(cache.misses - misses, False, exc.problems, time.perf_counter() - started)
    old = app.extensions["portal.catalog"]
    app.extensions["portal.catalog"] = catalog
    app.extensions["portal.preview.errors"] = []
    page_cache = app.extensions.get("portal.page_cache")
    if page_cache is not None:
        page_cache.clear()
    for hook in RELOAD_HOOKS:
        hook(app, old, catalog)
    return ReloadReport(cache.misses - misses, True, [], time.perf_counter() - started)


class ContentWatcher(threading.Thread):
    """Polls the content folders and reloads when a file is added, changed or removed."""

    def __init__(self, app: Flask, interval: float = 0.5):
        super().__init__(name="content-watcher", daemon=True)
        self.app = app
        self.interval = interval
        self.stopped = threading.Event()
        self.folders = [Path(p) for p in app.config["CONTENT_DIRS"]]
        self.stamps = content_stamp(self.folders)

    def poll(self) -> ReloadReport | None:
        """Reload once if anything changed since the last poll."""
        stamps = content_stamp(self.folders)
        if stamps == self.stamps:
            return None
        self.stamps = stamps
        report = reload_content(self.app)
        self.app.logger.info("content reloaded: %d file(s) re-read in %.2f s", report.reread, report.seconds)
        return report

    def run(self) -> None:
        for hook in START_HOOKS:
            try:
                hook(self.app)
            except Exception:  # a failed warm-up only makes the first reload slower
                self.app.logger.exception("preview warm-up failed")
        while not self.stopped.wait(self.interval):
            self.poll()

    def stop(self) -> None:
        """Stop polling."""
        self.stopped.set()
