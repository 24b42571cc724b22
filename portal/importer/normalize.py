"""NFKC-insensitive matching that still hands back the original characters.

Received documents mix full-width and ASCII punctuation (（一） and (三), ：and :),
indent with U+3000 and write dates in Arabic or Chinese numerals. Matching is done on
a *folded* copy (NFKC, every kind of whitespace a plain space) that remembers where each
folded character came from, so a match can be cut out of the original text unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from portal.content.legal import chinese_number

CN_DIGITS = "〇零一二三四五六七八九"
CN_NUMERAL = "[一二三四五六七八九十百]+"
_DATE_RE = re.compile(
    rf"^(\d{{4}}|[{CN_DIGITS}]{{4}})年(\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月(\d{{1,2}}|[一二三四五六七八九十]{{1,3}})日$"
)


@dataclass(frozen=True)
class Folded:
    """A folded copy of ``source``; ``origin[i]`` is where folded character ``i`` starts in ``source``."""

    source: str
    text: str
    origin: tuple[int, ...]

    def original(self, start: int, end: int | None = None) -> str:
        """The original characters behind folded characters ``start:end``."""
        end = len(self.text) if end is None else end
        return self.source[self.origin[start] : self.origin[end]]


def fold(source: str) -> Folded:
    """Fold ``source`` character by character: NFKC, and any whitespace (U+3000 too) becomes a space."""
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(source):
        folded = " " if char.isspace() else unicodedata.normalize("NFKC", char)
        parts.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(source))
    return Folded(source, "".join(parts), tuple(origin))


def compact(text: str) -> str:
    """The folded text without any whitespace: the key two spellings of one value share."""
    return re.sub(r"\s+", "", fold(text).text)


def _cn_int(text: str) -> int:
    return int(text) if text.isdigit() else chinese_number(text)


def _digit(char: str) -> str:
    return "0" if char in "〇零" else str("一二三四五六七八九".index(char) + 1)


def parse_cn_date(text: str) -> dt.date | None:
    """A whole-line date such as 2022年2月7日 or 二〇二二年二月七日; None if ``text`` is not one."""
    match = _DATE_RE.match(compact(text))
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return dt.date(_year(year), _cn_int(month), _cn_int(day))
    except ValueError:
        return None


def looks_like_date(text: str) -> bool:
    """Whether ``text`` has the shape of a date line, valid or not (e.g. 2022年2月30日)."""
    return bool(_DATE_RE.match(compact(text)))


def _year(text: str) -> int:
    return int(text) if text.isdigit() else int("".join(_digit(c) for c in text))
