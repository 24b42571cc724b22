"""Headings of a received document: 一、 （一） 1. （1） 第N章 第N节, and their numbering.

Recognition works on the folded text (so （一） and (一), 1. and １． match alike) and
returns the heading as written in the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.content.legal import chinese_number

from .normalize import CN_NUMERAL, fold

MAX_WHOLE_LINE = 40  # a line that is only a heading is at most this long (after its number)
MAX_LEAD = 30  # "1.意义。正文…": the lead before the first 。 is a heading only up to this length
_END = "。!?"  # sentence ends (folded: ！ → !, ？ → ?)
_PAUSE = ",;:"  # folded ，；：


@dataclass(frozen=True)
class Kind:
    """One kind of heading: its name, Markdown depth and pattern (on folded text)."""

    name: str
    depth: int
    pattern: re.Pattern[str]


KINDS = (
    Kind("chapter", 2, re.compile(rf"^第(?P<num>{CN_NUMERAL})章")),
    Kind("section", 3, re.compile(rf"^第(?P<num>{CN_NUMERAL})节")),
    Kind("part", 2, re.compile(rf"^(?P<num>{CN_NUMERAL})、")),
    Kind("paren", 3, re.compile(rf"^\((?P<num>{CN_NUMERAL})\)")),
    Kind("item", 4, re.compile(r"^(?P<num>\d{1,3})(?P<sep>[.、])(?!\d)")),
    Kind("subitem", 5, re.compile(r"^\((?P<num>\d{1,3})\)")),
)
_BY_NAME = {kind.name: kind for kind in KINDS}
_GLUED = re.compile(
    rf"(?<=[)。])(?:\((?P<paren>{CN_NUMERAL})\)|(?P<part>{CN_NUMERAL})、)(?P<content>[^。!?;,:()]{{2,30}})$"
)


@dataclass(frozen=True)
class Heading:
    """A recognised heading: its kind, number, text as written, and the paragraph text after it."""

    kind: Kind
    number: int
    text: str
    rest: str | None = None

    def markdown(self) -> str:
        """The heading as a Markdown line, e.g. ``## 一、总体要求``."""
        return "#" * self.kind.depth + " " + self.text


def _number(value: str) -> int:
    return int(value) if value.isdigit() else chinese_number(value)


def _heading_text(kind: Kind, folded, marker_end: int, end: int) -> str:
    label = folded.original(0, marker_end).strip()
    content = folded.original(marker_end, end).strip()
    if kind.name == "item" and label.endswith("."):
        return f"{label} {content}"  # "1.意义" → "1. 意义"
    return folded.original(0, end).strip()


def match_heading(text: str) -> Heading | None:
    """The heading that starts ``text`` (a stripped line), or None when it is a plain paragraph.

    A whole short line is a heading (a trailing 。 dropped). A line whose lead-in before
    the first 。 is short and has no commas is split into the heading and the paragraph rest.
    """
    folded = fold(text)
    for kind in KINDS:
        match = kind.pattern.match(folded.text)
        if match:
            break
    else:
        return None
    number = _number(match.group("num"))
    start = match.end()
    trimmed = re.sub(r"[\s。]+$", "", folded.text)
    body = trimmed[start:].strip()
    pauses = _PAUSE if kind.depth >= 4 else ";"
    if body and len(body) <= MAX_WHOLE_LINE and not any(c in _END + pauses for c in body):
        return Heading(kind, number, _heading_text(kind, folded, start, len(trimmed)))
    end = next((i for i in range(start, len(folded.text)) if folded.text[i] in _END), None)
    if end is None:
        return None
    lead = folded.text[start:end].strip()
    rest = folded.original(end + 1).strip()
    if not lead or len(lead) > MAX_LEAD or any(c in _PAUSE for c in lead) or not rest:
        return None
    return Heading(kind, number, _heading_text(kind, folded, start, end), rest)


class Numbering:
    """Tracks the last number of each kind, to spot gaps and run-on headings."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}
        self.restart: set[str] = set()

    def expected(self, kind: Kind, number: int) -> bool:
        """Whether ``number`` continues the numbering of ``kind`` (or restarts it under a new parent)."""
        last = self.last.get(kind.name)
        if last is None:
            return number == 1
        return number == last + 1 or (number == 1 and kind.name in self.restart)

    def describe(self, heading: Heading) -> str:
        """A message explaining why ``heading``'s number is unexpected."""
        last = self.last.get(heading.kind.name)
        if last is None:
            return f"'{heading.text[:24]}' is the first heading of its kind but is numbered {heading.number}"
        return (f"'{heading.text[:24]}' is numbered {heading.number} after {last}: the source skips or repeats "
                "numbers here (text missing or misnumbered?)")

    def see(self, heading: Heading) -> None:
        """Record ``heading``: deeper kinds may restart at 1 after it."""
        self.last[heading.kind.name] = heading.number
        self.restart.discard(heading.kind.name)
        self.restart.update(k.name for k in KINDS if k.depth > heading.kind.depth)


def split_glued(text: str, numbering: Numbering) -> tuple[str, Heading] | None:
    """Split a heading run on at the end of a paragraph ("…(街道))(四)优化…机制").

    Only when the heading's number is the next one expected, so ordinary text is left alone.
    """
    folded = fold(text)
    match = _GLUED.search(folded.text)
    if not match:
        return None
    kind = _BY_NAME["paren" if match.group("paren") else "part"]
    number = _number(match.group("paren") or match.group("part"))
    if not numbering.expected(kind, number):
        return None
    paragraph = folded.original(0, match.start()).strip()
    heading = folded.original(match.start()).strip()
    if not paragraph:
        return None
    return paragraph, Heading(kind, number, heading)
