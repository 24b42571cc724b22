"""Tables exported with each index so the live search and the browser search fold and match alike."""

from __future__ import annotations

import importlib.metadata
import json
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .analysis import ANALYSIS_VERSION, RUN_RE, fold, fold_char, fold_uncached

LAST_CODE_POINT = 0x323AF
# _beyond_unicode() takes 3 s (every code point through OpenCC): kept in this file, regenerated with
# tables.write_stored_table(); tests/test_search_analysis.py checks it is what the code computes.
STORED_TABLE = Path(__file__).with_name("beyond_unicode.json")


def table_key() -> list:
    """What the stored table was computed with: it is used only when all of it is the same here."""
    try:
        opencc = importlib.metadata.version("opencc-python-reimplemented")
    except importlib.metadata.PackageNotFoundError:
        opencc = "-"
    return [ANALYSIS_VERSION, unicodedata.unidata_version, opencc, LAST_CODE_POINT]


@lru_cache(maxsize=1)
def _beyond_unicode() -> tuple[tuple[str, str], ...]:
    """Characters whose fold differs from plain Unicode NFKC + lower case (what the browser search does by itself)."""
    try:
        stored = json.loads(STORED_TABLE.read_text(encoding="utf-8"))
        if stored["key"] == table_key():
            return tuple((char, folded) for char, folded in stored["table"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return compute_beyond_unicode()


def compute_beyond_unicode() -> tuple[tuple[str, str], ...]:
    """:func:`_beyond_unicode` computed from the folding code, code point by code point."""
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


def write_stored_table() -> None:
    """Write :data:`STORED_TABLE` from the folding code (after a change to it or to OpenCC)."""
    pairs = ",\n".join(json.dumps(list(pair), ensure_ascii=False) for pair in compute_beyond_unicode())
    key = json.dumps(table_key(), ensure_ascii=False)
    STORED_TABLE.write_text(f'{{"key": {key},\n"table": [\n{pairs}\n]}}\n', encoding="utf-8")
