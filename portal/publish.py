"""Publish a finished build atomically: the site folder is a symlink to one of several kept builds.

Layout beside the published path ``out`` (e.g. ``build``)::

    build -> .build.releases/20261202T011500123456
    .build.releases/20261202T011500123456/   the current build
    .build.releases/20261201T180000000000/   previous builds, kept for ``portal build --rollback``
    .build.new-XXXX/                         a build in progress (staging)
    .build.lock                              held while one build switches the symlink

The switch is one ``rename`` of a new symlink over the old one, so a web server serving ``build``
always finds either the old or the new site, never none. A real folder left by an older version
is moved into the releases once (atomically exchanged on Linux).
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

LOCK_TIMEOUT = 600.0  # seconds a build waits for another one to finish publishing
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class PublishError(RuntimeError):
    """A build could not be published (another build holds the lock, nothing to roll back to …)."""


def releases_dir(out: Path) -> Path:
    """Folder holding the current and the kept previous builds of ``out``."""
    return out.with_name(f".{out.name}.releases")


def lock_path(out: Path) -> Path:
    """The lock file builds of ``out`` take before switching it."""
    return out.with_name(f".{out.name}.lock")


def staging_prefix(out: Path) -> str:
    """Name prefix of the staging folders of ``out`` (in ``out.parent``)."""
    return f".{out.name}.new-"


@contextlib.contextmanager
def publish_lock(out: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the publishing lock of ``out``; wait up to ``timeout`` s for another build to release it."""
    path = lock_path(out)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise PublishError(
                        f"another build is publishing {out} (lock {path} held for more than {timeout:.0f} s)"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh staging folder beside ``out``, marked as in use (flock) while the build runs."""
    folder = Path(tempfile.mkdtemp(prefix=staging_prefix(out), dir=out.parent))
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield folder
    finally:
        os.close(fd)
        shutil.rmtree(folder, ignore_errors=True)  # gone already when it was published


def clean_abandoned(out: Path) -> list[Path]:
    """Remove staging folders (and old-style ``.old-`` folders) that no running build holds."""
    removed = []
    for path in out.parent.glob(f".{out.name}.*"):
        name = path.name
        if not path.is_dir() or path.is_symlink():
            continue
        if name.startswith(f".{out.name}.old-") or (name.startswith(staging_prefix(out)) and _abandoned(path)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _abandoned(folder: Path) -> bool:
    """True when no build holds ``folder``'s lock (its build was killed)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def _release_name(folder: Path, moment: float | None = None) -> str:
    """A new release name in ``folder``: the UTC time (now, or ``moment``), sortable."""
    when = dt.datetime.fromtimestamp(time.time() if moment is None else moment, dt.UTC)
    stamp = when.strftime("%Y%m%dT%H%M%S%f")
    name, n = stamp, 1
    while (folder / name).exists():
        n += 1
        name = f"{stamp}-{n}"
    return name


def releases(out: Path) -> list[Path]:
    """Kept builds of ``out``, oldest first."""
    folder = releases_dir(out)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)


def current(out: Path) -> Path | None:
    """The release ``out`` points at (None when ``out`` is not a release symlink)."""
    if not out.is_symlink():
        return None
    target = (out.parent / os.readlink(out)).resolve()
    return target if target.parent == releases_dir(out).resolve() else None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False when unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _point(out: Path, release: Path) -> None:
    """Make ``out`` a symlink to ``release`` with one atomic rename (migrating a real folder)."""
    link = out.with_name(f".{out.name}.link-{os.getpid()}-{time.monotonic_ns()}")
    link.symlink_to(os.path.relpath(release, out.parent), target_is_directory=True)
    try:
        if out.is_dir() and not out.is_symlink():
            _migrate(out, link)
        else:
            os.replace(link, out)
    finally:
        link.unlink(missing_ok=True)


def _migrate(out: Path, link: Path) -> None:
    """Replace the real folder ``out`` by ``link``, keeping the folder as the oldest release."""
    kept = releases_dir(out) / _release_name(releases_dir(out), out.stat().st_mtime)  # older than the new build
    if _exchange(link, out):  # now ``out`` is the symlink and ``link`` the old folder
        link.rename(kept)
    else:  # no atomic exchange here: a moment without a site, once
        out.rename(kept)
        os.replace(link, out)


def publish(new: Path, out: Path, keep: int) -> Path:
    """Move the finished build ``new`` into the releases and point ``out`` at it; keep ``keep``
    previous builds. Returns the release folder."""
    folder = releases_dir(out)
    with publish_lock(out):
        folder.mkdir(exist_ok=True)
        release = folder / _release_name(folder)
        new.rename(release)
        _point(out, release)
        prune(out, keep)
        clean_abandoned(out)
    return release


def prune(out: Path, keep: int) -> None:
    """Remove all but the current and the ``keep`` newest other builds."""
    now_serving = current(out)
    others = [p for p in releases(out) if p != now_serving]
    for old in others[: max(0, len(others) - max(0, keep))]:
        shutil.rmtree(old, ignore_errors=True)


def rollback(out: Path) -> Path:
    """Point ``out`` at the newest kept build older than the current one; returns it."""
    with publish_lock(out):
        serving = current(out)
        if serving is None:
            raise PublishError(f"{out} is not a published build: nothing to roll back")
        older = [p for p in releases(out) if p.name < serving.name]
        if not older:
            raise PublishError(f"no build older than {serving.name} is kept beside {out}")
        _point(out, older[-1])
        return older[-1]
