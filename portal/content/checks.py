"""Checks across the whole catalogue: links, anchors, attachments, alt text, duplicate titles."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import urls
from ..messages import _, suggest
from ..settings import LANGUAGES, REPO_ROOT
from .catalog import LIBRARY_SECTIONS, Catalog
from .errors import Problem
from .indicators import check_indicators
from .model import Entry
from .units import check_units

_LINK = re.compile(r'<(a|img)\b[^>]*?\b(href|src)="([^"]*)"[^>]*>')
_ALT = re.compile(r'\balt="([^"]*)"')
_ID = re.compile(r'\bid="([^"]+)"')
# A link to an anchor of the page itself with no entity, escape, space or control character in it.
_PLAIN_FRAGMENT = re.compile(r"#[^&%\x00-\x20\x7f]*")
STATIC_DIR = REPO_ROOT / "static"
SITE_FILES = ("/sitemap.xml", "/api/library.json", "/api/indicators.json", "/404.html", "/en/404.html", "/")
SECTION_PAGES = ("news", "guides", "campaigns", "curricula", "pages")


def _known_pages(catalog: Catalog) -> dict[str, Entry | None]:
    """Every page path of the site, mapped to its entry when it has one."""
    pages: dict[str, Entry | None] = {path: None for path in SITE_FILES}
    for lang in LANGUAGES:
        pages[urls.home_path(lang)] = None
        pages[urls.search_path(lang)] = None
        pages[f"/{lang}/feed.xml"] = None
        pages[urls.indicators_path(lang)] = None
        pages[urls.indicators_csv_path(lang)] = None
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
    candidates = [c for c in dict.fromkeys((needle, unquote(needle), html.unescape(needle))) if c]
    for decode in (_as_written, html.unescape, _fully_decoded):  # raw HTML may entity-encode the target
        for number, line in enumerate(lines, start=1):
            text = decode(line)
            if any(candidate in text for candidate in candidates):
                return number
    return 1


def _as_written(line: str) -> str:
    return line


def _fully_decoded(line: str) -> str:
    return unquote(html.unescape(line))


def _check_target(
    entry: Entry, target: str, pages: dict[str, Entry | None], hints: dict[str, str] | None = None
) -> str | None:
    """A message if ``target`` (an href or src in ``entry``) leads nowhere, else None.

    ``hints``: the suggestions already made for missing pages (a page is often linked from many files).
    """
    if _PLAIN_FRAGMENT.fullmatch(target):  # a table of contents' #art-1: nothing to unescape or split
        return _missing_own_anchor(entry, target[1:])
    parts = urlsplit(html.unescape(target))
    if parts.scheme or parts.netloc or target.startswith(("mailto:", "tel:")):
        return None
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return _missing_own_anchor(entry, fragment)
    if not path.startswith("/"):
        local = entry.path.parent / path
        return None if local.is_file() else _("找不到附件 “%(file)s”（查找位置：%(local)s）", file=path, local=local)
    if path.startswith("/static/"):
        file = STATIC_DIR / path.removeprefix("/static/")
        return None if file.is_file() else _("static/ 里找不到文件 “%(file)s”", file=path)
    if path not in pages:
        hints = {} if hints is None else hints
        if path not in hints:
            hints[path] = suggest(path, pages)
        return _("链接失效：没有 “%(target)s” 这个页面。%(hint)s", target=path, hint=hints[path])
    linked = pages[path]
    if fragment and linked is not None and fragment not in _anchors(linked):
        return _missing_anchor(linked, fragment)
    return None


def _missing_own_anchor(entry: Entry, fragment: str) -> str | None:
    """The message for a link to ``#fragment`` of the entry's own page, when it has no such anchor."""
    if not fragment or fragment in _anchors(entry):
        return None
    return _("本页没有锚点 “#%(anchor)s”%(hint)s", anchor=fragment, hint=suggest(fragment, _anchors(entry)))


def _missing_anchor(linked: Entry, fragment: str) -> str:
    """The message for a link to an article or anchor that ``linked`` does not have."""
    match = re.fullmatch(r"art-(\d+)(?:-(\d+))?", fragment)
    anchors = _anchors(linked)
    if not match:
        return _(
            "链接失效：《%(title)s》没有锚点 “#%(anchor)s”%(hint)s",
            title=linked.title, anchor=fragment, hint=suggest(fragment, anchors),
        )
    numbers = sorted(int(a.split("-")[1]) for a in anchors if re.fullmatch(r"art-\d+", a))
    last = numbers[-1] if numbers else 0
    return _(
        "链接失效：《%(title)s》没有第 %(number)s 条（#%(anchor)s）；全文共 %(last)s 条，请核对条号%(hint)s",
        title=linked.title, number=match.group(1), anchor=fragment, last=last, hint=suggest(fragment, anchors),
    )


def check_links(catalog: Catalog) -> list[Problem]:
    """Broken internal links and anchors, missing attachments and images without alt text."""
    pages = _known_pages(catalog)
    problems, hints = [], {}
    for entry in catalog.entries.values():
        bodies = [entry.html] + ([entry.translation.html] if entry.translation else [])
        for body in bodies:
            for match in _LINK.finditer(body):
                tag, target = match.group(1), match.group(3)
                message = _check_target(entry, target, pages, hints)
                if message:
                    problems.append(Problem(entry.path, line_of(entry.path, target), message))
                alt = _ALT.search(match.group(0))
                if tag == "img" and not (alt and alt.group(1).strip()):
                    problems.append(
                        Problem(
                            entry.path,
                            line_of(entry.path, target),
                            _("图片 “%(image)s” 没有替代文字：写成 ![图片内容说明](%(image)s)", image=target),
                            "warning",
                        )
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
                    _("标题 “%(title)s” 与 %(other)s 重复", title=title, other=entries[0].path),
                    "warning",
                )
            )
    return problems


def check_reports(catalog: Catalog) -> list[Problem]:
    """Annual reports are named by their year (reports/2025.md)."""
    problems = []
    for entry in catalog.entries.values():
        if entry.section != "reports":
            continue
        if not re.fullmatch(r"\d{4}", entry.slug):
            message = _("年度报告的文件名应是年份（例如 2025.md），而不是 “%(slug)s”", slug=entry.slug)
            problems.append(Problem(entry.path, 1, message))
    return problems


def check_catalog(catalog: Catalog, production: bool = False) -> list[Problem]:
    """Every cross-entry check; loading already validated each file on its own.

    With ``production``, content marked ``sample: true`` is flagged too.
    """
    from ..citations.link import citation_index
    from .journeys import check_steps
    from .toolkit import reference_problems as toolkit_references

    policy_text = {e.slug: e.text for e in catalog.entries.values() if e.section in LIBRARY_SECTIONS}
    return (
        list(catalog.warnings)
        + check_links(catalog)
        + check_duplicate_titles(catalog)
        + check_reports(catalog)
        + check_units(catalog)
        + check_indicators(catalog.indicators, policy_text, production)
        + citation_index(catalog).problems
        + toolkit_references(catalog)
        + check_steps(catalog)
    )


def known_pages(catalog: Catalog) -> dict[str, Entry | None]:
    """Every page path of the site (unquoted), mapped to its entry when it has one."""
    return _known_pages(catalog)


def broken_links(entry: Entry, pages: dict[str, Entry | None], body: str) -> list[tuple[str, str]]:
    """``(href, message)`` for each link or image in ``body`` (a page of ``entry``) that leads nowhere."""
    found = []
    for match in _LINK.finditer(body):
        message = _check_target(entry, match.group(3), pages)
        if message:
            found.append((match.group(3), message))
    return found
