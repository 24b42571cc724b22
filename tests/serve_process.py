"""Start `portal serve` as staff run it, in its own process, over a test content folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from .nginx_server import free_port


def start_serve(content_dir: Path, tmp_path: Path, *options: str) -> tuple[subprocess.Popen, int, Path]:
    """`portal serve OPTIONS` on a free port; every path it writes is under ``tmp_path``.

    Returns the process, its port and the log file holding its output.
    """
    port = free_port()
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    env.update(PORTAL_CONTENT_DIRS=str(content_dir), PORTAL_INDEX_DIR=str(tmp_path / "index"),
               PORTAL_CONFIG=str(tmp_path / "portal.toml"), PYTHONUNBUFFERED="1")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "portal.cli", "serve", "--port", str(port), *options],
            cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    return process, port, log
