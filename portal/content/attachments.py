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
        return "'attachments' must be a list of items, each with 'file:' (and optionally 'title:')"
    for item in value:
        unknown = sorted(set(map(str, item)) - set(KEYS))
        if unknown:
            return f"'attachments' item has unknown key '{unknown[0]}' (allowed: file, title)"
        if not isinstance(item.get("file"), str) or not item["file"].strip():
            return "'attachments' item needs 'file:', the file's path next to this Markdown file"
        if "title" in item and not isinstance(item["title"], (str, int, float)):
            return "'attachments' item 'title' must be text"
    return None


def _one(item: dict, base: Path) -> Attachment | str:
    relative = PurePosixPath(item["file"].strip().replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        return f"attachment '{relative}' must be a path inside the folder of this file (no '..', not absolute)"
    kind = KINDS.get(relative.suffix.lower())
    if kind is None:
        return f"attachment '{relative}': files of type '{relative.suffix or '(none)'}' are not offered for " \
               f"download (allowed: {', '.join(sorted(KINDS))})"
    path = base.joinpath(*relative.parts).absolute()
    if not path.resolve().is_relative_to(base.resolve()):
        return f"attachment '{relative}' leads outside the folder of this file (a symbolic link to " \
               f"{path.resolve()}); copy the file here instead"
    try:
        size = path.stat().st_size if path.is_file() else -1
    except OSError:
        size = -1
    if size < 0:
        return f"attachment '{relative}' not found (looked for {path})"
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
            problems.append(Problem(md_path, line, f"two attachments are named '{result.name}'; rename one"))
        else:
            found.append(result)
    return tuple(found), problems
