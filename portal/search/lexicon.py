"""The dictionary behind the analysis: jieba's word list plus ``userdict.txt``, folded.

Indexing cuts every Chinese run with it (rjieba, jieba's algorithm in Rust: about 6× faster
than jieba here, and silent on import).  Queries are segmented with the smaller
:class:`~.analysis.Lexicon` of words that actually occur in the indexed texts, which is
stored with each index so the live search and the browser search cut a query the same way.
"""

from __future__ import annotations

import importlib.util
import math
import re
import threading
from functools import lru_cache
from pathlib import Path

from .analysis import CJK_CLASS, Lexicon, fold_text

USERDICT = Path(__file__).with_name("userdict.txt")
USER_DEFAULT_FREQ = 2000
_LOCK = threading.Lock()
_CHINESE = re.compile(f"[{CJK_CLASS}]+")


def _jieba_dict() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise RuntimeError("jieba is not installed: its dictionary is needed to build the search index")
    return Path(spec.origin).parent / "dict.txt"


def _entries(text: str, default: int | None) -> list[tuple[str, int]]:
    out = []
    for line in text.splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else default
        if freq:
            out.append((parts[0], freq))
    return out


def _folded(entries: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Fold many words at once (one translation of the joined words), keeping Chinese-only ones."""
    words = fold_text("|".join(w for w, _ in entries)).split("|")
    return [(w, f) for w, (_, f) in zip(words, entries, strict=True) if _CHINESE.fullmatch(w)]


@lru_cache(maxsize=1)
def dictionary() -> dict[str, int]:
    """Folded Chinese words of jieba's dictionary and the user dictionary, with frequencies."""
    freqs: dict[str, int] = {}
    for word, freq in _folded(_entries(_jieba_dict().read_text(encoding="utf-8"), None)):
        freqs[word] = freqs.get(word, 0) + freq
    for word, freq in _folded(_entries(USERDICT.read_text(encoding="utf-8"), USER_DEFAULT_FREQ)):
        freqs[word] = max(freqs.get(word, 0), freq)
    return freqs


_SEGMENTER = None


def segmenter():
    """An rjieba segmenter over :func:`dictionary` (built once per process)."""
    global _SEGMENTER
    with _LOCK:
        if _SEGMENTER is None:
            import rjieba

            seg = rjieba.Jieba.empty()
            for word, freq in dictionary().items():
                if len(word) > 1:
                    seg.add_word(word, freq, None)
            _SEGMENTER = seg
    return _SEGMENTER


def build_lexicon(words: set[str], chars: set[str]) -> Lexicon:
    """The query dictionary: words found in the texts and their characters, with integer log weights."""
    freqs = dictionary()
    log_total = math.log(sum(freqs.values()))

    def weight(freq: int) -> int:
        return round(1000 * (math.log(freq) - log_total))

    found = {w: weight(freqs[w]) for w in sorted(words) if w in freqs}
    singles = {c: weight(freqs[c]) for c in sorted(chars) if c in freqs}
    return Lexicon(found, singles, weight(1), max((len(w) for w in found), default=2))
