"""The neutral model of a printable document: a title, metadata lines and a run of blocks."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "note", "answer", "pagebreak"]
BLOCK_KINDS: tuple[str, ...] = ("heading", "paragraph", "item", "note", "answer", "pagebreak")
Paper = Literal["a4", "a3"]


@dataclass(frozen=True)
class Block:
    """One block of text. ``level`` is the heading depth (1 = 编/章 or a lesson section)."""

    kind: BlockKind
    text: str = ""
    level: int = 1

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}")


@dataclass(frozen=True)
class PrintDoc:
    """A document to print: everything a generated file shows, and nothing it has to look up.

    ``meta`` are (label, value) rows under the title; ``notes`` are printed after the text
    (source line, page address, licence, "the official text prevails" …).
    """

    title: str
    lang: str = "zh"
    subtitle: str = ""
    meta: tuple[tuple[str, str], ...] = ()
    blocks: tuple[Block, ...] = ()
    notes: tuple[str, ...] = ()
    paper: Paper = "a4"
    poster: bool = False
    extra: dict = field(default_factory=dict, compare=False)

    def as_json(self) -> str:
        """The document as JSON: what the Typst template reads."""
        data = asdict(self)
        data.pop("extra")
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    def fingerprint(self, fmt: str) -> str:
        """A stable key for the bytes of ``fmt``: equal documents give equal files."""
        from .render import RENDERER_VERSION

        digest = hashlib.sha256(f"{RENDERER_VERSION}\0{fmt}\0{self.as_json()}".encode())
        return digest.hexdigest()[:32]

    def without_answers(self) -> PrintDoc:
        """The student version: the same document with every ``answer`` block left out."""
        from dataclasses import replace

        return replace(self, blocks=tuple(b for b in self.blocks if b.kind != "answer"))

    def plain_text(self) -> str:
        """The text a reader of the file sees, in order (for tests comparing with the page)."""
        parts = [self.title, self.subtitle, *(f"{label}{value}" for label, value in self.meta)]
        parts += [block.text for block in self.blocks]
        parts += list(self.notes)
        return "\n".join(part for part in parts if part)
