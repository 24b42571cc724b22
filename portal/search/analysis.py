"""The one text analysis of the portal's search, for documents and for queries.

Steps, in order: NFKC per character; zero-width and other invisible format characters
removed; every space (U+3000 included) and control character becomes " "; case folding;
traditional → simplified (OpenCC t2s, per character); quotes and brackets folded to one
form each, so 渝府发〔2016〕25号 and 渝府发[2016]25号 read alike.  The folded text is cut
into runs of Chinese characters (spaces between two Chinese characters are layout and
ignored) and runs of letters/digits.  A Chinese run is indexed as single characters,
character bigrams and every dictionary word it contains (jieba's dictionary plus
``userdict.txt``); a letter/digit run is one token.  No stop-word list.

The live index (Whoosh), the static index and, through the tables exported into the
static index, ``static/js/search/`` all use these rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, _count_elements
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import add
from typing import Protocol

from .english import QUESTION_WORDS_EN, stem

ANALYSIS_VERSION = 5
MAX_QUERY_CHARS = 200
CJK_RANGES = ((0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))
REMOVED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
QUOTES = '"“”„‟「」『』〝〞〟'
OPENING = "[〔【〖〘⦅"
CLOSING = "]〕】〗〙⦆"
# Function words: optional inside a longer query, searched for only when the query has nothing else.
STOP_CHARS = "的地得了着和与及或之是在对把被等也都而其于"
# Question and function words people type around their subject (怎么申请专利, 发明专利保护多少年):
# removed from a query outside quotes, where they split it into terms, unless nothing else is left.
# Longest first, so 怎么办 goes before 怎么. Exported to the browser search in the manifest.
QUESTION_WORDS: tuple[str, ...] = tuple(sorted((
    "可不可以", "能不能", "有没有", "要不要", "为什么", "怎么办", "怎么样", "怎么", "如何", "怎样", "什么", "哪些",
    "哪里", "哪个", "是否", "能否", "多少", "多久", "几年", "可以", "需要", "请问", "我的", "我们", "我想", "我要",
    "吗", "呢", "吧", "呀", "啊",
), key=len, reverse=True))
_QUESTION_RE = re.compile('("[^"]*")|(' + "|".join(map(re.escape, QUESTION_WORDS)) + ")"
                          + "|(?<![a-z0-9])(?:" + "|".join(QUESTION_WORDS_EN) + ")(?![a-z0-9])")
CJK_CLASS = "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in CJK_RANGES)
RUN_RE = re.compile(rf"(?P<c>[{CJK_CLASS}](?: *[{CJK_CLASS}])*)|(?P<a>[^\W_{CJK_CLASS}]+)")
TERM_RE = re.compile(r'"([^"]+)"|([^ "]+)')
_ONE, _TWO = 1, 2

# Folded characters, filled by documents and queries alike: bounded, so that queries of ever new
# code points cannot grow a worker's memory (the first characters seen, the documents', stay cached).
FOLD_CACHE_SIZE = 30000
_FOLD: dict[str, str] = {}
_TRANSLATE: dict[int, str] = {}
_SEEN: set[str] = set()


@lru_cache(maxsize=1)
def _opencc():
    from opencc import OpenCC

    return OpenCC("t2s")


def is_cjk(char: str) -> bool:
    """True for a Chinese character (the ranges exported to the browser search)."""
    code = ord(char)
    return any(a <= code <= b for a, b in CJK_RANGES)


def fold_uncached(char: str) -> str:
    """The folded form of one character: empty, one character or (rarely, NFKC) several."""
    out = []
    for part in unicodedata.normalize("NFKC", char).lower():
        category = unicodedata.category(part)
        if part in REMOVED or category == "Cf":
            continue
        if part.isspace() or category in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif part in QUOTES:
            out.append('"')
        elif part in OPENING:
            out.append("(")
        elif part in CLOSING:
            out.append(")")
        elif is_cjk(part):
            out.append(_opencc().convert(part))
        else:
            out.append(part)
    return "".join(out)


def fold_char(char: str) -> str:
    """Cached :func:`fold_uncached` (at most ``FOLD_CACHE_SIZE`` characters are kept)."""
    folded = _FOLD.get(char)
    if folded is None:
        folded = fold_uncached(char)
        if len(_FOLD) < FOLD_CACHE_SIZE:
            _FOLD[char] = folded
    return folded


def fold(text: str) -> str:
    """Fold ``text`` character by character (queries, titles, dictionary words)."""
    return "".join(map(fold_char, text))


def fold_text(text: str) -> str:
    """Fold a long text (a whole document) quickly, through one translation table."""
    for char in set(text).difference(_SEEN):
        folded = fold_char(char)
        if folded != char:
            _TRANSLATE[ord(char)] = folded
        _SEEN.add(char)
    return text.translate(_TRANSLATE)


def runs(folded: str) -> list[tuple[str, str]]:
    """The (kind, text) runs of folded text: kind "c" for Chinese, "a" for letters/digits."""
    return [(m.lastgroup or "a", m.group().replace(" ", "")) for m in RUN_RE.finditer(folded)]


class Segmenter(Protocol):
    """What the indexer needs from jieba: every dictionary word of a Chinese run."""

    def cut_all(self, text: str) -> list[str]: ...


def document_terms(text: str, segmenter: Segmenter) -> tuple[Counter, set[str]]:
    """Index terms of a text with their counts, and the dictionary words (2+ characters) found."""
    counts: Counter = Counter()
    words: set[str] = set()
    for kind, run in runs(fold_text(text)):
        if kind == "a":
            counts[stem(run)] += 1
            continue
        _count_elements(counts, run)  # what Counter.update does, without its checks (a million runs)
        _count_elements(counts, map(add, run, run[1:]))
        cut = segmenter.cut_all(run)
        found = list(compress(cut, map(_ONE.__lt__, map(len, cut))))  # words of 2+ characters
        words.update(found)
        _count_elements(counts, compress(found, map(_TWO.__lt__, map(len, found))))  # 3+: 2s are bigrams
    return counts, words


@dataclass(frozen=True)
class Lexicon:
    """Words found in the indexed texts with jieba-style weights: the query segmenter's dictionary."""

    words: dict[str, int]
    chars: dict[str, int]
    default: int
    max_len: int
    pinyin: dict[str, str] = field(default_factory=dict)  # toneless pinyin → a title word (pinyin.py)

    def to_json(self) -> dict:
        """A JSON-ready form (stored next to the live index)."""
        return {"words": self.words, "chars": self.chars, "default": self.default, "max_len": self.max_len,
                "pinyin": self.pinyin}

    @classmethod
    def from_json(cls, data: dict) -> Lexicon:
        """Inverse of :meth:`to_json`."""
        return cls(data["words"], data["chars"], data["default"], data["max_len"], data.get("pinyin", {}))


