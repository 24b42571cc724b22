"""YAML data files read with the line of every mapping and key, for file:line messages."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..messages import _
from .errors import Problem


class LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping and of every key in it."""


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> dict:
    mapping = Lined(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return mapping


class Lined(dict):
    """A mapping that knows its own line (``line``) and the line of each key (``lines``)."""

    line = 1
    lines: dict[str, int] = {}


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def syntax_problem(path: Path, exc: yaml.YAMLError) -> Problem:
    """A YAML error at the line where the broken construct starts (an unclosed quote or bracket)."""
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    what = " ".join(str(part) for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part)
    message = _(
        "YAML 格式错误（%(what)s）：请检查引号和括号是否成对、每个键后面是否有英文冒号和空格 “: ”",
        what=what or str(exc),
    )
    return Problem(path, mark.line + 1 if mark else 1, message)
