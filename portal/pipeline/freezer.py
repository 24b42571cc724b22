"""A Frozen-Flask freezer that reuses a previous build's page when nothing it read has changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from unicodedata import normalize
from urllib.parse import unquote

from flask_frozen import Freezer

from .prepare import Plan
from .trace import Read, recording

# Endpoints that copy files the catalogue does not describe byte for byte (attachments, hand-made
# worksheets, the static folder): always written afresh, which costs a file copy each.
ALWAYS_WRITTEN = {"static", "files.attachment", "files.unit_zip", "toolkit.file"}
LIBRARY_PAGE = "library.document"


class ReusingFreezer(Freezer):
    """Write each page, or link it from ``previous`` (a published release) when its reads still hold."""

    def __init__(self, app, plan: Plan | None, aliases: dict[str, str] | None = None) -> None:
        super().__init__(app, with_no_argument_rules=False, log_url_for=True)
        self.plan = plan
        self.aliases = aliases or {}  # library slug -> slug of the page it shows byte for byte
        self._library_files: dict[tuple[str, str], Path] = {}  # (lang, slug) -> file written in this build
        self._adapter = app.url_map.bind("localhost")

    @property
    def root(self) -> Path:
        """The destination folder, worked out once per destination (Frozen-Flask's joins it per page)."""
        destination = self.app.config["FREEZER_DESTINATION"]
        if getattr(self, "_root", (None,))[0] != destination:
            self._root = (destination, Path(self.app.root_path) / destination)
        return self._root[1]

    def _build_one(self, url, last_modified=None):
        endpoint, values = self._match(url)
        if endpoint == LIBRARY_PAGE:
            linked = self._linked_alias(url, values)
            if linked is not None:
                return linked
        path = self._written(url, last_modified, endpoint)
        if endpoint == LIBRARY_PAGE:
            self._library_files[(values["lang"], values["slug"])] = path
        return path

    def _linked_alias(self, url: str, values: dict) -> Path | None:
        """A short address (专利法/) written as a link to its version's page of this build, if written."""
        target = self._library_files.get((values["lang"], self.aliases.get(values["slug"], "")))
        if target is None:
            return None
        path = self.root / normalize("NFC", self.urlpath_to_filepath(url))
        path.parent.mkdir(parents=True, exist_ok=True)
        _link(target, path)
        if self.plan is not None:
            self.plan.linked += 1
        return path

    def _written(self, url: str, last_modified, endpoint: str | None) -> Path:
        """Write the page of ``url``, or link it from the previous build when nothing it read has changed."""
        old = self._reusable(url)
        if old is not None:
            path = self.root / normalize("NFC", self.urlpath_to_filepath(url))
            path.parent.mkdir(parents=True, exist_ok=True)
            _link(self.plan.previous / path.relative_to(self.root), path)
            self.plan.page_reads[url] = old
            self.plan.reused += 1
            return path
        with recording() as reads:
            path = super()._build_one(url, last_modified)
        if self.plan is not None:
            self.plan.rendered.append(url)
            if endpoint not in ALWAYS_WRITTEN:
                self.plan.page_reads[url] = frozenset(reads)
        return path

    def _reusable(self, url: str) -> frozenset[Read] | None:
        """The page's reads when the previous build's file can be reused as it is, else None."""
        plan = self.plan
        if plan is None or plan.manifest is None or url not in plan.manifest.pages:
            return None
        if not (plan.previous / normalize("NFC", self.urlpath_to_filepath(url))).is_file():
            return None
        reads, recorded = plan.manifest.reads, plan.manifest.prints
        numbers = plan.manifest.pages[url]
        if any(recorded[n] is None or plan.prints.of(reads[n]) != recorded[n] for n in numbers):
            return None
        return frozenset(reads[n] for n in numbers)

    def _match(self, url: str) -> tuple[str | None, dict]:
        try:
            return self._adapter.match(unquote(url))
        except Exception:  # noqa: BLE001 - a URL the map does not know is simply not reusable
            return None, {}


def _link(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source`` (builds never rewrite a published file), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
