"""Start-up: the search index is ready before the first request; stopping is quiet."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from portal.search.live import current_folder
from portal.startup import prepare_index

from .nginx_server import http_request
from .serve_process import start_serve

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_prepare_index_builds_with_progress_then_opens(app, tmp_path):
    said: list[str] = []
    prepare_index(app, said.append)
    assert current_folder(Path(app.config["INDEX_DIR"])) is not None
    assert said[0].startswith("search index: building") and "3/3 documents" in said[-2]
    assert said[-1].startswith("search index: built, 3 documents")
    again: list[str] = []
    prepare_index(app, again.append)
    assert len(again) == 1 and again[0].startswith("search index: ready, 3 documents")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serve_indexes_before_listening_and_stops_quietly(content_dir, tmp_path, stop):
    process, port, log = start_serve(content_dir, tmp_path, "--no-reload")
    try:
        deadline = time.monotonic() + 60
        while "Running on" not in log.read_text(encoding="utf-8", errors="replace"):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.2)
        text = log.read_text(encoding="utf-8")
        assert text.index("search index: built, 3 documents") < text.index("预览网站：3 篇")
        assert http_request(port, "GET", "/zh/search/?q=%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83", {}).status == 200
    finally:
        process.send_signal(stop)
        code = process.wait(timeout=20)
    text = log.read_text(encoding="utf-8")
    assert code == 0 and text.rstrip().endswith("已停止")
    assert "Traceback" not in text and "Aborted" not in text
