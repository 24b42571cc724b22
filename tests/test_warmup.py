"""The warm-up a gunicorn master runs before forking: searchable documents built once, objects frozen."""

from __future__ import annotations

import gc

from portal.search import documents
from portal.warmup import warm_up


def test_warm_up_builds_every_searchable_document_and_freezes_them(app):
    documents._CACHE.clear()
    try:
        assert warm_up(app) >= 0
        built = {doc.entry.key for _, doc in documents._CACHE.values()}
        assert {("laws", "sample-law"), ("news", "first"), ("pages", "about")} <= built
        assert all("chunk_texts" in vars(doc) for _, doc in documents._CACHE.values())
        assert gc.get_freeze_count() > 0  # a worker's collections no longer walk (and copy) them
    finally:
        gc.unfreeze()
