"""Markdown to HTML, always through an allow-list sanitiser."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "time": {"datetime"},
}
# Only classes the site's stylesheet gives a harmless meaning to.
ALLOWED_CLASSES = {
    "div": {"footnote", "notice"},
    "a": {"footnote-ref", "footnote-backref"},
    "sup": {"footnote-ref"},
    "li": set(),
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Ids the page itself gives its elements (templates, article and heading anchors of laws): an id in
# content equal to one, or in one of the families, is prefixed so that the page keeps unique ids and
# its skip link, search form and article links still reach their own targets. tests/test_content_ids.py
# checks that every id in the templates is listed here.
PAGE_IDS = frozenset({
    "about-identity-title", "archive-title", "cited-by-heading", "downloads-heading", "elder", "events-title",
    "featured-title", "figures-heading", "figures-title", "history-heading", "home-search", "library-count",
    "library-empty", "library-heading", "library-list", "main", "meta-heading", "news-heading", "others-title",
    "preview-problems-title", "reports-heading", "search-app", "season-banner-title", "sections-heading",
    "series-heading", "service-facts-title", "site-search", "versions-heading", "articles-heading",
    "articles-title", "curricula-count", "curricula-empty", "curricula-list", "explained-by", "files-title",
    "gallery-title", "quiz-title", "related-title", "show-all", "show-changes", "show-text", "steps-title",
    "summary-heading", "toolkit-title", "unit-heading", "jump-range", "text-heading", "text-downloads-heading",
    "library-pager", "copy-hint",
})
PAGE_ID_FAMILIES = ("art-", "part-", "subpart-", "chapter-", "section-", "item-", "h-", "search-", "filter-",
                    "day-", "ind-", "quiz-", "part-of-")
CONTENT_ID_PREFIX = "c-"
_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>|#\\!&~]|^\s*([-+]|\d+\.)\s|^ {4}", re.M)


@dataclass(frozen=True)
class TocEntry:
    """A heading in a rendered page: depth (1 = top), text and anchor id."""

    level: int
    text: str
    anchor: str


def content_id(value: str) -> str:
    """An id from content, prefixed when the page itself uses it (or its family)."""
    if value in PAGE_IDS or value.startswith(PAGE_ID_FAMILIES):
        return CONTENT_ID_PREFIX + value
    return value


class _UniqueIds:
    """nh3 attribute filter: page ids prefixed, and an id used twice in the fragment numbered
    (headings keep the ids their table of contents links to)."""

    def __init__(self, headings: frozenset[str]) -> None:
        self.headings, self.seen = headings, set()

    def __call__(self, tag: str, name: str, value: str) -> str:
        if name != "id":
            return value
        wanted = final = content_id(value)
        if not (tag in _HEADINGS and wanted in self.headings and wanted not in self.seen):
            n = 1
            while final in self.seen or final in self.headings:
                n += 1
                final = f"{wanted}-{n}"
        self.seen.add(final)
        return final


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def sanitize(fragment: str, headings: frozenset[str] = frozenset()) -> str:
    """Return ``fragment`` with everything outside the allow-list removed, and unique ids that never
    take one of the page's own (``headings``: the ids of its table of contents)."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_UniqueIds(headings),
    )


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "footnotes", "toc", "sane_lists", "def_list"],
        extension_configs={"toc": {"slugify": slugify_unicode, "permalink": False}},
        output_format="html",
    )


# Python-Markdown scans ahead from every unmatched '[' or '(' for its partner: quadratic on long runs
# of them. Past this many, they are swapped for noncharacters (which cannot occur in HTML) while the
# parser runs and put back afterwards, so rendering stays linear and the text shows unchanged.
MAX_UNMATCHED_OPENERS = 32
_STAND_INS = {"[": "\ufdd0", "(": "\ufdd1"}
_RESTORE = {ord(v): k for k, v in _STAND_INS.items()}
# Dropped before parsing: the stand-ins, and control characters (ESC, BEL, NUL, DEL...) that HTML forbids.
_DROPPED = dict.fromkeys([*map(ord, _STAND_INS.values()), *(c for c in range(32) if chr(c) not in "\t\n\r"),
                          *range(0x7F, 0xA0)])


def _unmatched(text: str, opener: str, closer: str) -> list[int]:
    stack: list[int] = []
    for match in re.finditer(re.escape(opener) + "|" + re.escape(closer), text):
        if match.group() == opener:
            stack.append(match.start())
        elif stack:
            stack.pop()
    return stack


def _convert(text: str, convert) -> str:
    """``convert(text)`` with unmatched '[' and '(' hidden from the parser when there are many."""
    text = text.translate(_DROPPED)
    positions = _unmatched(text, "[", "]") + _unmatched(text, "(", ")")
    if len(positions) <= MAX_UNMATCHED_OPENERS:
        return convert(text)
    chars = list(text)
    for position in positions:
        chars[position] = _STAND_INS[chars[position]]
    return convert("".join(chars)).translate(_RESTORE)


def render_markdown(text: str) -> tuple[str, tuple[TocEntry, ...]]:
    """Render a Markdown body to sanitised HTML and return it with its headings."""
    md = _markdown()
    body = _convert(text, md.convert)
    toc = tuple(_flatten_toc(md.toc_tokens))  # type: ignore[attr-defined]
    return sanitize(body, frozenset(entry.anchor for entry in toc)), toc


def _flatten_toc(tokens: list[dict]) -> list[TocEntry]:
    entries: list[TocEntry] = []
    for token in tokens:
        entries.append(TocEntry(int(token["level"]), html.unescape(token["name"]), content_id(token["id"])))
        entries.extend(_flatten_toc(token.get("children", [])))
    return entries


def render_block(text: str) -> str:
    """Render one paragraph-sized block; plain text skips the Markdown parser."""
    if not _MARKDOWN_SYNTAX.search(text):
        return "<p>" + html.escape(text.translate(_DROPPED).strip(), quote=False).replace("\n", "<br>") + "</p>"
    return sanitize(_convert(text, lambda t: markdown.markdown(t, extensions=["tables", "sane_lists"])))


def plain_text(fragment: str) -> str:
    """Strip tags from an HTML fragment and unescape entities (for search and summaries)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).strip()
