"""Tables exported with each index so the live search and the browser search fold and match alike."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .analysis import RUN_RE, fold, fold_char, fold_uncached

LAST_CODE_POINT = 0x323AF


@lru_cache(maxsize=1)
def _beyond_unicode() -> tuple[tuple[str, str], ...]:
    """Characters whose fold differs from plain Unicode NFKC + lower case (what the browser search does by itself)."""
    out = []
    for code in range(LAST_CODE_POINT + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        folded = fold_uncached(char)
        if folded != unicodedata.normalize("NFKC", char).lower():
            out.append((char, folded))
    return tuple(out)


def fold_table(raw_chars: Iterable[str]) -> dict[str, str]:
    """Every folding the browser search cannot do with NFKC + toLowerCase alone, plus every text character that folds.

    Entries whose result contains letters or Chinese characters that no text contains are left out:
    a query with them finds nothing either way.
    """
    raw = set(raw_chars)
    present = set(fold("".join(raw)))
    table = {c: fold_char(c) for c in raw if fold_char(c) != c}
    for char, folded in _beyond_unicode():
        tokens = [x for x in folded if RUN_RE.match(x)]
        if all(x in present for x in tokens):
            table[char] = folded
    return dict(sorted(table.items()))


def variants(table: dict[str, str], raw_chars: Iterable[str] | None = None) -> dict[str, str]:
    """For each folded character, the characters that fold to it, for matching raw text.

    Only characters that occur in the texts (``raw_chars``) matter there; fewer alternatives also keep
    the expressions literal where they can be, which the regular-expression engine scans far faster.
    """
    raw = None if raw_chars is None else set(raw_chars)
    out: dict[str, str] = {}
    for char, folded in table.items():
        if len(folded) == 1 and folded != char and (raw is None or char in raw):
            out[folded] = out.get(folded, "") + char
    return out
