"""Staff preview: an edited file is visible without a restart, and only it is re-read."""

from __future__ import annotations

import os

from portal import create_app
from portal.preview import ContentWatcher, reload_content

from .conftest import write


def touch_later(path):
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def test_edit_is_visible_and_only_that_file_is_reread(content_dir):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "SHOW_DRAFTS": True})
    client = app.test_client()
    body = client.get("/zh/news/first/").get_data(as_text=True).split("</head>", 1)[1]
    assert "县里出台了新的实施意见" not in body
    client.get("/zh/news/")  # cached now
    watcher = ContentWatcher(app)
    path = content_dir / "news" / "first.md"
    path.write_text(path.read_text(encoding="utf-8").replace("巫山县印发", "巫山县正式印发"), encoding="utf-8")
    touch_later(path)
    report = watcher.poll()
    assert report.swapped and report.reread == 1
    assert "巫山县正式印发" in client.get("/zh/news/first/").get_data(as_text=True)
    assert watcher.poll() is None


def test_new_and_removed_files_are_picked_up(content_dir):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)]})
    client = app.test_client()
    watcher = ContentWatcher(app)
    write(content_dir, "news/second.md", "---\ntitle: 第二条新闻\ndate: 2024-03-03\n---\n正文\n")
    assert watcher.poll().reread == 1
    assert "第二条新闻" in client.get("/zh/news/").get_data(as_text=True)
    (content_dir / "news" / "second.md").unlink()
    watcher.poll()
    assert client.get("/zh/news/second/").status_code == 404


def test_a_broken_edit_keeps_the_previous_version_published(content_dir):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)]})
    path = content_dir / "news" / "first.md"
    path.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    touch_later(path)
    report = reload_content(app)
    assert not report.swapped and f"{path}:2: " in str(report.problems[0])
    assert "巫山县印发" in app.test_client().get("/zh/news/first/").get_data(as_text=True)


def test_the_watcher_runs_its_start_hooks_before_polling(content_dir, monkeypatch):
    from portal import preview

    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)]})
    calls = []
    monkeypatch.setattr(preview, "START_HOOKS", [calls.append, lambda _app: 1 / 0])  # a failing hook is logged
    watcher = ContentWatcher(app, interval=0.01)
    watcher.start()
    watcher.stop()
    watcher.join(timeout=5)
    assert calls == [app] and not watcher.is_alive()
