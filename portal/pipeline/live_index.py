"""The live search index after a build: only the changed documents re-indexed, when that is cheaper."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from ..search.live import build_index
from ..search.refresh import refresh_index
from ..search.shared import analysed, sharing


@dataclass(frozen=True)
class IndexUpdate:
    """What :func:`update_live_index` did."""

    path: Path
    documents: int  # documents indexed (all of them in a full build, the changed ones otherwise)
    seconds: float
    full: bool


def update_live_index(app: Flask) -> IndexUpdate:
    """Refresh the live index from the build's catalogue; a full build when there is none or much changed."""
    refreshed = refresh_index(app)
    if refreshed is not None:
        changed = refreshed.added + refreshed.replaced + refreshed.removed
        return IndexUpdate(refreshed.path, changed, refreshed.seconds, full=False)
    report = build_index(app)
    return IndexUpdate(report.path, report.documents, report.seconds, full=True)


@contextlib.contextmanager
def analysed_once(app: Flask) -> Iterator[None]:
    """Analyse every published text now (both cores when free) and keep the analysis inside the block.

    A live index forked inside the block (:class:`~.parallel.Beside`) and the static index written
    by the build both read it: a cold build analysed every text twice before, once per index.
    """
    with sharing():
        analysed(app, "build")
        yield