def segment(run: str, lexicon: Lexicon) -> list[str]:
    """Cut a Chinese run into words by the most probable route (jieba's algorithm, integer weights)."""
    chars = list(run)
    n = len(chars)
    best: list[tuple[int, int]] = [(0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice = (lexicon.chars.get(chars[i], lexicon.default) + best[i + 1][0], i + 1)
        for j in range(i + 2, min(n, i + lexicon.max_len) + 1):
            weight = lexicon.words.get("".join(chars[i:j]))
            if weight is not None:
                choice = max(choice, (weight + best[j][0], j))
        best[i] = choice
    out, i = [], 0
    while i < n:
        out.append("".join(chars[i : best[i][1]]))
        i = best[i][1]
    return out


@dataclass(frozen=True)
class Piece:
    """One searchable unit of a query: L letters/digits, U one character, B two, W a word, C a chain."""

    text: str
    kind: str
    required: bool = True

    @property
    def keys(self) -> tuple[str, ...]:
        """The index terms a document must contain for this piece."""
        if self.kind == "C":
            chars = list(self.text)
            return tuple(dict.fromkeys(map(add, chars, chars[1:])))
        return (self.text,)


@dataclass(frozen=True)
class QueryTerm:
    """A space-separated word or a quoted phrase of the query."""

    text: str
    quoted: bool
    runs: tuple[tuple[str, str], ...]
    pieces: tuple[Piece, ...]

    @property
    def is_phrase(self) -> bool:
        """Whether the exact run must be checked in the text (ranks higher; required if quoted).

        A single piece other than a chain is already exact in the index, quoted or not.
        """
        single = len(self.pieces) == 1 and self.pieces[0].kind != "C"
        return (self.quoted or len(self.pieces) > 1) and not single


class _Terms:
    """What a query and each of its alternatives give the ranking: pieces and required index terms."""

    terms: tuple[QueryTerm, ...]

    @property
    def pieces(self) -> list[Piece]:
        """Every piece of every term, in order."""
        return [p for t in self.terms for p in t.pieces]

    @property
    def required_keys(self) -> list[str]:
        """Index terms every result contains, in query order, without repeats."""
        return list(dict.fromkeys(k for p in self.pieces if p.required for k in p.keys))


@dataclass(frozen=True)
class ParsedQuery(_Terms):
    """A parsed query: its terms, or why there is nothing to search for."""

    raw: str
    terms: tuple[QueryTerm, ...] = ()
    error: str | None = None
    searched: str = ""  # the folded query without its question words: what synonyms and known items read
    also: tuple[Alternative, ...] = ()  # the query again with a listed everyday word replaced (synonyms)
    known: tuple[str, ...] = ()  # special heading terms the whole query could be (known.py)
    citation: tuple[str, int] | None = None  # (work's heading term, article number) when it names an article

    def to_json(self) -> dict:
        """The analysed query as plain data (compared with the browser search in the tests)."""
        return {
            "error": self.error, "terms": terms_json(self.terms),
            "also": [[a.word, a.meaning, terms_json(a.terms)] for a in self.also],
            "known": list(self.known), "citation": list(self.citation) if self.citation else None,
        }


@dataclass(frozen=True)
class Alternative(_Terms):
    """The query with one everyday word replaced by one of the law's words for it."""

    word: str
    meaning: str
    terms: tuple[QueryTerm, ...]


def terms_json(terms: tuple[QueryTerm, ...]) -> list[dict]:
    """Query terms as plain data."""
    return [
        {"text": t.text, "quoted": t.quoted, "runs": [list(r) for r in t.runs],
         "pieces": [[p.text, p.kind, p.required] for p in t.pieces]}
        for t in terms
    ]


def _chain(chars: list[str]) -> Piece:
    text = "".join(chars)
    return Piece(text, "U" if len(text) == 1 else "B" if len(text) == 2 else "C")


def run_pieces(kind: str, run: str, lexicon: Lexicon) -> list[Piece]:
    """Pieces of one run: a letter/digit token, or the words and chains of a Chinese run."""
    if kind == "a":
        return [Piece(stem(run), "L")]
    pieces: list[Piece] = []
    pending: list[str] = []
    for word in segment(run, lexicon):
        if len(word) == 1 and word not in STOP_CHARS:
            pending.append(word)
            continue
        if pending:
            pieces.append(_chain(pending))
            pending = []
        pieces.append(Piece(word, "U", False) if len(word) == 1 else Piece(word, "B" if len(word) == 2 else "W"))
    if pending:
        pieces.append(_chain(pending))
    return pieces


def split_compound(piece: Piece, lexicon: Lexicon) -> list[Piece]:
    """A word of 4+ characters as two dictionary words (申请专利 → 申请 专利), first split point first;
    the word itself when it has no such split."""
    if piece.kind != "W" or len(piece.text) < 4:
        return [piece]
    for cut in range(2, len(piece.text) - 1):
        head, tail = piece.text[:cut], piece.text[cut:]
        if head in lexicon.words and tail in lexicon.words:
            return [Piece(w, "B" if len(w) == 2 else "W") for w in (head, tail)]
    return [piece]


def _split_term(term: QueryTerm, lexicon: Lexicon) -> list[QueryTerm]:
    """A question's unquoted term as one term per word: its words count, not their order or wording."""
    if term.quoted:
        return [term]
    pieces = [q for p in term.pieces for q in split_compound(p, lexicon)]
    if len(pieces) == 1:
        return [QueryTerm(term.text, False, term.runs, tuple(pieces))]
    return [QueryTerm(p.text, False, (("a" if p.kind == "L" else "c", p.text),), (p,)) for p in pieces]


def query_terms(folded: str, lexicon: Lexicon, question: bool = False) -> tuple[QueryTerm, ...]:
    """The terms of folded query text; all pieces required when none would be.

    In a question (question words were removed), compound words are searched as their parts, so that
    怎么申请专利 finds 专利申请 too: the words asked about count, not the question's wording.
    """
    terms = tuple(_terms(folded, lexicon))
    if question:
        terms = tuple(s for t in terms for s in _split_term(t, lexicon))
    if terms and not any(p.required for t in terms for p in t.pieces):
        terms = tuple(_require_all(t) for t in terms)
    return terms


def _terms(folded: str, lexicon: Lexicon) -> Iterable[QueryTerm]:
    for match in TERM_RE.finditer(folded):
        quoted = match.group(1) is not None
        text = (match.group(1) if quoted else match.group(2)).strip()
        found = tuple(runs(text))
        pieces = tuple(p for kind, run in found for p in run_pieces(kind, run, lexicon))
        if pieces:
            yield QueryTerm(text, quoted, found, pieces)


def _require_all(term: QueryTerm) -> QueryTerm:
    pieces = tuple(Piece(p.text, p.kind, True) for p in term.pieces)
    return QueryTerm(term.text, term.quoted, term.runs, pieces)


def without_question_words(folded: str) -> str:
    """``folded`` with question and function words outside quotes turned into spaces.

    A query made only of such words (怎么办) is kept as it is, so it still finds its words.
    """
    stripped = _QUESTION_RE.sub(lambda m: m.group(1) or " ", folded)
    return stripped if runs(stripped) else folded


def parse_query(raw: str, lexicon: Lexicon) -> ParsedQuery:
    """Analyse a query exactly as documents are analysed; errors: empty, too_long, no_terms."""
    if len(raw) > MAX_QUERY_CHARS:
        return ParsedQuery(raw, error="too_long")
    folded = fold(raw)
    if not folded.strip():
        return ParsedQuery(raw, error="empty")
    searched = without_question_words(folded)
    terms = query_terms(searched, lexicon, searched != folded)
    if not terms:
        return ParsedQuery(raw, error="no_terms")
    return ParsedQuery(raw, terms, searched=searched)
