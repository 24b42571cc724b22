"""Messages for staff: written in Chinese, translated through the site's Babel catalogue.

A message is made with :func:`_` (so ``pybabel extract`` and the catalogue test find it): it is
a plain ``str`` in Chinese that remembers its catalogue id and values, so it can be shown in
English later. :func:`report` prints problems the way staff read them: grouped by file, each
once, in line order.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).parent / "translations" / "en" / "LC_MESSAGES" / "messages.po"


class Text(str):
    """A message in Chinese that can be rendered in English with :func:`translate`."""

    msgid: str
    values: dict[str, Any]

    def __new__(cls, msgid: str, values: dict[str, Any]) -> Text:
        text = super().__new__(cls, msgid % values if values else msgid)
        text.msgid, text.values = msgid, values
        return text


def _(msgid: str, **values: Any) -> Text:
    """A staff message: ``msgid`` is Chinese with ``%(name)s`` placeholders filled from ``values``."""
    return Text(msgid, values)


@lru_cache(maxsize=1)
def _english() -> dict[str, str]:
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle)
    return {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string}


def translate(text: Any, lang: str) -> str:
    """``text`` in ``lang`` (``zh`` or ``en``); values that are messages are translated too."""
    if not isinstance(text, Text):
        return str(text)
    if lang != "en":
        return str(text)
    values = {k: translate(v, lang) for k, v in text.values.items()}
    template = _english().get(text.msgid, text.msgid)
    return template % values if values else template


def staff_language(setting: str = "") -> str:
    """``zh`` or ``en``: the STAFF_LANGUAGE setting, else English when LANG says so, else Chinese."""
    chosen = (setting or "").strip().lower()
    if chosen in ("zh", "en"):
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def suggest(word: str, candidates: Iterable[str]) -> Text | str:
    """' Did you mean …?' for the nearest candidate, or an empty string when none is near."""
    near = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=0.6)
    return _("你是不是要写 “%(near)s”？", near=near[0]) if near else ""


SEVERITY = {"error": _("错误"), "warning": _("警告")}


def unique(problems: Iterable) -> list:
    """Each problem once (the same file, line, severity and message), in file and line order."""
    seen: dict[tuple, Any] = {}
    for problem in problems:
        seen.setdefault((str(problem.path), problem.line, problem.severity, str(problem.message)), problem)
    return sorted(seen.values(), key=lambda p: (str(p.path), p.line))


def report(problems: Iterable, lang: str) -> list[str]:
    """Lines for a terminal: a file name, then ``  path:line: severity: message`` for each problem in it."""
    lines: list[str] = []
    current = None
    for problem in unique(problems):
        if str(problem.path) != current:
            current = str(problem.path)
            lines.append(current)
        severity = translate(SEVERITY.get(problem.severity, problem.severity), lang)
        lines.append(f"  {problem.path}:{problem.line}: {severity}: {translate(problem.message, lang)}")
    return lines
