"""Downloads of every law and policy: its text as .pdf and .docx, typeset once per version.

:func:`print_doc` turns an entry into the neutral :class:`~portal.generate.PrintDoc` (title,
metadata, 编/章/节 headings, articles and paragraphs, source and the notice that the official text
prevails) from the same HTML the page shows, so the files say what the page says. The bytes
come from :class:`~portal.generate.cache.GeneratedCache`, keyed by the document's content: a
version is typeset on its first build (or first request) and reused by every later one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html.parser import HTMLParser

from flask import Flask, current_app

from . import urls
from .content.meta_rows import chinese_value, meta_rows
from .content.model import Entry
from .generate import Block, PrintDoc
from .generate.cache import GeneratedCache

DOWNLOAD_FORMATS = ("pdf", "docx")
FORMAT_LABELS = {"pdf": "PDF", "docx": "Word (.docx)"}
OFFICIAL_NOTICE = "本文本仅供参考，以国家机关正式公布的文本为准。"
OFFICIAL_NOTICE_EN = "For reference only: the text officially published by the issuing authority prevails."
_BLOCK_TAGS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "tr", "dt", "dd"}


@dataclass(frozen=True)
class Download:
    """One generated file offered on a page: its format, address and size in bytes."""

    fmt: str
    label: str
    url: str
    size: int


class _Blocks(HTMLParser):
    """Collect the text of a rendered body as print blocks, one per heading, paragraph or item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.tag: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            self.tag = tag
        elif tag == "br":
            self.text.append("\n")
        elif tag in ("td", "th") and self.text:
            self.text.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS and tag == self.tag:
            self._flush()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def _flush(self) -> None:
        text = "".join(self.text).strip()
        if text and self.tag:
            if self.tag.startswith("h"):
                self.blocks.append(Block("heading", text, level=max(1, int(self.tag[1]) - 1)))
            else:
                self.blocks.append(Block("item" if self.tag == "li" else "paragraph", text))
        self.tag, self.text = None, []


def body_blocks(fragment: str) -> tuple[Block, ...]:
    """The headings, paragraphs and items of an HTML fragment, in order, as plain text.

    Heading levels start at 1 with the fragment's top heading (a law's 章 is h3 on its page).
    """
    parser = _Blocks()
    parser.feed(fragment)
    parser.close()
    parser._flush()
    top = min((b.level for b in parser.blocks if b.kind == "heading"), default=1)
    return tuple(replace(b, level=b.level - top + 1) if b.kind == "heading" else b for b in parser.blocks)


def print_doc(entry: Entry) -> PrintDoc:
    """The printable document of a law or policy: what its downloads contain (in Chinese)."""
    rows = meta_rows(entry)
    meta = tuple((row.label, chinese_value(row)) for row in rows if row.known and row.label != "来源")
    unknown = [row.label for row in rows if not row.known and row.label != "来源"]
    if unknown:
        meta += (("未注明", "、".join(unknown)),)
    page = urls.entry_path(entry, "zh")
    site = (current_app.config.get("SITE_URL") or "").rstrip("/")
    notes = (
        f"{OFFICIAL_NOTICE} {OFFICIAL_NOTICE_EN}",
        f"来源：{entry.legal.source}" if entry.legal and entry.legal.source else "来源：未注明",
        f"本站页面：{site}{_readable(page)}",
    )
    return PrintDoc(title=entry.title, lang="zh", meta=meta, blocks=body_blocks(entry.html), notes=notes)


def _readable(path: str) -> str:
    from urllib.parse import unquote

    return unquote(path)


def generated_cache(app: Flask | None = None) -> GeneratedCache:
    """The app's cache of generated files (``GENERATED_CACHE_DIR``), created on first use."""
    app = app or current_app
    cache = app.extensions.get("portal.generated")
    if cache is None:
        cache = app.extensions["portal.generated"] = GeneratedCache(app.config["GENERATED_CACHE_DIR"])
    return cache


def file_bytes(entry: Entry, fmt: str) -> bytes:
    """The bytes of ``entry``'s download in ``fmt``, from the cache or typeset now."""
    return generated_cache().get(print_doc(entry), fmt)


def downloads(entry: Entry) -> list[Download]:
    """The generated files of a law or policy page, with their sizes (typesetting them if needed); none when
    the ``LIBRARY_DOWNLOADS`` setting is off."""
    if not current_app.config["LIBRARY_DOWNLOADS"]:
        return []
    sizes = current_app.extensions.setdefault("portal.generated.sizes", {})
    doc = print_doc(entry)
    found = []
    for fmt in DOWNLOAD_FORMATS:
        key = doc.fingerprint(fmt)
        if key not in sizes:
            sizes[key] = len(generated_cache().get(doc, fmt))
        found.append(Download(fmt, FORMAT_LABELS[fmt], urls.library_file_path(entry, fmt), sizes[key]))
    return found
