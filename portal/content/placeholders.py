"""The example text `portal new` writes, which must be replaced before a page is published."""

from __future__ import annotations

from pathlib import Path

from ..messages import _
from .errors import Problem

SUMMARY = "一句话摘要，显示在列表和订阅中"
BODY_TEXT = ("正文从这里开始。", "第一条 ……", "正文……")


def placeholder_problems(meta: dict, key_lines: dict[str, int], body: str, body_line: int, path: Path) -> list[Problem]:
    """Errors for template text left in a file that is not a draft."""
    if meta.get("draft") is True:
        return []
    problems = []
    if str(meta.get("summary", "")).strip() == SUMMARY:
        problems.append(
            Problem(
                path,
                key_lines.get("summary", 1),
                _("摘要还是模板里的示例文字：请写上这篇的一句话摘要，或删掉 summary 这一行"),
            )
        )
    for number, line in enumerate(body.split("\n"), start=body_line):
        if any(sample in line for sample in BODY_TEXT):
            message = _("正文还是模板里的示例文字：请换成正式内容，或保留 draft: true 暂不发布")
            problems.append(Problem(path, number, message))
            break
    return problems
