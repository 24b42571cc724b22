"""What the previous build read, kept beside the published folder (``.build.manifest``).

The manifest holds the *site fingerprint* (what every page depends on: the portal's code and
templates, the static files, the translations, the settings, the synonyms and indicators, the
versions of the libraries that render, and the day, since what is upcoming, in force or in
season changes with it) and, for each page, its reads (:mod:`.trace`) with their fingerprints
(:mod:`.digest`). It names the release it describes: after a rollback it no longer matches and
the next build renders everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask

from .digest import fingerprint
from .trace import Read

FORMAT = 1
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent
_LIBRARIES = ("flask", "jinja2", "markdown", "flask-babel", "babel", "frozen-flask", "werkzeug", "nh3", "bleach")
# Settings that do not change what a page shows (where files go, how builds are kept).
_UNSHOWN_SETTINGS = {"NOW", "BUILD_DIR", "BUILD_KEEP", "INDEX_DIR", "GENERATED_CACHE_DIR", "FREEZER_DESTINATION"}


@dataclass
class Manifest:
    """Every page's reads with their fingerprints, for one release of one site fingerprint."""

    site: str
    release: str
    reads: list[Read] = field(default_factory=list)  # each read once; pages refer to them by number
    prints: list[str | None] = field(default_factory=list)
    pages: dict[str, tuple[int, ...]] = field(default_factory=dict)  # url -> numbers of its reads


def manifest_path(out: Path) -> Path:
    """Where the manifest of the builds published as ``out`` lives."""
    return out.with_name(f".{out.name}.manifest")


def load(out: Path) -> Manifest | None:
    """The manifest of the build now published as ``out``; None when missing, unreadable or stale."""
    try:
        data = pickle.loads(manifest_path(out).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    if not isinstance(data, tuple) or len(data) != 2 or data[0] != FORMAT or not isinstance(data[1], Manifest):
        return None
    current = os.readlink(out) if out.is_symlink() else None
    return data[1] if current and Path(current).name == data[1].release else None


def save(out: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (a half-written one is never read)."""
    path = manifest_path(out)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(pickle.dumps((FORMAT, manifest), protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(partial, path)


def site_fingerprint(app: Flask, catalog, day: dt.date) -> str:
    """The fingerprint of what every page depends on."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in (_PACKAGE_ROOT, Path(app.static_folder) if app.static_folder else None):
        if folder is not None:
            _add_folder(digest, folder)
    settings = {k: v for k, v in app.config.items() if k.isupper() and k not in _UNSHOWN_SETTINGS}
    digest.update(repr(sorted((k, repr(v)) for k, v in settings.items())).encode())
    digest.update(fingerprint([catalog.synonyms, catalog.indicators, day]).encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)};".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=-;".encode())
    return digest.hexdigest()


def _add_folder(digest, folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogatepass"))
            digest.update(path.read_bytes())
