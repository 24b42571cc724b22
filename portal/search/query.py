"""A whole query as both searches read it: its terms, its synonym alternatives and the items it names.

``analyse_query`` = ``analysis.parse_query`` (the terms) + the everyday words of the synonym table
replaced by the law's words, each a separate :class:`~.analysis.Alternative` (at most
``MAX_ALTERNATIVES``) + the special heading terms of ``known.py`` + a citation of one article.
the browser search ports it (``analyseQuery``) and tests/test_search_parity.py compares the two.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .analysis import Alternative, Lexicon, ParsedQuery, fold, parse_query, query_terms
from .known import citation_of, query_keys
from .pinyin import pinyin_tokens

MAX_ALTERNATIVES = 8
Synonyms = dict[str, tuple[str, ...]]


def folded_synonyms(table: dict[str, tuple[str, ...]]) -> Synonyms:
    """The synonym table as queries meet it: words and meanings folded, longest words first."""
    folded: dict[str, tuple[str, ...]] = {}
    for word, means in table.items():
        key = fold(word).strip()
        if key:
            folded.setdefault(key, tuple(dict.fromkeys(fold(m).strip() for m in means if fold(m).strip() != key)))
    return dict(sorted(folded.items(), key=lambda item: (-len(item[0]), item[0])))


def _word_pattern(word: str) -> str:
    escaped = re.escape(word)
    return f"(?<![a-z0-9]){escaped}(?![a-z0-9])" if word.isascii() else escaped


def synonym_pattern(synonyms: Synonyms) -> re.Pattern | None:
    """Quoted parts, or one listed word (the browser search builds the same expression)."""
    if not synonyms:
        return None
    return re.compile('("[^"]*")|(' + "|".join(map(_word_pattern, synonyms)) + ")")


def replacements(searched: str, synonyms: Synonyms, pattern: re.Pattern | None) -> list[tuple[str, str, str]]:
    """(word, meaning, the query text with that word replaced) for each listed word outside quotes."""
    out: list[tuple[str, str, str]] = []
    if pattern is None:
        return out
    for match in pattern.finditer(searched):
        word = match.group(2)
        if word is None:
            continue
        for meaning in synonyms[word]:
            out.append((word, meaning, searched[: match.start()] + " " + meaning + " " + searched[match.end():]))
    return out[:MAX_ALTERNATIVES]


def pinyin_replacements(searched: str, pinyin: Callable[[str], str | None]) -> list[tuple[str, str, str]]:
    """(letters, Chinese word, the query text with the letters replaced) for each pinyin token; with two
    or more, first the query with all of them replaced (zhuanli shenqing → 专利 申请)."""
    found = [(start, end, letters, word) for start, end, letters in pinyin_tokens(searched)
             if (word := pinyin(letters))]
    out = [(letters, word, searched[:start] + " " + word + " " + searched[end:]) for start, end, letters, word in found]
    if len(found) > 1:
        text = searched
        for start, end, _, word in reversed(found):
            text = text[:start] + " " + word + " " + text[end:]
        out.insert(0, (" ".join(f[2] for f in found), " ".join(f[3] for f in found), text))
    return out


def analyse_query(raw: str, lexicon: Lexicon, synonyms: Synonyms | None = None,
                  pattern: re.Pattern | None = None) -> ParsedQuery:
    """The query's terms, alternatives, known-item terms and citation (see the module docstring)."""
    query = parse_query(raw, lexicon)
    if query.error:
        return query
    synonyms = synonyms or {}
    if pattern is None and synonyms:
        pattern = synonym_pattern(synonyms)
    also = []
    found = replacements(query.searched, synonyms, pattern) + pinyin_replacements(query.searched, lexicon.pinyin.get)
    question = query.searched != fold(raw)
    for word, meaning, text in found[:MAX_ALTERNATIVES]:
        terms = query_terms(text, lexicon, question)
        if terms:
            also.append(Alternative(word, meaning, terms))
    citation = citation_of(query.searched)
    return replace(query, also=tuple(also), known=tuple(query_keys(query.searched)),
                   citation=(citation.key, citation.article) if citation else None)
