"""Freeze the site to static files: build into a staging folder, then publish it (portal/publish.py)."""

from __future__ import annotations

import contextlib
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from flask_frozen import Freezer, MimetypeMismatchWarning, MissingURLGeneratorWarning

from . import publish
from .content.catalog import LIBRARY_SECTIONS
from .library_files import DOWNLOAD_FORMATS
from .library_names import frozen_short_names, frozen_short_targets
from .pipeline import prepare
from .pipeline.freezer import ReusingFreezer
from .pipeline.parallel import Beside, fork_allowed
from .settings import LANGUAGES
from .views.campaigns import page_urls as campaign_pages
from .views.common import now
from .views.compare import page_urls as compare_pages
from .views.converters import ARTICLE_SECTIONS, FEED_SECTIONS
from .views.library import frozen_pages as library_pages
from .views.teaching import page_urls as teaching_pages

Progress = Callable[[int, int, str], None]  # (pages done, pages expected, url)
# Hooks run after the pages are written, each given (app, folder): the static search index, feeds …
POST_BUILD_HOOKS: list[Callable[[Flask, Path], None]] = []
# Endpoints that only exist live (e.g. a JSON API): never frozen, and no warning for them.
LIVE_ONLY_ENDPOINTS: set[str] = set()
_ATOM_FEED = "'feed.xml' (type application/xml) does not match Content-Type: application/atom+xml"


@dataclass(frozen=True)
class BuildReport:
    """What a build produced."""

    output: Path
    pages: int
    seconds: float
    reused: int = 0  # pages linked from the previous build (nothing they read had changed)
    rendered: tuple[str, ...] = ()  # urls rendered afresh
    linked: int = 0  # short addresses written as links to their version's page (the same bytes)


