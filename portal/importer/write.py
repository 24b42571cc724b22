"""Write the Markdown file: front matter + body, checked by the portal's loader, replaced atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from portal.content.loader import read_entry
from portal.content.schema import Section

from .result import ImportFailed

FRONT_MATTER_ORDER = ("title", "doc_number", "issuer", "level", "region", "date", "published", "effective",
                      "status", "addressees", "cc", "disclosure", "ip_fields", "summary", "source")


def ordered(meta: dict[str, Any]) -> dict[str, Any]:
    """``meta`` with its keys in the order the front matter is written."""
    result = {k: meta[k] for k in FRONT_MATTER_ORDER if k in meta}
    result.update({k: v for k, v in meta.items() if k not in result})
    return result


def render_markdown(meta: dict[str, Any], blocks: list[str]) -> str:
    """The file text: YAML front matter between ``---`` fences, a blank line, then the blocks."""
    front = yaml.safe_dump(ordered(meta), allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return f"---\n{front}---\n\n" + "\n\n".join(blocks) + "\n"


def write_checked(target: Path, text: str, section: Section, *, overwrite: bool, source: Path) -> None:
    """Write ``text`` to ``target`` through a temporary file in the same folder and ``os.replace``.

    The temporary file is read back with the portal's own loader first; on any problem it is
    removed and :class:`ImportFailed` is raised, so ``target`` is either untouched or complete.
    """
    folder = target.parent
    created = [] if folder.is_dir() else [p for p in (folder, *folder.parents) if not p.exists()]
    tmp: Path | None = None
    done = False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{target.stem}.", suffix=".md.tmp")
        tmp = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)  # mkstemp makes it 0600
        _, problems = read_entry(section, tmp)
        if problems:
            details = "; ".join(p.message for p in problems)
            raise ImportFailed(f"{source}: the converted file would not load in the portal: {details}")
        if target.exists() and not overwrite:
            raise ImportFailed(f"{source}: {target} already exists (use --overwrite to replace it)")
        os.replace(tmp, target)
        done = True
    except OSError as exc:
        raise ImportFailed(f"{source}: cannot write {target}: {exc.strerror or exc}") from None
    finally:
        if not done:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
            for path in created:  # folders this call made, deepest first
                try:
                    path.rmdir()
                except OSError:
                    break
