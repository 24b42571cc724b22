"""A bounded in-memory cache of rendered pages for the live site.

The catalogue never changes inside a process, so a page only changes when a scheduled
entry (``publish_at``) becomes visible: every cached page expires at the next such moment.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Flask, Response, current_app, request

from .views.common import catalog, now

CACHEABLE_TYPES = ("text/html", "application/xml", "application/json")


@dataclass(frozen=True)
class CachedPage:
    """A response body with the headers needed to replay it."""

    body: bytes
    status: int
    mimetype: str
    expires: dt.datetime | None


class PageCache:
    """Least-recently-used pages keyed by path, thread-safe."""

    def __init__(self, size: int):
        self.size = size
        self.pages: OrderedDict[str, CachedPage] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str, moment: dt.datetime) -> CachedPage | None:
        """The page cached under ``key`` if it has not expired."""
        with self.lock:
            page = self.pages.get(key)
            if page is None:
                return None
            if page.expires is not None and moment >= page.expires:
                del self.pages[key]
                return None
            self.pages.move_to_end(key)
            return page

    def clear(self) -> None:
        """Forget every page (the catalogue changed)."""
        with self.lock:
            self.pages.clear()

    def put(self, key: str, page: CachedPage) -> None:
        """Store ``page``, dropping the least recently used one when full."""
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


def next_publication(moment: dt.datetime) -> dt.datetime | None:
    """The next time a scheduled entry becomes visible, if any."""
    upcoming = [e.publish_at for e in catalog().entries.values() if e.publish_at and e.publish_at > moment]
    return min(upcoming, default=None)


# Pages whose query string selects what they show: cached per query (library filters and their pages).
QUERY_PAGES = {"library.index": frozenset({"level", "region", "field", "status", "page"})}


def cache_key() -> str | None:
    """The key of this request's page: its path, plus the normalised query of a filter page; None: not cached."""
    if not request.query_string:
        return request.path
    allowed = QUERY_PAGES.get(request.endpoint or "")
    args = request.args
    if allowed is None or not set(args) <= allowed or any(len(args.getlist(k)) > 1 for k in args):
        return None
    chosen = sorted((k, v) for k, v in args.items() if v)
    return request.path + ("?" + urlencode(chosen) if chosen else "")


def _cacheable_request() -> bool:
    config = current_app.config
    return (
        request.method == "GET"
        and cache_key() is not None
        and not config.get("FREEZING")
        and not config.get("SHOW_DRAFTS")
        and config.get("PAGE_CACHE_SIZE", 0) > 0
        and request.cookies.get("portal-elder") != "1"
        and not request.path.startswith(("/static/", "/api/search"))
    )


def init_app(app: Flask) -> None:
    """Serve repeated page requests from memory."""
    cache = PageCache(app.config["PAGE_CACHE_SIZE"])
    app.extensions["portal.page_cache"] = cache

    @app.before_request
    def replay() -> Response | None:
        if not _cacheable_request():
            return None
        page = cache.get(cache_key(), now())
        if page is None:
            return None
        return Response(page.body, status=page.status, mimetype=page.mimetype)

    @app.after_request
    def remember(response: Response) -> Response:
        if _cacheable_request() and response.status_code == 200 and response.mimetype in CACHEABLE_TYPES:
            if not response.direct_passthrough:
                moment = now()
                page = CachedPage(response.get_data(), 200, response.mimetype, next_publication(moment))
                cache.put(cache_key(), page)
        return response
