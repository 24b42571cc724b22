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


def _pattern(names: tuple[str, ...]) -> re.Pattern:
    bare = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or "(?!)"
    selfs = "|".join(SELF_NAMES)
    return re.compile(
        rf"(?P<prev>前条)"
        rf"|(?:{_TITLE}|(?P<self>{selfs})|(?<![《〈])(?P<bare>{bare})|(?<![条款项之本法例则定释》])(?=第))"
        rf"(?:{_ART}{_TAIL})?"
    )


_LIST_GAP = re.compile(r"[、，,]?(?:和|或者|或|及|以及|与)?")
_CACHE: dict[tuple[str, ...], re.Pattern] = {}


def find_citations(text: str, short_names: tuple[str, ...] = (), bare_self: bool = False) -> list[Citation]:
    """Every citation in ``text``.

    ``short_names`` are the names recognised without 《》 (专利法, 商标法实施条例 …); only with an
    article after them. ``bare_self``: a lone 第X条 (no document before it) cites the same document,
    as in the text of a law itself; elsewhere a lone article is ambiguous and is not a citation.
    """
    pattern = _CACHE.get(short_names) or _CACHE.setdefault(short_names, _pattern(short_names))
    found: list[Citation] = []
    for match in pattern.finditer(text):
        if not match.group(0):
            continue
        previous = found[-1] if found else None
        span = (match.start(), match.end(), match.group(0))
        article, to = _article(match)
        if match.group("prev"):
            found.append(Citation(*span, "previous"))
        elif match.group("title"):
            found.append(Citation(*span, match.group("title"), article, to))
        elif article is None:
            continue
        elif match.group("self"):
            found.append(Citation(*span, "self", article, to))
        elif match.group("bare"):
            found.append(Citation(*span, match.group("bare"), article, to))
        else:
            listed = previous and previous.article and _LIST_GAP.fullmatch(text[previous.end : match.start()])
            if listed or bare_self:
                found.append(Citation(*span, previous.document if listed else "self", article, to))
    return found