def _page_urls(app: Flask) -> Iterator[tuple[str, dict]]:
    """Every page as (endpoint, values), so Frozen-Flask needs no guessing."""
    catalog = app.extensions["portal.catalog"]
    moment = now()
    yield "home.root", {}
    yield "errors.not_found_page", {"lang": "zh"}
    yield "errors.not_found_page", {"lang": "en"}
    yield "feeds.sitemap", {}
    yield "feeds.library_json", {}
    yield "library.library_list", {}
    yield "indicators.indicators_json", {}
    for lang in LANGUAGES:
        yield "home.index", {"lang": lang}
        yield "library.index", {"lang": lang}
        yield from library_pages(app, lang)
        yield "search.page", {"lang": lang}
        yield "indicators.dashboard", {"lang": lang}
        yield "indicators.csv_file", {"lang": lang}
        for report in catalog.section("reports", moment):
            yield "indicators.report", {"lang": lang, "year": report.slug}
        yield "feeds.site_feed", {"lang": lang}
        for section in FEED_SECTIONS:
            yield "feeds.section_feed", {"lang": lang, "section": section}
        for section in ARTICLE_SECTIONS:
            entries = catalog.section(section, moment)
            yield "articles.index", {"lang": lang, "section": section, "page": 1}
            pages = 1 if section == "curricula" else max(1, -(-len(entries) // app.config["PAGE_SIZE"]))
            for page in range(2, pages + 1):
                yield "articles.index", {"lang": lang, "section": section, "page": page}
            for entry in entries:
                yield "articles.entry", {"lang": lang, "section": section, "slug": entry.slug}
        for entry in catalog.in_sections(LIBRARY_SECTIONS, moment):
            yield "library.document", {"lang": lang, "slug": entry.slug}
        for name in frozen_short_names(catalog, moment):
            yield "library.document", {"lang": lang, "slug": name}
    for entry in catalog.in_sections(LIBRARY_SECTIONS, moment) if app.config["LIBRARY_DOWNLOADS"] else ():
        for fmt in DOWNLOAD_FORMATS:
            yield "downloads.library_file", {"slug": entry.slug, "fmt": fmt}
    yield from campaign_pages(catalog, moment)
    yield from compare_pages(catalog, moment)
    yield from teaching_pages(catalog, moment)
    for entry in catalog.all_visible(moment):
        for attachment in entry.attachments:
            yield "files.attachment", {"section": entry.section, "slug": entry.slug, "filename": attachment.name}


def _empty_endpoints(app: Flask) -> set[str]:
    """Entry endpoints with nothing to freeze: an empty site is not a forgotten generator."""
    catalog = app.extensions["portal.catalog"]
    empty = set(LIVE_ONLY_ENDPOINTS)
    if not any(catalog.section(section, now()) for section in ARTICLE_SECTIONS):
        empty.add("articles.entry")
    if not catalog.section("reports", now()):
        empty.add("indicators.report")
    if not catalog.section("events", now()):
        empty.update({"campaigns.event", "campaigns.event_ics"})
    if not any("campaign" in e.extra for e in catalog.section("campaigns", now())):
        empty.update({"campaigns.year", "campaigns.year_ics"})
    if not any(e.extra.get("campaign") and e.extra["campaign"].toolkit for e in catalog.section("campaigns", now())):
        empty.update({"toolkit.page", "toolkit.file"})
    if not catalog.in_sections(LIBRARY_SECTIONS, now()):
        empty.update({"library.document", "downloads.library_file"})
    if not app.config["LIBRARY_DOWNLOADS"]:
        empty.add("downloads.library_file")
    if not any(compare_pages(catalog, now())):
        empty.add("compare.page")
    if not catalog.section("curricula", now()):
        empty.update({"teaching.student", "files.unit_zip"})
    if not any(entry.attachments for entry in catalog.all_visible(now())) and not catalog.section("curricula", now()):
        empty.add("files.attachment")
    if not any(entry.extra["teaching"].unit for entry in catalog.section("curricula", now())):
        empty.add("files.unit_zip")
    return empty


def _raise_real_warnings(caught: list[warnings.WarningMessage], empty: set[str]) -> None:
    """Turn every freezer warning into an error, except missing pages of empty sections."""
    for item in caught:
        message = str(item.message)
        if issubclass(item.category, MimetypeMismatchWarning) and _ATOM_FEED in message:
            continue  # feed.xml is Atom (RFC 4287); deploy/nginx.conf serves it with that type too
        if issubclass(item.category, MissingURLGeneratorWarning):
            named = message.split("endpoints ", 1)[1].split(". Did", 1)[0].split(", ")
            if set(named) <= empty:
                continue
        raise RuntimeError(f"freezing failed: {item.category.__name__}: {message}")


def expected_pages(app: Flask) -> int:
    """Pages and static files the build will write, for progress reports."""
    static = sum(1 for p in Path(app.static_folder).rglob("*") if p.is_file()) if app.static_folder else 0
    return sum(1 for _ in _page_urls(app)) + static


def make_freezer(app: Flask, destination: Path, plan: prepare.Plan | None = None) -> Freezer:
    """A Freezer configured against the traps of Flask-Babel + Frozen-Flask, reusing what ``plan`` allows."""
    app.config.update(
        FREEZING=True,
        SHOW_DRAFTS=False,
        FREEZER_DESTINATION=str(destination.resolve()),
        FREEZER_REDIRECT_POLICY="error",
        FREEZER_REMOVE_EXTRA_FILES=False,
        FREEZER_IGNORE_404_NOT_FOUND=False,
        FREEZER_DEFAULT_MIMETYPE="text/html",
        FREEZER_STATIC_IGNORE=["*.map"],
    )
    with app.app_context():
        aliases = frozen_short_targets(app.extensions["portal.catalog"], now())
    freezer = ReusingFreezer(app, plan, aliases)
    freezer.register_generator(lambda: _page_urls(app))
    return freezer


def build_site(app: Flask, out: Path, progress: Progress | None = None) -> BuildReport:
    """Freeze ``app`` into a staging folder and publish it as ``out``; on any error ``out`` is left as it was."""
    started = time.perf_counter()
    out = Path(out).absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    publish.clean_abandoned(out)
    try:
        with prepare.pinned_time(app), publish.staging(out) as folder:
            plan = prepare.plan(app, out)
            pages = _freeze_into(app, folder, out, progress, plan)
            folder.chmod(0o755)  # mkdtemp makes it private; the web server must read it
            release = publish.publish(folder, out, keep=int(app.config.get("BUILD_KEEP", 3)))
            prepare.remember(out, release, plan)
    finally:
        app.config["FREEZING"] = False
        app.extensions.pop("portal.build.previous", None)
    return BuildReport(out, pages, time.perf_counter() - started, plan.reused, tuple(plan.rendered), plan.linked)


def _start_hooks(app: Flask, staging: Path, out: Path) -> Callable[[], object]:
    """Start the post-build hooks (the static search index); call the result once the pages are written.

    The hooks read the catalogue and the search analysis, not the pages, so with a second core they
    run in a forked child while the pages render; otherwise the returned call runs them.
    """
    app.extensions["portal.build.previous"] = out if out.is_dir() else None  # hooks may reuse its files
    if POST_BUILD_HOOKS and fork_allowed():
        return Beside(lambda: _run_hooks(app, staging)).result
    return lambda: _run_hooks(app, staging)


def _run_hooks(app: Flask, staging: Path) -> None:
    for hook in POST_BUILD_HOOKS:
        hook(app, staging)


def _write_pages(app: Flask, freezer: Freezer, progress: Progress | None) -> tuple[int, list]:
    """Freeze every page; the number written and the warnings the freezer gave."""
    pages = 0
    with warnings.catch_warnings(record=True) as caught, prepare.tracing(app):
        warnings.simplefilter("always")
        with app.app_context():
            expected = expected_pages(app)
        for pages, url in enumerate(freezer.freeze_yield(), start=1):
            if progress:
                progress(pages, max(pages, expected), url)
    return pages, caught


def _freeze_into(app: Flask, staging: Path, out: Path, progress: Progress | None, plan: prepare.Plan) -> int:
    """Write every page and run the post-build hooks into ``staging``; returns the pages written."""
    freezer = make_freezer(app, staging, plan)
    hooks_done = _start_hooks(app, staging, out)
    try:
        pages, caught = _write_pages(app, freezer, progress)
    except BaseException:
        with contextlib.suppress(Exception):
            hooks_done()  # the child is waited for before the staging folder goes
        raise
    hooks_done()  # raises the hooks' error, if any
    with app.app_context():
        _raise_real_warnings(caught, _empty_endpoints(app))
    return pages
