"""The English page of a law or policy that has no English text: contents that lead to the Chinese text.

The page keeps its English furniture and metadata and lists every heading and article of the
Chinese text, each linking to the same anchor on the Chinese page. Each item carries the anchor's
id itself, so a link to ``/en/library/<slug>/#art-N`` lands on the item that leads to article N.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .. import urls
from ..content.model import Entry

_ANCHORED = re.compile(r'<([a-z][a-z0-9]*)\b[^>]*?\bid="([^"]+)"[^>]*>')
_TAG = re.compile(r"<[^>]+>")
_HEADING_END = re.compile(r"</h[1-6]>")


@dataclass(frozen=True)
class ContentsItem:
    """One anchor of the Chinese text: a heading or an article, and where it is on the Chinese page."""

    anchor: str
    label: str
    kind: str  # "heading", "article" or "other"
    level: int
    href: str


def chinese_only(entry: Entry, lang: str) -> bool:
    """Whether ``entry``'s page in ``lang`` shows contents instead of a copy of the Chinese text."""
    return lang != "zh" and entry.legal is not None and entry.translation is None


def _heading_text(body: str, start: int) -> str:
    end = _HEADING_END.search(body, start)
    inner = body[start : end.start()] if end else ""
    return html.unescape(_TAG.sub("", inner)).strip()


def contents(entry: Entry) -> list[ContentsItem]:
    """Every anchor of ``entry``'s Chinese text, in document order, linking to the Chinese page."""
    page = urls.entry_path(entry, "zh")
    articles = {a.anchor: a.label for a in entry.articles}
    levels = {t.anchor: t.level for t in entry.toc}
    items: list[ContentsItem] = []
    seen: set[str] = set()
    for match in _ANCHORED.finditer(entry.html):
        tag, anchor = match.group(1), match.group(2)
        if anchor in seen or anchor.endswith("-label"):  # an article's own label (it names its region)
            continue
        seen.add(anchor)
        href = f"{page}#{anchor}"
        if anchor in articles:
            items.append(ContentsItem(anchor, articles[anchor], "article", 0, href))
        elif re.fullmatch(r"h[1-6]", tag):
            level = levels.get(anchor, int(tag[1]) - 1)
            items.append(ContentsItem(anchor, _heading_text(entry.html, match.end()) or anchor, "heading", level, href))
        else:
            items.append(ContentsItem(anchor, anchor, "other", 0, href))
    return items
