"""Compare two versions of a work article by article, matching articles by their text, not their number.

Articles are renumbered between versions (an article inserted early shifts every later number),
so the alignment looks at what the articles say:

1. each article's body (its text without the 第N条 label) is normalised (NFKC, no spaces or
   zero-width characters) and reduced to its set of character bigrams;
2. an order-preserving alignment (dynamic programming, like a longest common subsequence weighted
   by similarity) pairs old and new articles whose bigram Dice similarity reaches
   :data:`MATCH_THRESHOLD`, maximising the total similarity;
3. articles left over on both sides are paired when they are very similar (≥ :data:`MOVE_THRESHOLD`):
   an article moved to another chapter, out of order;
4. each pair is classified (unchanged, changed, renumbered, renumbered and changed) and its
   changed characters are marked with :class:`difflib.SequenceMatcher`; the rest are added or
   deleted.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain

from .legal import Article

MATCH_THRESHOLD = 0.35  # bigram Dice similarity for two articles to be one article in two versions
MOVE_THRESHOLD = 0.6  # stricter, for a pair that breaks the order of the others
SHORT_EQUAL = 2  # an unchanged run this short between two changes is shown as part of the change
KINDS = ("unchanged", "changed", "renumbered", "renumbered_changed", "added", "deleted")
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2060\ufeff]+")


@dataclass(frozen=True)
class Segment:
    """A run of an article's text: ``equal`` (in both), ``delete`` (old only) or ``insert`` (new only)."""

    kind: str
    old: str = ""
    new: str = ""


@dataclass(frozen=True)
class Pair:
    """One row of a comparison: an old article, a new article, or both."""

    kind: str  # one of KINDS
    old: Article | None
    new: Article | None
    similarity: float = 0.0
    segments: tuple[Segment, ...] = ()
    moved: bool = False  # matched out of order (moved to another place in the text)

    @property
    def is_change(self) -> bool:
        """Anything but an unchanged article."""
        return self.kind != "unchanged"


@dataclass(frozen=True)
class Comparison:
    """The aligned articles of two versions, in reading order."""

    pairs: tuple[Pair, ...]

    def counts(self) -> dict[str, int]:
        """How many pairs of each kind (every kind present, zero when none)."""
        counts = dict.fromkeys(KINDS, 0)
        for pair in self.pairs:
            counts[pair.kind] += 1
        return counts

    def by_old_label(self, label: str) -> Pair | None:
        """The pair holding the old version's article ``label`` (e.g. 第十条)."""
        return next((p for p in self.pairs if p.old and p.old.label == label), None)

    def by_new_label(self, label: str) -> Pair | None:
        """The pair holding the new version's article ``label``."""
        return next((p for p in self.pairs if p.new and p.new.label == label), None)


def body(article: Article) -> str:
    """The article's text without its label, paragraphs on their own lines, no zero-width characters."""
    text = article.text[len(article.label) :] if article.text.startswith(article.label) else article.text
    lines = (_ZERO_WIDTH.sub("", line).strip() for line in text.strip().split("\n"))
    return "\n".join(line for line in lines if line)


def normalise(text: str) -> str:
    """The text as compared: NFKC (full-width and half-width alike), without any spacing."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def bigrams(text: str) -> frozenset[str]:
    """The character bigrams of normalised text (the single character for a one-character text)."""
    return frozenset(text[i : i + 2] for i in range(max(1, len(text) - 1)))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice similarity of two bigram sets: 1.0 for the same set, 0.0 for nothing shared."""
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


class _Side:
    """The articles of one version with what the alignment needs of each."""

    def __init__(self, articles: tuple[Article, ...]):
        self.articles = articles
        self.bodies = [body(a) for a in articles]
        self.norms = [normalise(b) for b in self.bodies]
        self.grams = [bigrams(n) for n in self.norms]


def _similarities(old: _Side, new: _Side) -> list[dict[int, float]]:
    """For each old article, the new articles at least MATCH_THRESHOLD similar: {new index: score}.

    Shared bigrams are counted through an index of the new version's bigrams (Counter counts in C),
    so the cost follows the bigrams the texts share, not every pair of articles.
    """
    index: dict[str, list[int]] = {}
    for j, grams in enumerate(new.grams):
        for gram in grams:
            index.setdefault(gram, []).append(j)
    sizes = [len(grams) for grams in new.grams]
    empty: list[int] = []
    rows: list[dict[int, float]] = []
    for i, grams in enumerate(old.grams):
        shared = Counter(chain.from_iterable(index.get(gram, empty) for gram in grams))
        size, row = len(grams), {}
        for j, n in shared.items():
            score = 2 * n / (size + sizes[j])
            if score >= MATCH_THRESHOLD:
                row[j] = 1.0 if old.norms[i] == new.norms[j] else score
        rows.append(row)
    return rows


def _align(rows: list[dict[int, float]], m: int) -> list[tuple[int, int]]:
    """The order-preserving matching of old to new indexes with the largest total similarity."""
    n = len(rows)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above, here = rows[i - 1], best[i - 1], best[i]
        for j in range(1, m + 1):
            value = above[j] if above[j] >= here[j - 1] else here[j - 1]
            score = row.get(j - 1)
            if score is not None and above[j - 1] + score > value:
                value = above[j - 1] + score
            here[j] = value
    matches = []
    i, j = n, m
    while i and j:
        score = rows[i - 1].get(j - 1)
        if score is not None and best[i][j] == best[i - 1][j - 1] + score:
            matches.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return matches[::-1]


