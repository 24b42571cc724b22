"""Files offered for download with an entry: teaching materials, forms, annexes.

Front matter lists them; each file lies beside the Markdown file (or in a folder under it)::

    attachments:
      - file: materials/专利学习单.docx
        title: 学习单（Word，可打印）
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..messages import _
from .errors import Problem

# Extensions staff may attach, and how the download list names the type.
KINDS = {
    ".pdf": "PDF", ".docx": "Word", ".doc": "Word", ".odt": "OpenDocument",
    ".pptx": "PowerPoint", ".ppt": "PowerPoint", ".odp": "OpenDocument",
    ".xlsx": "Excel", ".xls": "Excel", ".ods": "OpenDocument", ".csv": "CSV", ".txt": "TXT",
    ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".zip": "ZIP", ".mp3": "MP3", ".mp4": "MP4",
}
KEYS = ("file", "title")


@dataclass(frozen=True)
class Attachment:
    """One downloadable file: its link text, the name it is served under, where it is, its type and size."""

    title: str
    name: str
    path: Path
    kind: str
    size: int


def attachments_problem(value: Any) -> str | None:
    """A message if the front-matter value is not a list of {file, title} items, else None."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        return _("attachments 应是列表，每一项写 file:（可再写 title:）")
    for item in value:
        unknown = sorted(set(map(str, item)) - set(KEYS))
        if unknown:
            return _("attachments 的一项有未知字段 “%(key)s”（只能写 file、title）", key=unknown[0])
        if not isinstance(item.get("file"), str) or not item["file"].strip():
            return _("attachments 的一项缺少 file:，请写上与本 Markdown 文件同一文件夹中的文件路径")
        if "title" in item and not isinstance(item["title"], (str, int, float)):
            return _("attachments 的一项 title 应是文字")
    return None


def _one(item: dict, base: Path) -> Attachment | str:
    relative = PurePosixPath(item["file"].strip().replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        return _("附件 “%(file)s” 应在本文件所在的文件夹内（不能用 “..”，不能是绝对路径）", file=str(relative))
    kind = KINDS.get(relative.suffix.lower())
    if kind is None:
        return _("附件 “%(file)s”：不提供 “%(suffix)s” 类型的文件下载（可用：%(allowed)s）", file=str(relative),
                 suffix=relative.suffix or _("（无）"), allowed=", ".join(sorted(KINDS)))
    path = base.joinpath(*relative.parts).absolute()
    if not path.resolve().is_relative_to(base.resolve()):
        return f"attachment '{relative}' leads outside the folder of this file (a symbolic link to " \
               f"{path.resolve()}); copy the file here instead"
    try:
        size = path.stat().st_size if path.is_file() else -1
    except OSError:
        size = -1
    if size < 0:
        return _("找不到附件 “%(file)s”（查找位置：%(local)s）", file=str(relative), local=str(path))
    title = str(item.get("title") or relative.name).strip()
    return Attachment(title, relative.name, path, kind, size)


def read_attachments(value: Any, md_path: Path, line: int) -> tuple[tuple[Attachment, ...], list[Problem]]:
    """The attachments of one content file; a problem (with the key's line) for each unusable one."""
    if value is None:
        return (), []
    found: list[Attachment] = []
    problems: list[Problem] = []
    for item in value:
        result = _one(item, md_path.parent)
        if isinstance(result, str):
            problems.append(Problem(md_path, line, result))
        elif any(a.name == result.name for a in found):
            problems.append(Problem(md_path, line, _("有两个附件都叫 “%(name)s”：请改名其中一个", name=result.name)))
        else:
            found.append(result)
    return tuple(found), problems
