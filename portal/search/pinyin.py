"""Pinyin for the words of titles: zhuanli, zhuanlifa, shangbiao → 专利, 专利法, 商标.

While indexing, every dictionary word (2–6 Chinese characters) found in a document's heading is
counted; :func:`pinyin_table` maps the toneless pinyin of each (pypinyin, ü written v) to the word
most headings hold.  A query's letter token of 4 or more letters that is such a key is searched
again with the word in its place, as a synonym is (``query.py``): ranked below what the letters
themselves find.  The live index keeps the table with its lexicon; the static index shards it by key
(``py/N.json.gz``), downloaded only by a query with such a token.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

MIN_LETTERS = 4
MAX_WORD_CHARS = 6
TOKEN_RE = re.compile(r'("[^"]*")|(?<![a-z0-9])([a-z]{' + str(MIN_LETTERS) + r',40})(?![a-z0-9])')


@lru_cache(maxsize=20000)
def pinyin_key(word: str) -> str:
    """The toneless pinyin of a Chinese word, syllables joined, lower case, ü as v (专利法 → zhuanlifa)."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(word, style=Style.NORMAL, v_to_u=False, errors="ignore")).lower().replace("ü", "v")


def pinyin_table(title_words: Counter) -> dict[str, str]:
    """Pinyin key → the word with that pinyin that most headings hold (then the shorter, then the first)."""
    best: dict[str, tuple[int, int, str]] = {}
    for word, count in title_words.items():
        if not 2 <= len(word) <= MAX_WORD_CHARS:
            continue
        key = pinyin_key(word)
        if len(key) < MIN_LETTERS or not key.isascii() or not key.isalpha():
            continue
        rank = (-count, len(word), word)
        if key not in best or rank < best[key]:
            best[key] = rank
    return {key: rank[2] for key, rank in sorted(best.items())}


def pinyin_tokens(searched: str) -> list[tuple[int, int, str]]:
    """(start, end, letters) of every letter token of 4+ letters outside quotes: pinyin candidates."""
    return [(m.start(2), m.end(2), m.group(2)) for m in TOKEN_RE.finditer(searched) if m.group(2)]