def _moves(rows: list[dict[int, float]], matched: list[tuple[int, int]]) -> dict[int, int]:
    """Leftover old and new articles that are nearly the same text: {new index: old index}."""
    used_old = {i for i, _ in matched}
    used_new = {j for _, j in matched}
    candidates = sorted(
        ((score, i, j) for i, row in enumerate(rows) if i not in used_old
         for j, score in row.items() if j not in used_new and score >= MOVE_THRESHOLD),
        reverse=True,
    )
    moves: dict[int, int] = {}
    for _, i, j in candidates:
        if i not in used_old and j not in used_new:
            moves[j] = i
            used_old.add(i)
            used_new.add(j)
    return moves


def _runs(old: str, new: str) -> list[list]:
    """Opcodes of a character diff (equal where the NFKC forms agree), short equal runs absorbed."""
    matcher = SequenceMatcher(None, [unicodedata.normalize("NFKC", c) for c in old],
                              [unicodedata.normalize("NFKC", c) for c in new], autojunk=False)
    codes = [list(code) for code in matcher.get_opcodes()]
    for k in range(1, len(codes) - 1):
        tag, i1, i2 = codes[k][:3]
        if tag == "equal" and i2 - i1 <= SHORT_EQUAL and "\n" not in old[i1:i2]:
            if codes[k - 1][0] != "equal" and codes[k + 1][0] != "equal":
                codes[k][0] = "replace"
    merged: list[list] = []
    for code in codes:
        if merged and code[0] != "equal" and merged[-1][0] != "equal":
            merged[-1] = ["replace", merged[-1][1], code[2], merged[-1][3], code[4]]
        else:
            merged.append(code)
    return merged


def diff_segments(old: str, new: str) -> tuple[Segment, ...]:
    """The character-level differences of two texts as equal / delete / insert segments."""
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in _runs(old, new):
        if tag == "equal":
            segments.append(Segment("equal", old[i1:i2], new[j1:j2]))
            continue
        if i2 > i1:
            segments.append(Segment("delete", old=old[i1:i2]))
        if j2 > j1:
            segments.append(Segment("insert", new=new[j1:j2]))
    return tuple(segments)


def _pair(old: _Side, new: _Side, i: int, j: int, score: float, moved: bool = False) -> Pair:
    a, b = old.articles[i], new.articles[j]
    same_text = old.norms[i] == new.norms[j]
    same_label = normalise(a.label) == normalise(b.label)
    kind = ("unchanged" if same_label else "renumbered") if same_text else (
        "changed" if same_label else "renumbered_changed")
    segments = (Segment("equal", old.bodies[i], new.bodies[j]),) if same_text else diff_segments(
        old.bodies[i], new.bodies[j])
    return Pair(kind, a, b, round(score, 3), segments, moved)


def _next_matched(chain: dict[int, int], m: int, n: int) -> list[int]:
    """For each new index, the old index of the next aligned pair after it (``n`` when none follows)."""
    following, upcoming = [n] * m, n
    for j in range(m - 1, -1, -1):
        following[j] = upcoming
        if j in chain:
            upcoming = chain[j]
    return following


def compare_articles(old_articles: tuple[Article, ...], new_articles: tuple[Article, ...]) -> Comparison:
    """Align the articles of an old and a new version and classify every pair (see the module text)."""
    old, new = _Side(tuple(old_articles)), _Side(tuple(new_articles))
    rows = _similarities(old, new)
    matched = _align(rows, len(new.articles))
    moves = _moves(rows, matched)
    moved_old = set(moves.values())
    pairs: list[Pair] = []
    next_old = 0

    def flush_deleted(upto: int) -> None:
        nonlocal next_old
        for i in range(next_old, upto):
            if i not in moved_old:
                pairs.append(Pair("deleted", old.articles[i], None, segments=(Segment("delete", old=old.bodies[i]),)))
        next_old = max(next_old, upto)

    chain = dict((j, i) for i, j in matched)
    following = _next_matched(chain, len(new.articles), len(old.articles))
    for j in range(len(new.articles)):
        if j in chain:
            flush_deleted(chain[j])
            pairs.append(_pair(old, new, chain[j], j, rows[chain[j]][j]))
            next_old = chain[j] + 1
        elif j in moves:
            pairs.append(_pair(old, new, moves[j], j, rows[moves[j]][j], moved=True))
        else:
            flush_deleted(following[j])  # in a stretch of changes, what went comes before what came
            pairs.append(Pair("added", None, new.articles[j], segments=(Segment("insert", new=new.bodies[j]),)))
    flush_deleted(len(old.articles))
    return Comparison(tuple(pairs))


def paragraphs(segments: tuple[Segment, ...], side: str) -> list[list[tuple[str, str]]]:
    """Segments as paragraphs of (kind, text) runs for one ``side``: "old", "new" or "inline" (both)."""
    shown: list[tuple[str, str]] = []
    for seg in segments:
        if seg.kind == "equal":
            shown.append(("equal", seg.old if side == "old" else seg.new))
        elif seg.kind == "delete" and side in ("old", "inline"):
            shown.append(("delete", seg.old))
        elif seg.kind == "insert" and side in ("new", "inline"):
            shown.append(("insert", seg.new))
    result: list[list[tuple[str, str]]] = [[]]
    for kind, text in shown:
        for k, line in enumerate(text.split("\n")):
            if k:
                result.append([])
            if line:
                result[-1].append((kind, line))
    return [p for p in result if p]
