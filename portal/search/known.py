"""Known items in a query: a document's title or short title, its 文号, or a citation of one article.

Every document's heading gets special index terms: ``§`` + its title with only letters, digits and
Chinese characters kept (and the title without 中华人民共和国 as its short title), and ``№`` + its
document number in the same form.  A query whose own letters, digits and Chinese characters equal
such a term names that document: ranking puts it first (``engine.known_bonus``).  A query of the form
专利法第十一条 / 专利法第11条 / 专利法11条 / 《商标法》第四十九条第二款 names one article: the search
answers the newest version of that work first, at that article (``citation_of``).  the browser search applies
the same rules from the manifest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .analysis import fold

TITLE_MARK = "§"
NUMBER_MARK = "№"
COUNTRY_PREFIX = "中华人民共和国"
_KEEP = re.compile(r"[^\W_]+")
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
# name (ending in the kind of document), optional 第, the article number, optional 第…款 — the whole query.
CITATION_RE = re.compile(
    r"^《?(?P<name>[\u4e00-\u9fff]{1,40}?(?:法|条例|细则|规定|解释|办法|决定|意见|规则))》?"
    r"第?(?P<article>[0-9]{1,4}|[零〇一二两三四五六七八九十百千]{1,8})条"
    r"(?:第?(?P<clause>[0-9]{1,2}|[一二三四五六七八九十]{1,3})款)?$"
)


def compact(text: str) -> str:
    """Only the letters, digits and Chinese characters of folded ``text`` (spaces and punctuation dropped)."""
    return "".join(_KEEP.findall(fold(text)))


def title_keys(title: str, doc_number: str | None) -> set[str]:
    """The special heading terms of a document: its title, its short title and its number."""
    full = compact(title)
    keys = {TITLE_MARK + full} if full else set()
    short = compact(COUNTRY_PREFIX)
    if full.startswith(short) and len(full) > len(short):
        keys.add(TITLE_MARK + full[len(short):])
    number = compact(doc_number or "")
    if number:
        keys.add(NUMBER_MARK + number)
    return keys


def short_title_length(title: str) -> int:
    """Letters, digits and Chinese characters of the title without 中华人民共和国 (the query's measure)."""
    full, prefix = compact(title), compact(COUNTRY_PREFIX)
    return len(full) - len(prefix) if full.startswith(prefix) and len(full) > len(prefix) else len(full)


def query_keys(folded: str) -> list[str]:
    """The special terms a whole query could be: a title or a document number (empty for a short query)."""
    text = "".join(_KEEP.findall(folded))
    return [TITLE_MARK + text, NUMBER_MARK + text] if len(text) >= 2 else []


def chinese_number(text: str) -> int | None:
    """一百二十三 / 二十 / 十一 / 123 as an integer (None when it is not a number)."""
    if text.isdigit():
        return int(text)
    total = current = 0
    for char in text:
        if char in UNITS:
            total += (current or 1) * UNITS[char]
            current = 0
        elif char in DIGITS:
            current = DIGITS[char]
        else:
            return None
    return total + current or None


@dataclass(frozen=True)
class Citation:
    """A query naming one article: the work's key, the article number and its anchor."""

    name: str
    article: int

    @property
    def key(self) -> str:
        """The heading term of the work's title or short title."""
        return TITLE_MARK + compact(self.name)

    @property
    def anchor(self) -> str:
        """The article's anchor on the document page."""
        return f"art-{self.article}"


def citation_of(folded: str) -> Citation | None:
    """The article a query names (专利法第十一条), or None."""
    match = CITATION_RE.match(folded.replace(" ", ""))
    if not match:
        return None
    number = chinese_number(match.group("article"))
    return Citation(match.group("name"), number) if number else None
