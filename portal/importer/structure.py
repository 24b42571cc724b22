"""Front and back matter of a received document: title, 文号, 主送, 落款, date, disclosure and 抄送.

Everything recognised here leaves the body; what remains is handed to :mod:`.body`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from portal.content.legal import ARTICLE_RE

from .headings import match_heading
from .normalize import compact, fold, looks_like_date, parse_cn_date

DOC_NUMBER_RE = re.compile(r"^[\u3400-\u9fff]{1,20}[〔\[(【]\d{4}[〕\])】]\d{1,5}号$")
DISCLOSURE_RE = re.compile(r"^\(\s*此件\s*(?P<value>.+?)\s*\)$")
CC_RE = re.compile(r"^抄\s*送\s*:\s*(?P<value>.+?)\s*[。.]?$")
TITLE_MAX_LINES, TITLE_MAX_CHARS, TITLE_LINE_MAX = 4, 120, 60
ISSUER_MAX_LINES, ISSUER_LINE_MAX = 4, 40
_SENTENCE = "。!?;"


@dataclass(frozen=True)
class Line:
    """One non-empty line of the received text: its 1-based line number and stripped text."""

    number: int
    text: str

    @cached_property
    def key(self) -> str:
        """The folded text without whitespace, for matching."""
        return compact(self.text)


@dataclass
class Document:
    """What the text itself states, and the body lines left once that is taken out."""

    title: str | None = None
    doc_number: str | None = None
    addressees: str | None = None
    issuers: list[str] = field(default_factory=list)
    date: dt.date | None = None
    disclosure: str | None = None
    cc: str | None = None
    body: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _plain(line: Line) -> bool:
    """Not a heading, an article, or a date line."""
    return match_heading(line.text) is None and not ARTICLE_RE.match(line.text) and not looks_like_date(line.text)


def _is_title_line(line: Line) -> bool:
    key = line.key
    return (len(key) <= TITLE_LINE_MAX and not any(c in _SENTENCE for c in key) and not key.endswith(":")
            and not DOC_NUMBER_RE.match(key) and _plain(line))


def _is_addressee(line: Line) -> bool:
    return line.key.endswith(":") and len(line.key) <= 200 and "。" not in line.key and _plain(line)


def _is_issuer_line(line: Line) -> bool:
    key = line.key
    return (len(key) <= ISSUER_LINE_MAX and not any(c in _SENTENCE + ",:" for c in key)
            and not key.startswith(("特此", "附件")) and _plain(line))


def _join_title(lines: list[Line]) -> str:
    title = ""
    for line in lines:
        gap = " " if title[-1:].isascii() and title[-1:].isalnum() and line.text[:1].isascii() else ""
        title += gap + line.text
    return title


def parse_document(raw_lines: list[str], known_titles: Iterable[str] = ()) -> Document:
    """Split received lines into the metadata the text states and the body lines.

    ``known_titles`` (e.g. the manifest's title) are also removed when repeated at the top of the body.
    """
    lines = [Line(i + 1, raw.strip()) for i, raw in enumerate(raw_lines) if raw.strip()]
    doc = Document()
    pos, title_lines, masthead, number_after_title = 0, [], None, False
    while pos < len(lines):
        line = lines[pos]
        if DOC_NUMBER_RE.match(line.key) and doc.doc_number is None:
            doc.doc_number = line.text
            if len(title_lines) == 1 and title_lines[0].key.endswith("文件"):
                masthead = title_lines.pop()  # 发文机关标志 such as 重庆市人民政府文件
            number_after_title = bool(title_lines)
        elif _is_addressee(line):
            doc.addressees = re.sub(r"[:：]\s*$", "", line.text)
            pos += 1
            break
        elif (_is_title_line(line) and not number_after_title and len(title_lines) < TITLE_MAX_LINES
              and sum(len(t.key) for t in title_lines) + len(line.key) <= TITLE_MAX_CHARS):
            title_lines.append(line)
        else:
            break
        pos += 1
    doc.title = _join_title(title_lines) or None
    body = lines[pos:]
    consumed: set[int] = set()
    _take_notes(doc, body, consumed)
    _take_signature(doc, body, consumed)
    if masthead is not None:
        organ = re.sub(r"文[\s\u3000]*件$", "", masthead.text).strip()
        if not doc.issuers:
            doc.issuers = [organ]
        elif compact(organ) not in {compact(i) for i in doc.issuers}:
            doc.warnings.append(f"line {masthead.number}: the masthead '{masthead.text}' names an organ not in the "
                                "signature; it was left out")
    titles = {compact(t) for t in [doc.title or "", *known_titles] if t}
    _drop_repeated_title(body, consumed, titles)
    doc.body = [line for i, line in enumerate(body) if i not in consumed]
    return doc


def _take_notes(doc: Document, body: list[Line], consumed: set[int]) -> None:
    """Disclosure notes such as （此件公开发布） and the 抄送 line."""
    for index, line in enumerate(body):
        folded = fold(line.text)
        disclosure = DISCLOSURE_RE.match(folded.text)
        cc = CC_RE.match(folded.text)
        if disclosure and doc.disclosure is None:
            doc.disclosure = folded.original(disclosure.start("value"), disclosure.end("value"))
            consumed.add(index)
        elif cc and doc.cc is None:
            doc.cc = folded.original(cc.start("value"), cc.end("value"))
            consumed.add(index)


def _take_signature(doc: Document, body: list[Line], consumed: set[int]) -> None:
    """The 落款: issuer lines right above a date line (or a date line at the very end)."""
    for index, line in enumerate(body):
        if index in consumed or not looks_like_date(line.text):
            continue
        issuer_rows: list[int] = []
        row = index - 1
        while row >= 0 and row not in consumed and len(issuer_rows) < ISSUER_MAX_LINES and _is_issuer_line(body[row]):
            issuer_rows.insert(0, row)
            row -= 1
        at_end = all(j in consumed for j in range(index + 1, len(body)))
        if not issuer_rows and not at_end:
            continue
        date = parse_cn_date(line.text)
        if date is None:
            doc.warnings.append(f"line {line.number}: '{line.text}' is not a valid date; left in the body")
            return
        doc.date = date
        doc.issuers = _join_issuers([body[r] for r in issuer_rows])
        consumed.update(issuer_rows)
        consumed.add(index)
        return


def _join_issuers(lines: list[Line]) -> list[str]:
    """One issuer per line; a line wholly in brackets (（…代章）) belongs to the line above."""
    issuers: list[str] = []
    for line in lines:
        if issuers and line.key.startswith("(") and line.key.endswith(")"):
            issuers[-1] += line.text
        else:
            issuers.append(line.text)
    return issuers


def _drop_repeated_title(body: list[Line], consumed: set[int], titles: set[str]) -> None:
    """Remove the title where it is repeated at the start of the body (on one or several lines)."""
    for index, line in enumerate(body):
        if match_heading(line.text) is not None or ARTICLE_RE.match(line.text):
            return
        if index in consumed:
            continue
        for count in range(1, TITLE_MAX_LINES + 1):
            rows = [r for r in range(index, min(index + count, len(body))) if r not in consumed]
            if len(rows) == count and "".join(body[r].key for r in rows) in titles:
                consumed.update(rows)
                break
