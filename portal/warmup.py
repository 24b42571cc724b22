"""Warm a freshly created application before it takes requests (gunicorn's ``on_starting``).

With ``preload_app`` the master creates the app once and forks the workers from it, so what is
opened here (the live search index, its tables, the segmenter's dictionary, the first postings,
the rendered home and library pages) is shared copy-on-write and no worker's first request pays
for it.
"""

from __future__ import annotations

import time

from flask import Flask

from . import urls
from .settings import LANGUAGES

# A query that touches the index, the segmenter and the snippet code; and the API.
WARM_QUERIES = ("专利", "商标 侵权")


def warm_pages(lang: str) -> list[str]:
    """Paths fetched once per language at start-up (they land in the page cache)."""
    return [urls.home_path(lang), urls.section_path(lang, "library"), urls.search_path(lang)]


def warm_up(app: Flask) -> float:
    """Open the index and render the busiest pages once; return the seconds it took."""
    started = time.perf_counter()
    client = app.test_client()
    for lang in LANGUAGES:
        for path in warm_pages(lang):
            client.get(path)
        for query in WARM_QUERIES:
            client.get(urls.search_path(lang), query_string={"q": query})
    for query in WARM_QUERIES:
        client.get("/api/search", query_string={"q": query})
    return time.perf_counter() - started
