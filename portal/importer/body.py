"""The body of a received document as Markdown blocks: headings and escaped paragraphs."""

from __future__ import annotations

import re

from .headings import Heading, Numbering, match_heading, split_glued
from .structure import Line

_INLINE = re.compile(r"[\\`*_\[\]]")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LIST_START = re.compile(r"^(\d+)([.)])")
_BLOCK_START = re.compile(r"^([#>+\-])")


def escape_paragraph(text: str) -> str:
    """Escape what Markdown would misread in a plain paragraph, keeping every character visible.

    Inline markers (``* _ ` [ ] \\``) are backslash-escaped, ``<`` and entity-like ``&`` become
    entities, and a paragraph starting like a list item, heading, quote or rule is defused
    (``1.`` → ``1\\.``).
    """
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _LIST_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)
    text = _BLOCK_START.sub(lambda m: "\\" + m.group(1), text, count=1)
    return text


def render_body(lines: list[Line]) -> tuple[list[str], list[str]]:
    """Turn body lines into Markdown blocks (one per heading or paragraph) and warnings."""
    blocks: list[str] = []
    warnings: list[str] = []
    numbering = Numbering()

    def add_heading(heading: Heading, line: Line) -> None:
        if not numbering.expected(heading.kind, heading.number):
            warnings.append(f"line {line.number}: {numbering.describe(heading)}")
        numbering.see(heading)
        blocks.append(heading.markdown())

    for line in lines:
        rest: str | None = line.text
        heading = match_heading(line.text)
        if heading is not None:
            add_heading(heading, line)
            rest = heading.rest
        if not rest:
            continue
        glued = split_glued(rest, numbering)
        if glued is not None:
            paragraph, run_on = glued
            blocks.append(escape_paragraph(paragraph))
            warnings.append(f"line {line.number}: heading '{run_on.text}' was run on at the end of a paragraph; "
                            "it was split off as its own heading")
            add_heading(run_on, line)
        else:
            blocks.append(escape_paragraph(rest))
    return blocks, warnings
