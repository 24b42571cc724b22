"""Structure of a legal or policy text: 编/章/节 headings and 第N条 articles."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .render import TocEntry, render_block

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "[零〇一二两三四五六七八九十百千]+"
ARTICLE_RE = re.compile(rf"^第({NUMERAL})条(?:之({NUMERAL}))?[\s\u3000]*")
HEADING_RE = re.compile(rf"^第({NUMERAL})(编|分编|章|节)")
# A numbered item of a policy document (1. … 29.): anchored by its number, #item-24.
ITEM_RE = re.compile(r"^(\d{1,3})[.．、]\s*\S")


def chinese_number(text: str) -> int:
    """Convert a Chinese numeral such as 一百零二 or 十五 into an int."""
    total, digit = 0, 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            total += (digit or 1) * _UNITS[char]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text}")
    return total + digit


@dataclass(frozen=True)
class Article:
    """One article (条): its label as printed, its anchor id, and its plain text."""

    label: str
    number: int
    anchor: str
    text: str


@dataclass(frozen=True)
class LegalBody:
    """A rendered legal text: HTML, table of contents and articles in order."""

    html: str
    toc: tuple[TocEntry, ...]
    articles: tuple[Article, ...]


def article_anchor(number: int, sub: int | None = None) -> str:
    """Stable anchor of article ``number`` (``sub`` for 第N条之M)."""
    return f"art-{number}" if sub is None else f"art-{number}-{sub}"


class _Builder:
    """Collects headings and articles while walking the blocks of a body."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.toc: list[TocEntry] = []
        self.articles: list[Article] = []
        self.counters = {"编": 0, "分编": 0, "章": 0, "节": 0}
        self.generic = 0
        self.open_article: list[str] | None = None
        self.article_meta: tuple[str, int, str] | None = None
        self.anchors: set[str] = set()
        self.last_item = 0

    def unique(self, anchor: str) -> str:
        candidate, n = anchor, 1
        while candidate in self.anchors:
            n += 1
            candidate = f"{anchor}-{n}"
        self.anchors.add(candidate)
        return candidate

    def heading(self, depth: int, text: str) -> None:
        self.close_article()
        match = HEADING_RE.match(text)
        if match:
            kind = match.group(2)
            number = chinese_number(match.group(1))
            prefix = {"编": "part", "分编": "subpart", "章": "chapter", "节": "section"}[kind]
            parent = f"chapter-{self.counters['章']}-" if kind == "节" and self.counters["章"] else ""
            self.counters[kind] = number
            anchor = self.unique(f"{parent}{prefix}-{number}")
        elif item := ITEM_RE.match(text):
            anchor = self.unique(f"item-{int(item.group(1))}")
            self.note_gap(int(item.group(1)))
        else:
            self.generic += 1
            anchor = self.unique(f"h-{self.generic}")
        level = max(1, depth - 1)
        tag = f"h{min(depth + 1, 6)}"
        self.parts.append(f'<{tag} id="{anchor}">{html.escape(text)}</{tag}>')
        self.toc.append(TocEntry(level, text, anchor))

    def note_gap(self, number: int) -> None:
        """Tell the reader where the source's item numbering skips (the text is kept as received)."""
        if self.last_item and number > self.last_item + 1:
            self.parts.append(
                f'<p class="numbering-gap" role="note">原文编号从第{self.last_item}项跳至第{number}项。</p>'
            )
        self.last_item = number

    def article_start(self, block: str, match: re.Match) -> None:
        self.close_article()
        number = chinese_number(match.group(1))
        sub = chinese_number(match.group(2)) if match.group(2) else None
        label = match.group(0).strip()
        anchor = self.unique(article_anchor(number, sub))
        self.article_meta = (label, number, anchor)
        rest = block[match.end() :]
        self.open_article = [rest]

    def paragraph(self, block: str) -> None:
        if self.open_article is not None:
            self.open_article.append(block)
        else:
            self.parts.append(render_block(block))

    def close_article(self) -> None:
        if self.open_article is None or self.article_meta is None:
            return
        label, number, anchor = self.article_meta
        paras = self.open_article
        first = render_block(paras[0]) if paras[0].strip() else "<p></p>"
        link = f'<a class="art-label" id="{anchor}-label" href="#{anchor}">{html.escape(label)}</a> '
        first = first.replace("<p>", "<p>" + link, 1)
        body = first + "".join(render_block(p) for p in paras[1:])
        # Each article is a region named by its label, so screen readers can move article by article.
        self.parts.append(
            f'<div class="article" id="{anchor}" role="region" aria-labelledby="{anchor}-label">{body}</div>'
        )
        text = label + " " + "\n".join(p.strip() for p in paras)
        self.articles.append(Article(label, number, anchor, text.strip()))
        self.open_article = None
        self.article_meta = None


def parse_legal_body(body: str) -> LegalBody:
    """Render a law or policy body, finding headings and articles as it goes."""
    builder = _Builder()
    for block in re.split(r"\n[ \t\u3000]*\n", body.strip("\n")):
        block = block.strip("\n")
        if not block.strip():
            continue
        stripped = block.strip()
        heading = re.match(r"^(#{1,6})\s+(.*)$", stripped.split("\n", 1)[0])
        if heading:
            builder.heading(len(heading.group(1)), heading.group(2).strip())
            stripped = stripped.split("\n", 1)[1].strip() if "\n" in stripped else ""
            if not stripped:
                continue
        match = ARTICLE_RE.match(stripped)
        if match:
            builder.article_start(stripped, match)
        else:
            builder.paragraph(stripped)
    builder.close_article()
    return LegalBody("\n".join(builder.parts), tuple(builder.toc), tuple(builder.articles))
