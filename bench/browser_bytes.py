"""Bytes the browser downloads for a first and a later query: the portal's static search and Pagefind.

Each first query runs in a fresh browser context (empty cache); the later query is the next one of
the list, asked in the same page afterwards.  Both show 20 results with excerpts: the browser search renders
its result page, Pagefind loads ``data()`` (its excerpt fragments) for its first 20 results.
Counted: the portal's the browser search and static index files; Pagefind's /pagefind/ files (JS, WebAssembly,
metadata, index chunks, fragments).  The HTML page itself is counted for neither.
"""

from __future__ import annotations

import functools
import http.server
import statistics
import threading
from pathlib import Path
from urllib.parse import quote

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
PAGEFIND_HTML = ('<!doctype html><meta charset="utf-8"><title>pagefind</title>'
                 '<script type="module" src="/pagefind-bench.js"></script><body></body>')
PAGEFIND_JS = """
window.runSearch = async (q) => {
  const pagefind = window.__pagefind || (window.__pagefind = await import("/pagefind/pagefind.js"));
  await pagefind.init();
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  return [search.results.length, data.length];
};
document.body.dataset.ready = "1";
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _recorder(page, keep) -> list[int]:
    sizes: list[int] = []

    def on_response(response) -> None:
        if keep(response.url):
            try:
                sizes.append(len(response.body()))
            except Exception:  # a response without a body (redirect, aborted): nothing downloaded
                pass

    page.on("response", on_response)
    return sizes


def _portal(browser, base: str, first: str, later: str) -> tuple[int, int, int]:
    context = browser.new_context()
    page = context.new_page()
    sizes = _recorder(page, lambda url: "/static/search-index/" in url or "/static/js/search/" in url)
    page.goto(f"{base}/zh/search/?q={quote(first)}")
    page.wait_for_function("() => document.getElementById('search-app').dataset.state === 'done'", timeout=60000)
    first_bytes, results = sum(sizes), page.locator("#search-results > li").count()
    sizes.clear()
    page.evaluate("() => { document.getElementById('search-app').dataset.state = 'waiting'; }")
    page.fill("#search-q", later)
    page.click("#search-form .search-box button")
    page.wait_for_function("() => document.getElementById('search-app').dataset.state === 'done'", timeout=60000)
    later_bytes = sum(sizes)
    context.close()
    return first_bytes, later_bytes, results


def _pagefind(browser, base: str, first: str, later: str) -> tuple[int, int, int]:
    context = browser.new_context()
    page = context.new_page()
    sizes = _recorder(page, lambda url: "/pagefind/" in url)
    page.goto(f"{base}/pagefind-bench.html")
    page.wait_for_function("() => document.body.dataset.ready === '1'")
    found = page.evaluate("q => window.runSearch(q)", first)
    first_bytes = sum(sizes)
    sizes.clear()
    page.evaluate("q => window.runSearch(q)", later)
    later_bytes = sum(sizes)
    context.close()
    return first_bytes, later_bytes, found[1]


def _summary(values: list[int]) -> dict:
    return {"median": statistics.median(values), "max": max(values), "min": min(values)}


def measure(site: Path, queries: list[str], with_pagefind: bool) -> dict:
    """Serve ``site`` on 127.0.0.1 and measure every query in headless Chromium."""
    from playwright.sync_api import sync_playwright

    (site / "pagefind-bench.html").write_text(PAGEFIND_HTML, encoding="utf-8")
    (site / "pagefind-bench.js").write_text(PAGEFIND_JS, encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    engines = {"portal": _portal} | ({"pagefind": _pagefind} if with_pagefind else {})
    out: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, run in engines.items():
                rows = []
                for i, query in enumerate(queries):
                    later = queries[(i + 1) % len(queries)]
                    first_bytes, later_bytes, results = run(browser, base, query, later)
                    rows.append({"query": query, "first": first_bytes, "later": later_bytes, "results": results})
                out[name] = {"first": _summary([r["first"] for r in rows]),
                             "later": _summary([r["later"] for r in rows]), "queries": rows}
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out
