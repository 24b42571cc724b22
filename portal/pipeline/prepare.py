"""Before and after the pages: what the previous build allows to reuse, and what this one read."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask

from ..citations.link import citation_index
from ..citations.resolve import name_index
from ..content.journeys import memberships
from ..library_names import short_names
from . import trace
from .digest import Fingerprints
from .manifest import Manifest, load, save, site_fingerprint


@dataclass
class Plan:
    """One build's view of the previous one: the manifest if it still applies, and this build's reads."""

    site: str
    prints: Fingerprints
    previous: Path | None = None
    manifest: Manifest | None = None
    page_reads: dict[str, frozenset] = field(default_factory=dict)
    reused: int = 0
    linked: int = 0  # short addresses linked to their version's page of this build
    rendered: list[str] = field(default_factory=list)  # urls rendered (not reused)


@contextlib.contextmanager
def pinned_time(app: Flask) -> Iterator[None]:
    """Every page of one build sees the same moment (``NOW``), unless a test pinned one already."""
    pinned = app.config.get("NOW")
    app.config["NOW"] = pinned or dt.datetime.now().replace(microsecond=0)
    try:
        yield
    finally:
        app.config["NOW"] = pinned


def precompute(catalog) -> None:
    """Compute the catalogue's derived values now, so their fingerprints are known before pages render."""
    citation_index(catalog)
    name_index(catalog)
    short_names(catalog)
    first = next(iter(catalog.entries.values()), None)
    if first is not None:
        memberships(catalog, first)


def plan(app: Flask, out: Path) -> Plan:
    """What this build may reuse from the build published as ``out``."""
    catalog = app.extensions["portal.catalog"]
    precompute(catalog)
    moment = app.config["NOW"]
    site = site_fingerprint(app, catalog, moment.date())
    made = Plan(site, Fingerprints(catalog, moment))
    manifest = load(out)
    if manifest is not None and manifest.site == site:
        made.manifest, made.previous = manifest, out.resolve()
    return made


def tracing(app: Flask):
    """Note what each page reads from the catalogue while the pages render."""
    return trace.tracing(app.extensions["portal.catalog"])


def remember(out: Path, release: Path, plan: Plan) -> None:
    """Keep this build's reads beside ``out`` for the next build."""
    numbers: dict = {}
    pages = {url: tuple(numbers.setdefault(r, len(numbers)) for r in reads) for url, reads in plan.page_reads.items()}
    reads = list(numbers)
    save(out, Manifest(plan.site, release.name, reads, [plan.prints.of(r) for r in reads], pages))
