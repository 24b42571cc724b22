"""Publishing a build: one atomic symlink switch, kept builds, rollback, abandoned staging, a lock."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import pytest

from portal import create_app, publish
from portal.cli import main
from portal.freeze import build_site


def _build_folder(parent: Path, text: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="finished-", dir=parent))
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_site_folder_is_a_symlink_to_the_current_build(app, tmp_path):
    out = tmp_path / "site"
    build_site(app, out)
    assert out.is_symlink()
    target = publish.current(out)
    assert target is not None and target.parent == publish.releases_dir(out)
    assert (out / "zh" / "index.html").is_file()
    assert not os.readlink(out).startswith("/"), "relative, so the pair can be moved together"


def test_previous_builds_are_kept_up_to_the_setting(tmp_path):
    out = tmp_path / "site"
    for n in range(6):
        publish.publish(_build_folder(tmp_path, f"build {n}"), out, keep=2)
    assert (out / "index.html").read_text(encoding="utf-8") == "build 5"
    kept = [(p / "index.html").read_text(encoding="utf-8") for p in publish.releases(out)]
    assert kept == ["build 3", "build 4", "build 5"]


def test_rollback_goes_back_one_build_at_a_time(tmp_path):
    out = tmp_path / "site"
    for n in range(3):
        publish.publish(_build_folder(tmp_path, f"build {n}"), out, keep=3)
    publish.rollback(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "build 1"
    publish.rollback(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "build 0"
    with pytest.raises(publish.PublishError, match="no build older"):
        publish.rollback(out)
    publish.publish(_build_folder(tmp_path, "build 3"), out, keep=1)  # never prunes what is served
    assert (out / "index.html").read_text(encoding="utf-8") == "build 3"


def test_portal_build_rollback_command(app, tmp_path, monkeypatch):
    out = tmp_path / "site"
    publish.publish(_build_folder(tmp_path, "old"), out, keep=3)
    publish.publish(_build_folder(tmp_path, "new"), out, keep=3)
    monkeypatch.setenv("PORTAL_STAFF_LANGUAGE", "en")
    result = app.test_cli_runner().invoke(main, ["build", "--rollback", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "rolled back to" in result.output
    assert (out / "index.html").read_text(encoding="utf-8") == "old"
    result = app.test_cli_runner().invoke(main, ["build", "--rollback", "--out", str(out)])
    assert result.exit_code == 1 and "cannot roll back" in result.output and "Traceback" not in result.output


def test_a_real_folder_from_an_older_version_is_taken_over(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("folder", encoding="utf-8")
    publish.publish(_build_folder(tmp_path, "new"), out, keep=3)
    assert out.is_symlink() and (out / "index.html").read_text(encoding="utf-8") == "new"
    publish.rollback(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "folder"


def test_staging_left_by_a_killed_build_is_removed_but_not_a_running_one(app, tmp_path):
    out = tmp_path / "site"
    killed = Path(tempfile.mkdtemp(prefix=".site.new-", dir=tmp_path))  # nobody holds it
    (killed / "big.html").write_text("x" * 1000, encoding="utf-8")
    crashed = tmp_path / ".site.old-123"  # the old two-rename swap interrupted
    crashed.mkdir()
    with publish.staging(out) as running:
        build_site(app, out)
        assert running.is_dir(), "a build still freezing keeps its folder"
    assert not killed.exists() and not crashed.exists()
    assert not list(tmp_path.glob(".site.new-*"))


def test_simultaneous_publishes_never_fail(tmp_path):
    out = tmp_path / "site"
    threads, errors = 8, []
    start = threading.Barrier(threads)
    folders = [[_build_folder(tmp_path, f"{t}-{n}") for n in range(25)] for t in range(threads)]

    def run(mine: list[Path]) -> None:
        start.wait()
        for folder in mine:
            try:
                publish.publish(folder, out, keep=2)
            except Exception as exc:  # noqa: BLE001 - every failure is counted
                errors.append(exc)

    workers = [threading.Thread(target=run, args=(f,)) for f in folders]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert (out / "index.html").is_file() and len(publish.releases(out)) == 3


def test_a_held_lock_fails_with_a_clear_message(tmp_path):
    out = tmp_path / "site"
    with publish.publish_lock(out), pytest.raises(publish.PublishError, match="another build is publishing"):
        with publish.publish_lock(out, timeout=0.2):
            pass


def test_failed_build_leaves_no_staging_and_the_site_served(tmp_path, content_dir, monkeypatch):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)]})
    out = tmp_path / "site"
    build_site(app, out)
    serving = publish.current(out)

    def broken(app, folder):
        raise RuntimeError("disk full")

    monkeypatch.setattr("portal.freeze.POST_BUILD_HOOKS", [broken])
    with pytest.raises(RuntimeError, match="disk full"):
        build_site(app, out)
    assert publish.current(out) == serving
    assert not list(tmp_path.glob(".site.new-*"))
