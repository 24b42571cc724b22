"""The toolkit of a campaign year: slogans, a multiple-choice quiz and key articles, from front matter.

A campaign-year file may carry::

    slogans: [尊重创造，从我做起。, …]
    key_articles: [专利法-2020-10-17#art-2, …]     # library page and article anchor
    quiz:
      - question: 发明专利权保护多少年？
        choices: [十年, 二十年，自申请日起计算, 五十年]
        answer: 2                                 # the right choice, counted from 1
        explain: 二十年，自申请日起计算。
        articles: [专利法-2020-10-17#art-42]

From this text the build typesets posters and handouts (``portal.generate.toolkit``) and the
year's toolkit page offers the quiz as a self-check.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..messages import _
from .catalog import Catalog
from .errors import Problem
from .legal import Article
from .model import Entry

QUIZ_KEYS = ("question", "choices", "answer", "explain", "articles")


@dataclass(frozen=True)
class ArticleRef:
    """A link to one article of a library document: ``slug#anchor`` as written in front matter."""

    slug: str
    anchor: str

    @classmethod
    def parse(cls, text: str) -> ArticleRef:
        slug, _sep, anchor = str(text).strip().partition("#")
        return cls(slug.strip(), anchor.strip())

    def resolve(self, catalog: Catalog) -> tuple[Entry, Article] | None:
        """The library entry and the article named, or None when the library lacks either."""
        entry = catalog.library_entry(self.slug)
        found = next((a for a in entry.articles if a.anchor == self.anchor), None) if entry else None
        return (entry, found) if found else None


@dataclass(frozen=True)
class QuizItem:
    """One question: its choices, the number of the right one (from 1), the explanation and its articles."""

    question: str
    choices: tuple[str, ...]
    answer: int
    explain: str
    articles: tuple[ArticleRef, ...]


@dataclass(frozen=True)
class Toolkit:
    """The team's text for a year's posters, handouts and self-check."""

    slogans: tuple[str, ...]
    quiz: tuple[QuizItem, ...]
    key_articles: tuple[ArticleRef, ...]

    def __bool__(self) -> bool:
        return bool(self.slogans or self.quiz or self.key_articles)


def _refs(value: object) -> tuple[ArticleRef, ...]:
    items = value if isinstance(value, list) else [value] if value else []
    return tuple(ArticleRef.parse(str(v)) for v in items)


def _quiz_item_problem(number: int, item: object) -> str | None:
    """A message naming question ``number`` if it is not a complete quiz item, else None."""
    if not isinstance(item, dict):
        return _("quiz 第 %(n)s 题应写成 question:、choices:、answer:", n=number)
    unknown = sorted(set(map(str, item)) - set(QUIZ_KEYS))
    if unknown:
        return _("quiz 第 %(n)s 题有未知字段 “%(key)s”（可写：%(known)s）", n=number, key=unknown[0],
                 known="、".join(QUIZ_KEYS))
    if not str(item.get("question") or "").strip():
        return _("quiz 第 %(n)s 题缺少 question:（题目）", n=number)
    choices = item.get("choices")
    if not isinstance(choices, list) or len(choices) < 2 or not all(str(c).strip() for c in choices):
        return _("quiz 第 %(n)s 题的 choices: 应列出至少两个选项", n=number)
    answer = item.get("answer")
    if isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= len(choices):
        return _("quiz 第 %(n)s 题的 answer: 应是正确选项的序号（1 到 %(count)s），不能是 “%(value)s”",
                 n=number, count=len(choices), value=answer)
    if not item.get("articles"):
        return _("quiz 第 %(n)s 题缺少 articles:（答案所依据的条，例如 专利法-2020-10-17#art-2）", n=number)
    return None


def toolkit_problems(meta: dict, lines: dict[str, int], path: Path) -> list[Problem]:
    """Problems of the toolkit keys of a campaign-year file, at the line of the key."""
    problems = []
    quiz = meta.get("quiz")
    if quiz is not None:
        if not isinstance(quiz, list):
            message = _("quiz 应是题目列表，每题写 question:、choices:、answer:")
            problems.append(Problem(path, lines.get("quiz", 1), message))
        else:
            for number, item in enumerate(quiz, start=1):
                message = _quiz_item_problem(number, item)
                if message:
                    problems.append(Problem(path, lines.get("quiz", 1), message))
    for key in ("key_articles",):
        for ref in _refs(meta.get(key)):
            if not ref.slug or not ref.anchor.startswith(("art-", "item-")):
                message = _("“%(key)s” 的 “%(ref)s” 应写成 文件名#art-条号，例如 专利法-2020-10-17#art-2",
                            key=key, ref=f"{ref.slug}#{ref.anchor}")
                problems.append(Problem(path, lines.get(key, 1), message))
    return problems


def toolkit_of(meta: dict) -> Toolkit:
    """The typed toolkit of a (valid) campaign-year file; empty when it has none."""
    quiz = tuple(
        QuizItem(
            question=str(item["question"]).strip(),
            choices=tuple(str(c).strip() for c in item["choices"]),
            answer=int(item["answer"]),
            explain=str(item.get("explain") or "").strip(),
            articles=_refs(item.get("articles")),
        )
        for item in meta.get("quiz") or []
    )
    slogans = tuple(str(s).strip() for s in meta.get("slogans") or [] if str(s).strip())
    return Toolkit(slogans, quiz, _refs(meta.get("key_articles")))


def reference_problems(catalog: Catalog) -> list[Problem]:
    """``portal check``: every article a toolkit names must exist in the published library."""
    problems = []
    for entry in catalog.entries.values():
        info = entry.extra.get("campaign")
        if info is None or not info.toolkit:
            continue
        refs = [("key_articles", r) for r in info.toolkit.key_articles]
        refs += [("quiz", r) for item in info.toolkit.quiz for r in item.articles]
        for key, ref in refs:
            if ref.resolve(catalog) is None:
                line = entry.extra["line_of"].get(key, 1)
                message = _("“%(key)s” 所引的 “%(ref)s” 在法规库中找不到（文件名或条号有误，或法规库未发布）",
                            key=key, ref=f"{ref.slug}#{ref.anchor}")
                problems.append(Problem(entry.path, line, message))
    return problems
