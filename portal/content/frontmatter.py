"""Split a Markdown file into YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..messages import _
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
            {}, {}, text, 1, [Problem(path, 1, _("缺少开头的 “---”：第一行必须是 ---，信息写完后再以一行 --- 结束"))]
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == FENCE), None)
    if end is None:
        return Parsed({}, {}, "", 1, [Problem(path, 1, _("信息区没有结束：在最后一个 “键: 值” 行下面加一行 ---"))])
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    colon = _missing_colon(lines[1:end], path)
    if colon is not None:
        return Parsed({}, {}, body, end + 2, [colon])
    try:
        node, meta = _parse(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 2
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return Parsed({}, {}, body, end + 2, [Problem(path, line, _yaml_explanation(reason))])
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return Parsed({}, {}, body, end + 2, [Problem(path, 2, _("信息区应由 “键: 值” 行组成，例如 title: 标题"))])
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
            _item_lines(str(key_node.value), value_node, key_lines)
    return Parsed(meta, key_lines, body, end + 2)


def _item_lines(key: str, node: yaml.Node, key_lines: dict[str, int]) -> None:
    """Lines of the items of a list value (``steps[0]``) and of their keys (``steps[0].article``)."""
    if not isinstance(node, yaml.SequenceNode):
        return
    for index, item in enumerate(node.value):
        key_lines[f"{key}[{index}]"] = item.start_mark.line + 2
        if isinstance(item, yaml.MappingNode):
            for item_key, _item_value in item.value:
                key_lines[f"{key}[{index}].{item_key.value}"] = item_key.start_mark.line + 2


def _missing_colon(lines: list[str], path: Path) -> Problem | None:
    """A top-level front-matter line with no colon (``summary 一句话``), on its own line number."""
    for number, line in enumerate(lines, start=2):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "-")) or line[:1] in (" ", "\t"):
            continue
        if ":" in stripped.split(" #", 1)[0]:
            continue
        if "：" in stripped:
            return Problem(path, number, _("这一行用了中文冒号 “：”：键后面请用英文冒号 “:” 加一个空格"))
        return Problem(path, number, _("这一行缺少冒号：请写成 “键: 值”（英文冒号后加空格），例如 summary: 摘要"))
    return None


def _yaml_explanation(reason: str) -> str:
    """A plain explanation of a YAML error for staff, with the parser's own words kept at the end."""
    if "mapping values are not allowed" in reason:
        return _("值里有冒号：请把整个值用英文引号括起来，例如 title: \"标题：副标题\"（%(reason)s）", reason=reason)
    if "found character '\\t'" in reason or "tab" in reason:
        return _("这一行有 Tab 制表符：请改用空格（%(reason)s）", reason=reason)
    if "quoted" in reason or "found unexpected end of stream" in reason:
        return _("引号没有配对：检查这一行的引号是否成对（%(reason)s）", reason=reason)
    return _("信息区格式有误：检查这一行的 “键: 值” 写法和缩进（%(reason)s）", reason=reason)
