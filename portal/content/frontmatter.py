"""Split a Markdown file into YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem

FENCE = "---"


@dataclass
class Parsed:
    """Front matter values, the line each key stands on, and the body."""

    meta: dict
    key_lines: dict[str, int]
    body: str
    body_line: int
    problems: list[Problem] = field(default_factory=list)


class _PyLoader(yaml.SafeLoader):
    """Safe loader that keeps ISO dates as text so we validate them ourselves."""


class _Loader(getattr(yaml, "CSafeLoader", _PyLoader)):  # libyaml when present: several times faster
    """The same loader on libyaml; its errors are re-read with _PyLoader, which names the exact line."""


# Remove the implicit timestamp resolver: dates are validated by the schema.
_PyLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse(yaml_text: str) -> tuple[yaml.Node | None, object]:
    """The YAML node tree (for key lines) and its value, from one parse."""
    try:
        return _parse_with(yaml_text, _Loader)
    except yaml.YAMLError:
        return _parse_with(yaml_text, _PyLoader)  # the same error, with the line a person would fix


def _parse_with(yaml_text: str, loader_class: type) -> tuple[yaml.Node | None, object]:
    loader = loader_class(yaml_text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else {})
    finally:
        loader.dispose()


def split(text: str, path: Path) -> Parsed:
    """Parse ``text`` (the whole file) into front matter and body.

    Problems (missing fence, bad YAML, a mapping that is not a mapping) are
    returned in ``Parsed.problems`` with 1-based line numbers in the file.
    """
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return Parsed(
            {}, {}, text, 1, [Problem(path, 1, "front matter missing: the file must start with a line '---'")]
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == FENCE), None)
    if end is None:
        return Parsed({}, {}, "", 1, [Problem(path, 1, "front matter not closed: no second line '---'")])
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    try:
        node, meta = _parse(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 2
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return Parsed({}, {}, body, end + 2, [Problem(path, line, f"invalid YAML in front matter: {reason}")])
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return Parsed({}, {}, body, end + 2, [Problem(path, 2, "front matter must be a mapping of 'key: value' lines")])
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    return Parsed(meta, key_lines, body, end + 2)
