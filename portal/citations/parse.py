"""Find citations such as 《中华人民共和国专利法》第十一条, 专利法第二十二条第三款, 本法第五条, 前条."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.legal import NUMERAL, chinese_number

SELF_NAMES = ("本法", "本条例", "本细则", "本规定", "本解释", "本办法", "本决定", "本意见")
_ART = rf"第(?P<art>{NUMERAL})条(?:之(?P<sub>{NUMERAL}))?(?:第(?:{NUMERAL})款)?(?:第(?:{NUMERAL})项)?"
_TAIL = rf"(?:至第(?P<to>{NUMERAL})条)?"
_TITLE = r"《(?P<title>[^《》]{2,80})》"


@dataclass(frozen=True)
class Citation:
    """One citation found in a text: its span, the document named and the article (None = whole document).

    ``document`` is a title (from 《…》), a short name (专利法), ``"self"`` (本法/本条例 …/bare 第X条)
    or ``"previous"`` (前条). ``article`` is (number, sub) and ``to`` the end of a 第X条至第Y条 range.
    """

    start: int
    end: int
    text: str
    document: str
    article: tuple[int, int | None] | None = None
    to: int | None = None


def _article(match: re.Match) -> tuple[tuple[int, int | None] | None, int | None]:
    if match.group("art") is None:
        return None, None
    sub = match.group("sub")
    to = match.group("to")
    return (chinese_number(match.group("art")), chinese_number(sub) if sub else None), (
        chinese_number(to) if to else None
    )


_PATTERN = re.compile(rf"(?P<prev>前条)|(?:{_TITLE}|(?P<self>{'|'.join(SELF_NAMES)})|(?=第))(?:{_ART}{_TAIL})?")
_NOT_LONE_AFTER = frozenset("条款项之本法例则定释》")  # a 第X条 right after these is not a lone citation
_NOT_NAME_AFTER = frozenset("《〈")
_LIST_GAP = re.compile(r"[、，,]?(?:和|或者|或|及|以及|与)?")


@dataclass(frozen=True)
class _Names:
    """The short names as a set, with their lengths: a name is looked up backwards from 第."""

    source: tuple[str, ...]
    known: frozenset[str]
    longest: int
    shortest: int


_NAMES: dict[int, _Names] = {}


def _names(short_names: tuple[str, ...]) -> _Names:
    cached = _NAMES.get(id(short_names))
    if cached is None or cached.source is not short_names:
        lengths = [len(n) for n in short_names] or [0]
        cached = _Names(short_names, frozenset(short_names), max(lengths), min(lengths) or 1)
        if len(_NAMES) > 32:
            _NAMES.clear()
        _NAMES[id(short_names)] = cached
    return cached


def _name_before(text: str, end: int, floor: int, names: _Names) -> str | None:
    """The longest known name ending at ``end`` and starting at or after ``floor`` (not inside 《…》)."""
    for length in range(min(names.longest, end - floor), names.shortest - 1, -1):
        start = end - length
        if text[start:end] in names.known and (start == 0 or text[start - 1] not in _NOT_NAME_AFTER):
            return text[start:end]
    return None


def find_citations(text: str, short_names: tuple[str, ...] = (), bare_self: bool = False) -> list[Citation]:
    """Every citation in ``text``.

    ``short_names`` are the names recognised without 《》 (专利法, 商标法实施条例 …); only with an
    article after them. ``bare_self``: a lone 第X条 (no document before it) cites the same document,
    as in the text of a law itself; elsewhere a lone article is ambiguous and is not a citation.
    """
    names = _names(short_names)
    found: list[Citation] = []
    floor = 0  # a name starts after the previous match
    for match in _PATTERN.finditer(text):
        start, previous_floor, floor = match.start(), floor, match.end()
        if not match.group(0):
            continue
        previous = found[-1] if found else None
        article, to = _article(match)
        if match.group("prev"):
            found.append(Citation(start, match.end(), match.group(0), "previous"))
        elif match.group("title"):
            found.append(Citation(start, match.end(), match.group(0), match.group("title"), article, to))
        elif article is None:
            continue
        elif match.group("self"):
            found.append(Citation(start, match.end(), match.group(0), "self", article, to))
        elif name := _name_before(text, start, previous_floor, names):
            begin = start - len(name)
            found.append(Citation(begin, match.end(), text[begin : match.end()], name, article, to))
        elif start and text[start - 1] in _NOT_LONE_AFTER:
            continue
        else:
            listed = previous and previous.article and _LIST_GAP.fullmatch(text[previous.end : start])
            if listed or bare_self:
                found.append(
                    Citation(start, match.end(), match.group(0), previous.document if listed else "self", article, to)
                )
    return found
