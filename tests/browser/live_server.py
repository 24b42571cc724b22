"""Run the live site under gunicorn, as deployed, on a free loopback port.

    with GunicornServer([content, corpus], tmp) as server:
        server.base_url  # http://127.0.0.1:<port>

gunicorn uses deploy/gunicorn.conf.py when the repository has one (else 2 workers, --preload);
only `--bind` is added. It runs in its own process group with its output in ``tmp/gunicorn.log``,
and stop() leaves no process behind.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.nginx_server import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONF = REPO_ROOT / "deploy" / "gunicorn.conf.py"
APP = "portal:create_app()"
START_TIMEOUT = 90.0  # the search index is built before the port opens
STOP_TIMEOUT = 15.0


class GunicornError(RuntimeError):
    """gunicorn did not start."""


def _has_cli_flag(flag: str) -> bool:
    """Whether the installed gunicorn knows ``flag`` (the control socket came with gunicorn 24)."""
    from gunicorn.config import KNOWN_SETTINGS

    return any(flag in (setting.cli or ()) for setting in KNOWN_SETTINGS)


class GunicornServer:
    """``gunicorn 'portal:create_app()'`` over ``content_dirs``."""

    def __init__(self, content_dirs: list[Path], tmp: Path):
        self.content_dirs = [Path(d).resolve() for d in content_dirs]
        self.tmp = Path(tmp).resolve()
        self.port = 0
        self.process: subprocess.Popen | None = None
        self._log = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def index_dir(self) -> Path:
        """The live search index the server reads (PORTAL_INDEX_DIR)."""
        return self.tmp / "index"

    @property
    def log_path(self) -> Path:
        return self.tmp / "gunicorn.log"

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "gunicorn"]
        cmd += ["-c", str(GUNICORN_CONF)] if GUNICORN_CONF.is_file() else ["--workers", "2", "--preload"]
        if _has_cli_flag("--no-control-socket"):
            # Its default socket (~/.gunicorn/gunicorn.ctl) is shared by every gunicorn of the user.
            cmd.append("--no-control-socket")
        return [*cmd, "--bind", f"127.0.0.1:{self.port}", APP]

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
        env["PORTAL_CONTENT_DIRS"] = os.pathsep.join(str(d) for d in self.content_dirs)
        env["PORTAL_INDEX_DIR"] = str(self.index_dir)
        env["PORTAL_CONFIG"] = str(self.tmp / "portal.toml")
        return env

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def start(self, attempts: int = 3) -> GunicornServer:
        self.tmp.mkdir(parents=True, exist_ok=True)
        for attempt in range(attempts):
            self.port = free_port()
            self._log = self.log_path.open("ab")
            self.process = subprocess.Popen(
                self.command(), cwd=REPO_ROOT, env=self.environment(), stdin=subprocess.DEVNULL,
                stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
            )
            try:
                self._wait_until_serving()
                return self
            except GunicornError:
                self.stop()
                if "Address already in use" in self.log_text() and attempt + 1 < attempts:
                    continue
                raise
        raise GunicornError("gunicorn did not start")  # pragma: no cover

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise GunicornError(f"gunicorn exited with {self.process.returncode}:\n{self.log_text()}")
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                conn.request("GET", "/zh/")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                conn.close()
            time.sleep(0.1)
        raise GunicornError(f"gunicorn did not answer on port {self.port} within {START_TIMEOUT:.0f} s:\n"
                            f"{self.log_text()}")

    def stop(self) -> None:
        """SIGTERM (graceful), SIGKILL to the whole group if it lingers; close the log."""
        process, self.process = self.process, None
        if process is not None:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=STOP_TIMEOUT)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)  # any worker left behind
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> GunicornServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
