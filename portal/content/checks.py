"""Checks across the whole catalogue: links, anchors, attachments, alt text, duplicate titles."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import urls
from ..settings import LANGUAGES, REPO_ROOT
from .catalog import LIBRARY_SECTIONS, Catalog
from .errors import Problem
from .model import Entry

_LINK = re.compile(r'<(a|img)\b[^>]*?\b(href|src)="([^"]*)"[^>]*>')
_ALT = re.compile(r'\balt="([^"]*)"')
_ID = re.compile(r'\bid="([^"]+)"')
STATIC_DIR = REPO_ROOT / "static"
SITE_FILES = ("/sitemap.xml", "/api/library.json", "/404.html", "/")
SECTION_PAGES = ("news", "guides", "campaigns", "curricula", "pages")


def _known_pages(catalog: Catalog) -> dict[str, Entry | None]:
    """Every page path of the site, mapped to its entry when it has one."""
    pages: dict[str, Entry | None] = {path: None for path in SITE_FILES}
    for lang in LANGUAGES:
        pages[urls.home_path(lang)] = None
        pages[urls.search_path(lang)] = None
        pages[f"/{lang}/feed.xml"] = None
        for section in ("library",) + SECTION_PAGES:
            pages[urls.section_path(lang, section)] = None
            pages[urls.section_path(lang, section) + "feed.xml"] = None
        for entry in catalog.entries.values():
            pages[unquote(urls.entry_path(entry, lang))] = entry
    return pages


_ANCHORS: dict[int, tuple[Entry, frozenset[str]]] = {}


def _anchors(entry: Entry) -> frozenset[str]:
    """The ids of ``entry``'s pages, found once per entry object (a page is linked to many times)."""
    cached = _ANCHORS.get(id(entry))
    if cached is not None and cached[0] is entry:
        return cached[1]
    if len(_ANCHORS) > 50000:
        _ANCHORS.clear()
    found = set(_ID.findall(entry.html))
    if entry.translation:
        found |= set(_ID.findall(entry.translation.html))
    _ANCHORS[id(entry)] = (entry, frozenset(found))
    return _ANCHORS[id(entry)][1]


def line_of(path: Path, needle: str) -> int:
    """First line of ``path`` containing ``needle`` (1 when it cannot be found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for candidate in (needle, unquote(needle), html.unescape(needle)):
        for number, line in enumerate(lines, start=1):
            if candidate and candidate in line:
                return number
    return 1


def _check_target(entry: Entry, target: str, pages: dict[str, Entry | None]) -> str | None:
    """A message if ``target`` (an href or src in ``entry``) leads nowhere, else None."""
    parts = urlsplit(html.unescape(target))
    if parts.scheme or parts.netloc or target.startswith(("mailto:", "tel:")):
        return None
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return (
            None if not fragment or fragment in _anchors(entry) else f"anchor '#{fragment}' does not exist on this page"
        )
    if not path.startswith("/"):
        local = entry.path.parent / path
        return None if local.is_file() else f"attachment '{path}' not found (looked for {local})"
    if path.startswith("/static/"):
        file = STATIC_DIR / path.removeprefix("/static/")
        return None if file.is_file() else f"attachment '{path}' not found in static/"
    if path not in pages:
        return f"broken link: no page at '{path}'"
    linked = pages[path]
    if fragment and linked is not None and fragment not in _anchors(linked):
        label = _article_label(fragment)
        return f"broken link: '{linked.title}' has no {label or 'anchor'} '#{fragment}'"
    return None


def _article_label(anchor: str) -> str | None:
    match = re.fullmatch(r"art-(\d+)(?:-(\d+))?", anchor)
    if not match:
        return None
    return f"article {match.group(1)}" + (f" (之{match.group(2)})" if match.group(2) else "")


def check_links(catalog: Catalog) -> list[Problem]:
    """Broken internal links and anchors, missing attachments and images without alt text."""
    pages = _known_pages(catalog)
    problems = []
    for entry in catalog.entries.values():
        bodies = [entry.html] + ([entry.translation.html] if entry.translation else [])
        for body in bodies:
            for match in _LINK.finditer(body):
                tag, target = match.group(1), match.group(3)
                message = _check_target(entry, target, pages)
                if message:
                    problems.append(Problem(entry.path, line_of(entry.path, target), message))
                alt = _ALT.search(match.group(0))
                if tag == "img" and not (alt and alt.group(1).strip()):
                    problems.append(
                        Problem(entry.path, line_of(entry.path, target), f"image '{target}' has no alt text", "warning")
                    )
    return problems


def check_duplicate_titles(catalog: Catalog) -> list[Problem]:
    """Two entries of one section (the library counts as one) with the same title."""
    by_title: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in catalog.entries.values():
        group = "library" if entry.section in LIBRARY_SECTIONS else entry.section
        by_title[(group, entry.title)].append(entry)
    problems = []
    for (_group, title), entries in by_title.items():
        if len(entries) < 2 or (entries[0].key in catalog.versions):
            continue
        for entry in entries[1:]:
            problems.append(
                Problem(
                    entry.path,
                    entry.extra["line_of"].get("title", 1),
                    f"title '{title}' is also used by {entries[0].path}",
                    "warning",
                )
            )
    return problems


def check_catalog(catalog: Catalog) -> list[Problem]:
    """Every cross-entry check; loading already validated each file on its own."""
    return list(catalog.warnings) + check_links(catalog) + check_duplicate_titles(catalog)
