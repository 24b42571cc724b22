"""Checks that only a production build makes: nothing marked ``sample: true`` may go out.

Any content type can carry ``sample: true`` (starter or demonstration content). Staff see it,
marked as a sample, in previews and test builds; ``portal check --production`` (or the
``PRODUCTION`` setting) turns each such file into an error at its ``sample`` line.
"""

from __future__ import annotations

from .catalog import Catalog
from .errors import Problem


def production_problems(catalog: Catalog) -> list[Problem]:
    """One error per entry marked ``sample: true``, at the line of that key."""
    found = []
    for entry in sorted(catalog.entries.values(), key=lambda e: str(e.path)):
        if entry.extra.get("sample"):
            line = entry.extra["line_of"].get("sample", 1)
            message = "sample content in a production build: replace it or delete the file"
            found.append(Problem(entry.path, line, message))
    return found
