"""As deployed: `portal index` on new content while gunicorn runs; its workers use the new index and
never replace it with one of their older content."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPO_ROOT, write
from .nginx_server import free_port, http_request, stop_process, wait_for_port

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
GUNICORN_CONF = REPO_ROOT / "deploy" / "gunicorn.conf.py"
NEWS = "---\ntitle: 巫山脆李品牌保护新闻\ndate: 2024-03-01\n---\n巫山脆李地理标志保护。\n"


def test_workers_keep_the_index_of_newer_content(content_dir: Path, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "GUNICORN_", "WEB_CONCURRENCY"))}
    env.update(PORTAL_CONTENT_DIRS=str(content_dir), PORTAL_INDEX_DIR=str(tmp_path / "index"),
               PORTAL_CONFIG=str(tmp_path / "portal.toml"), PYTHONUNBUFFERED="1")
    port, log = free_port(), tmp_path / "gunicorn.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "--bind", f"127.0.0.1:{port}"],
            cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, process, 120, lambda: log.read_text(errors="replace"))
        write(content_dir, "news/brand.md", NEWS)
        portal = Path(sys.executable).with_name("portal")
        subprocess.run([str(portal), "index"], env=env, check=True, capture_output=True, timeout=120)
        current = os.readlink(tmp_path / "index" / "current")
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline:  # both workers search, again and again
            answer = http_request(port, "GET", "/api/search?q=%E5%B7%AB%E5%B1%B1%E8%84%86%E6%9D%8E")
            assert answer.status == 200
        assert os.readlink(tmp_path / "index" / "current") == current, "a worker replaced the new index"
        assert (tmp_path / "index" / current / "portal-search.json").is_file()
        # (the workers list only what they can serve: the new page waits for their restart)
    finally:
        stop_process(process, signal.SIGTERM)
