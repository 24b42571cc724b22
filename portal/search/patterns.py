"""Matching a parsed query against raw text: exact phrases, highlights and snippets.

Texts are matched as written (no folding at query time): each query character becomes the
class of the characters that fold to it, spaces and zero-width characters may sit between
Chinese characters, and letter/digit tokens must not continue into other letters or digits.
the browser search builds the same regular expressions from the same tables.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .analysis import REMOVED, ParsedQuery, Piece, QueryTerm

# phrase_chunks: an unquoted multi-piece run counts (bonus, snippet) in the first 3 chunks of a text only,
# so the browser search never reads more than that of a result for it (quoted runs are looked for everywhere).
SNIPPET = {"window": 110, "lead": 24, "max_spans": 1000, "max_patterns": 32, "phrase_chunks": 3}
GAP = "[\\s" + "".join(f"\\u{ord(c):04x}" for c in REMOVED) + "]*"
ZERO_WIDTH = "[" + "".join(f"\\u{ord(c):04x}" for c in REMOVED) + "]*"
SEP = "[\\W_]"
# A letter/digit token must not continue into these (Latin, Greek, Cyrillic, full-width forms): explicit
# ranges, because a class built from the Chinese ranges costs tens of milliseconds to compile per query.
BOUNDARY = ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF),
            (0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
ALNUM = "[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in BOUNDARY) + "]"
_SPACES = re.compile(r"[ \t\r\n]+")


def _char(char: str, variants: dict[str, str]) -> str:
    alternatives = char + variants.get(char, "")
    escaped = "".join(f"\\U{ord(c):08x}" for c in alternatives)
    return f"[{escaped}]" if len(alternatives) > 1 else escaped


def run_pattern(kind: str, text: str, variants: dict[str, str]) -> str:
    """A run of Chinese characters (gaps allowed) or of letters/digits (zero-width gaps only)."""
    return (GAP if kind == "c" else ZERO_WIDTH).join(_char(c, variants) for c in text)


def runs_pattern(runs: tuple[tuple[str, str], ...], variants: dict[str, str]) -> str:
    """Consecutive runs as written in a text, with letter/digit tokens matched whole."""
    out = []
    for i, (kind, text) in enumerate(runs):
        if i:
            out.append(SEP + ("+" if runs[i - 1][0] == kind else "*"))
        out.append(run_pattern(kind, text, variants))
    if runs[0][0] == "a":  # the look-behind comes after the first character, so scans start at a literal
        first = _char(runs[0][1][0], variants)
        out[0] = first + f"(?<!{ALNUM}[\\s\\S])" + out[0][len(first):]
    if runs[-1][0] == "a":
        out.append(f"(?!{ALNUM})")
    return "".join(out)


def piece_pattern(piece: Piece, variants: dict[str, str]) -> str:
    """Where a piece occurs in a raw text."""
    return runs_pattern((("a" if piece.kind == "L" else "c", piece.text),), variants)


@dataclass(frozen=True)
class QueryPatterns:
    """Compiled expressions of one query: a phrase per multi-piece term, and the highlight."""

    phrases: tuple[tuple[QueryTerm, re.Pattern], ...]
    highlight: re.Pattern | None


def _highlight_sources(query: ParsedQuery, variants: dict[str, str]) -> list[tuple[int, str]]:
    sources = []
    for term in (*query.terms, *(t for a in query.also for t in a.terms)):
        if term.quoted:
            sources.append((len(term.text), runs_pattern(term.runs, variants)))
        else:
            sources.extend((len(p.text), piece_pattern(p, variants)) for p in term.pieces if p.required)
    return sources


def compile_query(query: ParsedQuery, variants: dict[str, str]) -> QueryPatterns:
    """Build the expressions of ``query`` (longest highlight alternatives first)."""
    phrases = tuple((t, re.compile(runs_pattern(t.runs, variants))) for t in query.terms if t.is_phrase)
    sources = sorted(dict.fromkeys(_highlight_sources(query, variants)), key=lambda s: -s[0])[: SNIPPET["max_patterns"]]
    highlight = re.compile("|".join(s for _, s in sources)) if sources else None
    return QueryPatterns(phrases, highlight)


def spans(text: str, pattern: re.Pattern | None) -> list[tuple[int, int]]:
    """Matched stretches of ``text``, touching ones merged."""
    merged: list[tuple[int, int]] = []
    if pattern is None:
        return merged
    for match in pattern.finditer(text):
        if match.end() == match.start():
            continue
        if merged and match.start() <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], match.end()))
        elif len(merged) < SNIPPET["max_spans"]:
            merged.append((match.start(), match.end()))
        else:
            break
    return merged


def best_start(text: str, found: list[tuple[int, int]]) -> int:
    """Start of the snippet window with the most distinct matched words, then the most matched characters."""
    reach = SNIPPET["window"] - SNIPPET["lead"]
    best, best_weight, j, chars = 0, -1, 0, 0
    inside: dict[str, int] = {}
    for i, (start, end) in enumerate(found):
        while j < len(found) and found[j][0] < start + reach:
            word = text[found[j][0] : found[j][1]]
            inside[word] = inside.get(word, 0) + 1
            chars += found[j][1] - found[j][0]
            j += 1
        weight = len(inside) * 1000 + chars
        if weight > best_weight:
            best, best_weight = i, weight
        word = text[start:end]
        inside[word] -= 1
        if not inside[word]:
            del inside[word]
        chars -= end - start
    return found[best][0] if found else 0


def _shown_chunk(chunks: tuple[str, ...], patterns: QueryPatterns) -> int | None:
    for index, text in enumerate(chunks[: SNIPPET["phrase_chunks"]]):
        if phrase_at(text, patterns) is not None:
            return index
    if patterns.highlight is not None:
        for index, text in enumerate(chunks):
            if patterns.highlight.search(text):
                return index
    return None


def excerpt(chunks: tuple[str, ...], patterns: QueryPatterns) -> tuple[int, str, int, bool]:
    """Snippet of the passage to show: (chunk index, HTML, offset in that chunk, whether anything matched).

    The passage is the first chunk holding an exact multi-piece run of the query (among the first
    ``phrase_chunks``), else the first chunk with any match.  the browser search reads a result's chunks one by
    one and shows the same one.
    """
    index = _shown_chunk(chunks, patterns)
    if index is None:
        html_text, focus = snippet(chunks[0] if chunks else "", [])
        return 0, html_text, focus, False
    text = chunks[index]
    html_text, focus = snippet(text, spans(text, patterns.highlight), phrase_at(text, patterns))
    return index, html_text, focus, True


def _escape(text: str) -> str:
    return html.escape(_SPACES.sub(" ", text), quote=False)


def phrase_at(text: str, patterns: QueryPatterns) -> int | None:
    """Where the first multi-piece term of the query occurs as one exact run, if it does."""
    for _, pattern in patterns.phrases:
        match = pattern.search(text)
        if match:
            return match.start()
    return None


def snippet(text: str, found: list[tuple[int, int]], focus: int | None = None) -> tuple[str, int]:
    """HTML excerpt of ``text`` with every matched stretch in <mark>, and the offset it is about.

    The excerpt shows ``focus`` (an exact phrase) when given, else the window with the most matches.
    """
    focus = best_start(text, found) if focus is None else focus
    start = max(0, focus - SNIPPET["lead"]) if found else 0
    end = min(len(text), start + SNIPPET["window"])
    out, position = [], start
    for s, e in found:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(_escape(text[position:s]) + "<mark>" + _escape(text[s:e]) + "</mark>")
        position = e
    out.append(_escape(text[position:end]))
    return ("…" if start > 0 else "") + "".join(out).strip() + ("…" if end < len(text) else ""), focus
