"""Run the Lighthouse CLI (npm package, package.json) against a page, driving Debian's Chromium.

    report = run_lighthouse("http://127.0.0.1:8000/zh/", tmp_path, desktop=False)
    scores(report)  # {"performance": 1.0, "accessibility": 1.0, ...}

Only the four categories are gathered (``--only-categories``), so Lighthouse loads no plugin and
fetches nothing itself; Chromium starts with a fresh profile and its background networking off, so
a machine without network neither waits nor hangs. Each run has a hard time limit.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from tests.browser.conftest import CHROMIUM, REPO_ROOT

LIGHTHOUSE = REPO_ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
)
RUN_TIMEOUT = 150  # seconds; one run takes 10-20 s


class LighthouseError(RuntimeError):
    """Lighthouse failed, timed out or reported a runtime error."""


def command(url: str, out: Path, profile: Path, desktop: bool) -> list[str]:
    """The CLI invocation: JSON report at ``out``, Chromium with the profile folder ``profile``."""
    flags = " ".join([*CHROME_FLAGS, f"--user-data-dir={profile}"])
    cmd = [str(LIGHTHOUSE), url, f"--only-categories={','.join(CATEGORIES)}", "--output=json",
           f"--output-path={out}", f"--chrome-flags={flags}", "--quiet", "--disable-full-page-screenshot",
           "--max-wait-for-load=30000"]
    return [*cmd, "--preset=desktop"] if desktop else cmd


def run_lighthouse(url: str, folder: Path, desktop: bool = False) -> dict:
    """Audit ``url`` (mobile, or desktop with ``desktop``) and return the parsed JSON report."""
    folder.mkdir(parents=True, exist_ok=True)
    out, profile = folder / "report.json", folder / "profile"
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        done = subprocess.run(command(url, out, profile, desktop), env=env, capture_output=True, text=True,
                              timeout=RUN_TIMEOUT, stdin=subprocess.DEVNULL, cwd=folder)
    except subprocess.TimeoutExpired as error:
        raise LighthouseError(f"Lighthouse did not finish {url} within {RUN_TIMEOUT} s") from error
    if done.returncode != 0 or not out.is_file():
        raise LighthouseError(f"Lighthouse failed on {url} (exit {done.returncode}):\n{done.stderr[-3000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise LighthouseError(f"Lighthouse runtime error on {url}: {report['runtimeError']}")
    return report


def scores(report: dict) -> dict[str, float]:
    """Each category's score, 0-1 (None when Lighthouse could not score it)."""
    return {name: category["score"] for name, category in report["categories"].items()}


def failing_audits(report: dict, category: str) -> list[str]:
    """The scored audits of ``category`` that do not pass, with their titles."""
    refs = report["categories"][category]["auditRefs"]
    failing = []
    for ref in refs:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            failing.append(f"{ref['id']} ({audit['score']}): {audit['title']}")
    return failing


def outside_requests(report: dict, base_url: str) -> list[str]:
    """URLs the page requested that are not on ``base_url``'s host (data: and blob: are local)."""
    host = urlsplit(base_url).netloc
    items = report["audits"]["network-requests"]["details"]["items"]
    return [item["url"] for item in items
            if urlsplit(item["url"]).scheme not in ("data", "blob") and urlsplit(item["url"]).netloc != host]


def main_thread_summary(report: dict) -> str:
    """TBT, LCP and the longest main-thread tasks, for a failure message a person can act on."""
    audits = report["audits"]
    lines = [f"{key}: {audits[key].get('displayValue', audits[key]['score'])}" for key in
             ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
              "speed-index")]
    tasks = (audits.get("long-tasks", {}).get("details") or {}).get("items", [])
    lines += [f"long task {round(t['duration'])} ms at {round(t['startTime'])} ms: {t.get('url', '')}"
              for t in tasks[:5]]
    return "\n".join(lines)
