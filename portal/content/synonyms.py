"""Everyday words → the law's words: the search synonyms staff keep in ``search/synonyms.yaml``.

Each content folder may hold ``search/synonyms.yaml``, a mapping from a word citizens type to
the words the law texts use for it::

    盗版: [侵犯著作权, 复制发行]
    山寨: [假冒, 混淆]

A query containing a word on the left is also searched with each word on the right in its
place; results with the typed words rank first (``portal/search/analysis.py``).  The table is
read with the catalogue, checked by ``portal check`` (file:line) and shipped to the frozen
search in the static index's manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..messages import _
from .errors import Problem
from .lined_yaml import Lined, LineLoader, syntax_problem

FOLDER = "search"
FILE_NAMES = ("synonyms.yaml", "synonyms.yml")
MAX_WORD_CHARS = 20
MAX_MEANINGS = 6


@dataclass(frozen=True)
class Synonym:
    """One everyday word and the law's words searched in its place, with where it is written."""

    word: str
    means: tuple[str, ...]
    path: Path
    line: int


def _word_problem(word: object) -> str | None:
    if not isinstance(word, str) or not word.strip():
        return "empty"
    if len(word) > MAX_WORD_CHARS:
        return "long"
    if any(ch in word for ch in '"“”'):
        return "quote"
    return None


def _entry(path: Path, line: int, word: object, means: object) -> tuple[Synonym | None, list[Problem]]:
    if _word_problem(word):
        return None, [Problem(path, line, _("同义词表的词语应为不超过 %(n)s 个字、不含引号的文字", n=MAX_WORD_CHARS))]
    values = [means] if isinstance(means, str) else means
    if not isinstance(values, list) or not values:
        return None, [Problem(path, line, _("“%(word)s” 后面应列出法律用语，例如：%(word)s: [侵犯著作权, 复制发行]",
                                            word=word))]
    if len(values) > MAX_MEANINGS:
        return None, [Problem(path, line, _("“%(word)s” 最多列出 %(n)s 个法律用语", word=word, n=MAX_MEANINGS))]
    bad = [v for v in values if _word_problem(v)]
    if bad:
        return None, [Problem(path, line, _("同义词表的词语应为不超过 %(n)s 个字、不含引号的文字", n=MAX_WORD_CHARS))]
    kept = tuple(dict.fromkeys(v.strip() for v in values if v.strip() != word.strip()))
    if not kept:
        return None, [Problem(path, line, _("“%(word)s” 只列出了它自己：请写出不同的法律用语", word=word))]
    return Synonym(word.strip(), kept, path, line), []


def _read_file(path: Path) -> tuple[list[Synonym], list[Problem]]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader)
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(path, 1, _("无法读取同义词表：%(reason)s", reason=str(exc)))]
    except yaml.YAMLError as exc:
        return [], [syntax_problem(path, exc)]
    if data is None:
        return [], []
    if not isinstance(data, Lined):
        return [], [Problem(path, 1, _("同义词表应是 “日常用语: [法律用语, …]” 的列表，每行一个词"))]
    found, problems = [], []
    for word, means in data.items():
        synonym, wrong = _entry(path, data.lines.get(str(word), data.line), word, means)
        found += [synonym] if synonym else []
        problems += wrong
    return found, problems


def read_synonyms(folders: list[Path]) -> tuple[tuple[Synonym, ...], list[Problem]]:
    """The synonyms of every content folder (the first folder wins a word listed twice), and the problems."""
    chosen: dict[str, Synonym] = {}
    problems: list[Problem] = []
    for root in folders:
        for name in FILE_NAMES:
            path = Path(root) / FOLDER / name
            if not path.is_file():
                continue
            found, wrong = _read_file(path)
            problems += wrong
            for synonym in found:
                if synonym.word in chosen:
                    first = chosen[synonym.word]
                    problems.append(Problem(path, synonym.line, _(
                        "“%(word)s” 已在 %(other)s:%(line)s 列出：每个词只写一次", word=synonym.word,
                        other=str(first.path), line=first.line), "warning"))
                    continue
                chosen[synonym.word] = synonym
    return tuple(chosen.values()), problems


def synonym_table(synonyms: tuple[Synonym, ...]) -> dict[str, tuple[str, ...]]:
    """Word → the law's words, as the search uses them (not yet folded)."""
    return {s.word: s.means for s in synonyms}
