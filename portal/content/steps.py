"""Step-by-step navigation: a guide's numbered steps, each resting on a law article, leading to guides.

Written in a guide's front matter under ``steps``::

    steps:
      - title: 申请注册商标
        title_en: Apply to register the mark
        article: 商标法-2019-04-23#art-22     # the library page and article the step rests on
        guide: trademark-registration         # the guide that explains the step (optional)
      - title: 申请集体商标
        join: or                              # an "or" step: an alternative to the step above
        article: 商标法实施条例-2014-04-29#art-4

A step with ``join: and`` or ``join: or`` shares the number of the step above it. The guide that
lists the steps is the journey's page; every guide a step names shows a "本页属于" box with the
journey's steps and the next guide. ``portal check`` checks every ``article`` against the library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..messages import _, suggest
from .errors import Problem

JOINS = ("and", "or")
_KEYS = ("title", "title_en", "text", "text_en", "article", "guide", "join")
_ARTICLE = re.compile(r"^(?P<slug>[^#\s/]+)#(?P<anchor>[A-Za-z0-9-]+)$")


@dataclass(frozen=True)
class Step:
    """One step: its number (shared by and/or steps), the law article it rests on, the guide it leads to."""

    number: int
    join: str | None
    title: str
    title_en: str | None
    text: str | None
    text_en: str | None
    law: str  # slug of the library entry
    anchor: str  # article anchor in it (art-22, item-6 …)
    guide: str | None
    line: int  # of its article
    guide_line: int

    def title_for(self, lang: str) -> str:
        """The step's title in ``lang`` (Chinese when no English is written)."""
        return self.title_en if lang == "en" and self.title_en else self.title

    def text_for(self, lang: str) -> str | None:
        """The step's explanation in ``lang`` (Chinese when no English is written)."""
        return self.text_en if lang == "en" and self.text_en else self.text


def _step_problem(index: int, step: Any) -> tuple[str | None, str | None]:
    """(key, message) for the first problem of step ``index`` (key None: the step itself), or (None, None)."""
    if not isinstance(step, dict):
        return None, _("第 %(n)s 步应写成 “- title: …” 加 article: 等几行", n=index + 1)
    for key in step:
        if key not in _KEYS:
            hint = suggest(str(key), _KEYS) or _("可用的键：%(known)s", known=", ".join(_KEYS))
            return str(key), _("第 %(n)s 步没有键 “%(key)s”。%(hint)s", n=index + 1, key=key, hint=hint)
    for key in ("title", "article"):
        if not isinstance(step.get(key), str) or not step[key].strip():
            return None, _("第 %(n)s 步缺少 “%(key)s”：每一步都要有标题和所依据的条文", n=index + 1, key=key)
    for key in ("title_en", "text", "text_en", "guide"):
        if key in step and not isinstance(step[key], str):
            return key, _("第 %(n)s 步的 “%(key)s” 应为一行文字", n=index + 1, key=key)
    if not _ARTICLE.match(step["article"].strip()):
        return "article", _(
            "第 %(n)s 步的 article “%(value)s” 应写成 “法规库页面名#条文锚点”，例如 商标法-2019-04-23#art-22",
            n=index + 1, value=step["article"],
        )
    join = step.get("join")
    if join is not None and join not in JOINS:
        return "join", _("第 %(n)s 步的 join 只能是 and 或 or，不能是 “%(value)s”", n=index + 1, value=join)
    if join is not None and index == 0:
        return "join", _("第 1 步不能是 and/or 步：and/or 步接在它上面那一步之后")
    return None, None


def steps_problems(value: Any, key_lines: dict[str, int], path: Path) -> list[Problem]:
    """Problems of a ``steps`` list, each on the line of the step (or key) at fault."""
    line = key_lines.get("steps", 1)
    if not isinstance(value, list) or not value:
        return [Problem(path, line, _("“steps” 应为步骤列表，每一步以 “- title: …” 开头"))]
    problems = []
    for index, step in enumerate(value):
        key, message = _step_problem(index, step)
        if message:
            where = key_lines.get(f"steps[{index}].{key}") if key else None
            problems.append(Problem(path, where or key_lines.get(f"steps[{index}]", line), message))
    return problems


def read_steps(value: Any, key_lines: dict[str, int]) -> tuple[Step, ...]:
    """Validated ``steps`` as Step objects, numbered (and/or steps keep the number above them)."""
    if not isinstance(value, list):
        return ()
    steps, number = [], 0
    for index, raw in enumerate(value):
        join = raw.get("join")
        number += 0 if join else 1
        match = _ARTICLE.match(raw["article"].strip())

        def text(key: str, raw: dict = raw) -> str | None:
            return str(raw[key]).strip() if str(raw.get(key) or "").strip() else None

        steps.append(
            Step(
                number=number,
                join=join,
                title=raw["title"].strip(),
                title_en=text("title_en"),
                text=text("text"),
                text_en=text("text_en"),
                law=match.group("slug"),
                anchor=match.group("anchor"),
                guide=text("guide"),
                line=key_lines.get(f"steps[{index}].article") or key_lines.get(f"steps[{index}]", 1),
                guide_line=key_lines.get(f"steps[{index}].guide") or key_lines.get(f"steps[{index}]", 1),
            )
        )
    return tuple(steps)


def step_groups(steps: tuple[Step, ...]) -> list[list[Step]]:
    """Steps grouped by number: a numbered step followed by its and/or steps."""
    groups: list[list[Step]] = []
    for step in steps:
        if step.join and groups:
            groups[-1].append(step)
        else:
            groups.append([step])
    return groups
