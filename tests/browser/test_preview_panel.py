"""In `portal serve`, a file saved with an error shows a panel above the page's last good version."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.conftest import write
from tests.serve_process import start_serve

pytestmark = pytest.mark.browser


@pytest.fixture
def preview_server(content_dir: Path, tmp_path: Path):
    """`portal serve` over a small content folder, watching it for changes."""
    process, port, log = start_serve(content_dir, tmp_path)
    deadline = time.monotonic() + 60
    while "Running on" not in log.read_text(encoding="utf-8", errors="replace"):
        assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}", log
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)


def _wait_for(log: Path, text: str, count: int) -> None:
    deadline = time.monotonic() + 20
    while log.read_text(encoding="utf-8").count(text) < count:
        assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.2)


def test_error_panel_above_the_last_good_version_and_marked_links(preview_server, content_dir, page):
    base, log = preview_server
    path = content_dir / "news" / "first.md"
    path.write_text("---\ntitle: 巫山县发布知识产权工作实施意见\ndate 2022-02-07\n---\n新的正文。\n", encoding="utf-8")
    write(content_dir, "pages/about.md", "---\ntitle: 关于本站\n---\n见[第九条](/zh/library/sample-law/#art-9)。\n")
    _wait_for(log, "the previous version stays published", 1)
    page.goto(f"{base}/zh/news/first/")
    panel = page.locator(".preview-problems")
    assert panel.is_visible()
    assert f"{path}:3" in panel.inner_text() and "这一行缺少冒号" in panel.inner_text()
    body = page.locator("main").inner_text()
    assert body.index("这一行缺少冒号") < body.index("巫山县印发")  # the last good version stays, below the panel
    assert panel.evaluate("e => getComputedStyle(e).borderTopColor") == "rgb(179, 38, 30)"  # preview.css applies
    path.write_text("---\ntitle: 巫山县发布知识产权工作实施意见\ndate: 2022-02-07\n---\n新的正文。\n", encoding="utf-8")
    deadline = time.monotonic() + 20
    while "新的正文" not in page.goto(f"{base}/zh/news/first/").text():  # the fixed file is swapped in
        assert time.monotonic() < deadline
        time.sleep(0.3)
    page.goto(f"{base}/zh/pages/about/")
    link = page.locator("main a[data-broken-link]")
    assert link.count() == 1 and "全文共 2 条" in link.get_attribute("data-broken-link")
    assert link.evaluate("e => getComputedStyle(e).outlineStyle") == "dashed"
    page.goto(f"{base}/zh/news/first/")
    assert page.locator(".preview-problems").count() == 0 and "新的正文" in page.locator("main").inner_text()
    page.goto(f"{base}/_preview/problems")
    assert "about.md" in page.locator("main").inner_text()
    assert not page.problems, page.problems
