"""Warm a freshly created application before it takes requests (gunicorn's ``on_starting``).

With ``preload_app`` the master creates the app once and forks the workers from it, so what is
opened here (the live search index, its tables, the segmenter's dictionary, the first postings,
the rendered home and library pages) is shared copy-on-write and no worker's first request pays
for it.
"""

from __future__ import annotations

import gc
import time

from flask import Flask

from . import urls
from .pipeline.prepare import precompute
from .search.documents import search_documents
from .settings import LANGUAGES
from .views.common import now

# A query that touches the index, the segmenter and the snippet code; and the API.
WARM_QUERIES = ("专利", "商标 侵权")


def warm_pages(lang: str) -> list[str]:
    """Paths fetched once per language at start-up (they land in the page cache)."""
    return [urls.home_path(lang), urls.section_path(lang, "library"), urls.search_path(lang)]


def warm_search_documents(app: Flask) -> int:
    """Build the searchable form (parts and chunks) of every document once, as the first queries would.

    Ranking reads the text of up to 200 candidates per query for its exact-phrase bonus; built
    here, in the master, those forms are shared by every worker instead of being built by each
    worker's first queries (hundreds of milliseconds each at a few thousand documents).
    """
    with app.app_context():
        docs = search_documents(app.extensions["portal.catalog"], now())
        for doc in docs:
            doc.chunk_texts  # noqa: B018 - computed and cached on the document
    return len(docs)


def freeze_shared_objects() -> None:
    """Move everything loaded so far out of the garbage collector's reach (``gc.freeze``).

    Forked workers share the master's memory copy-on-write; a collection in a worker would walk
    (and so write to, and copy) every object of the catalogue and the index. Frozen objects are
    never walked, so a worker keeps sharing them.
    """
    gc.collect()
    gc.freeze()


def warm_up(app: Flask) -> float:
    """Open the index, build the searchable documents and render the busiest pages once; return the seconds."""
    started = time.perf_counter()
    warm_search_documents(app)
    precompute(app.extensions["portal.catalog"])  # citation links, names, journeys: every law page reads them
    client = app.test_client()
    for lang in LANGUAGES:
        for path in warm_pages(lang):
            client.get(path)
        for query in WARM_QUERIES:
            client.get(urls.search_path(lang), query_string={"q": query})
    for query in WARM_QUERIES:
        client.get("/api/search", query_string={"q": query})
    freeze_shared_objects()
    return time.perf_counter() - started
