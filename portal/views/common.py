"""What every view reads: the catalogue, the clock and the draft setting."""

from __future__ import annotations

import datetime as dt

from flask import abort, current_app

from ..content import Catalog, Entry


def catalog() -> Catalog:
    """The catalogue read when the app was created."""
    return current_app.extensions["portal.catalog"]


def now() -> dt.datetime:
    """The current local time (``NOW`` in config pins it, for tests)."""
    pinned = current_app.config.get("NOW")
    return pinned or dt.datetime.now()


def show_drafts() -> bool:
    """Whether drafts are shown (``portal serve`` only)."""
    return bool(current_app.config.get("SHOW_DRAFTS")) and not current_app.config.get("FREEZING")


def visible_or_404(entry: Entry | None) -> Entry:
    """Return ``entry`` if it is published now, else answer 404."""
    if entry is None or not entry.is_visible(now(), show_drafts()):
        abort(404)
    return entry
