"""Generated files kept by content fingerprint, so each document version is typeset once.

Builds (cold or incremental) ask the cache first: a file whose :class:`PrintDoc` has not
changed is copied, not typeset again. Entries are written atomically, so a killed build never
leaves half a file behind, and the cache can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .document import PrintDoc
from .render import render


class GeneratedCache:
    """A folder of generated files named by fingerprint (``<key>.<format>``)."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0

    def get(self, doc: PrintDoc, fmt: str, *, ppi: int = 150, template: Path | None = None) -> bytes:
        """The bytes of ``doc`` in ``fmt``, from the cache or freshly rendered (and stored).

        Another ``ppi`` or ``template`` (whose text is part of the key) is a different file.
        """
        return self.get_made(_key(doc, fmt, ppi, template), fmt, lambda: render(doc, fmt, ppi, template))

    def get_made(self, key: str, fmt: str, make: Callable[[], bytes]) -> bytes:
        """The bytes stored under ``key`` (a fingerprint of everything ``make`` reads), made once."""
        path = self.folder / f"{key}.{fmt}"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            pass
        else:
            self.hits += 1
            return data
        self.misses += 1
        data = make()
        self._store(path, data)
        return data

    def _store(self, path: Path, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def _key(doc: PrintDoc, fmt: str, ppi: int, template: Path | None) -> str:
    """The document's fingerprint, extended by a non-default resolution or layout."""
    key = doc.fingerprint(fmt)
    if (ppi == 150 or fmt != "png") and template is None:
        return key
    layout = hashlib.sha256(template.read_bytes()).hexdigest() if template else ""
    return hashlib.sha256(f"{key}\0{ppi if fmt == 'png' else ''}\0{layout}".encode()).hexdigest()[:32]
