"""What an import returns, and the one error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class ImportFailed(Exception):
    """A received file could not be imported; the message names the file. Nothing was written."""


@dataclass
class ImportResult:
    """One imported document: where it was written and what was recognised."""

    output: Path
    slug: str
    title: str
    warnings: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
