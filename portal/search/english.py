"""English in the one analysis: light suffix folding of letter tokens, and English question words.

``stem`` folds plurals and common suffixes so that patents/patent, registered/register and
licensing/license meet in the index; ``static/js/search/`` applies the same rules (exported in
the manifest) and tests/test_search_parity.py compares the two.  Only ASCII letter tokens are
folded; tokens with digits (WIPO2016) and other scripts are left as they are.
"""

from __future__ import annotations

import re

# (suffix, replacement, shortest stem kept): the first rule that applies is used, then a final "e" goes.
STEM_RULES: tuple[tuple[str, str, int], ...] = (
    ("sses", "ss", 2), ("ies", "y", 2), ("xes", "x", 2), ("ches", "ch", 2), ("shes", "sh", 2),
    ("ing", "", 3), ("ed", "", 3), ("s", "", 3),
)
KEEP_ENDINGS = ("ss", "us", "is")
# Words around an English question (how do I register a trademark): removed from a query outside
# quotes, unless nothing else is left.  Exported to the browser search in the manifest.
QUESTION_WORDS_EN: tuple[str, ...] = (
    "how", "what", "where", "when", "who", "why", "which", "do", "does", "did", "can", "could", "should",
    "would", "will", "i", "me", "my", "we", "our", "you", "your", "to", "a", "an", "the", "of", "for", "in",
    "on", "is", "are", "be", "and", "or", "with", "about", "it", "its", "this", "that", "get", "need", "am",
)
QUESTION_EN_RE = re.compile("(?<![a-z0-9])(?:" + "|".join(QUESTION_WORDS_EN) + ")(?![a-z0-9])")
_ASCII_WORD = re.compile(r"[a-z]+")


def stem(token: str) -> str:
    """The folded form of one lower-case letter token (other tokens unchanged)."""
    if len(token) < 3 or not _ASCII_WORD.fullmatch(token):
        return token
    for suffix, replacement, shortest in STEM_RULES:
        if token.endswith(suffix) and len(token) - len(suffix) >= shortest:
            if suffix == "s" and token.endswith(KEEP_ENDINGS):
                break
            token = token[: -len(suffix)] + replacement
            break
    if token.endswith("e") and len(token) >= 4:
        token = token[:-1]
    return token
