"""Validators for live pages: Cache-Control and an ETag on every HTML page, 304 for a matching
conditional GET. Compression is the proxy's job (nginx, deploy/nginx.conf): gunicorn sends
uncompressed bodies."""

from __future__ import annotations

from flask import Flask, Response, current_app, request

# Revalidated on every visit (cheap: the ETag answers 304), because a page depends on the reader's
# 长辈模式 cookie as well as its URL: a page kept for minutes would undo the switch (Vary: Cookie).
PUBLIC_HTML = "public, no-cache"
# `portal serve` shows drafts and edits at once: browsers must ask again every time.
PREVIEW_HTML = "no-cache, private"


def init_app(app: Flask) -> None:
    """Add Cache-Control and ETag to HTML pages and answer If-None-Match with 304."""

    @app.after_request
    def validators(response: Response) -> Response:
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if response.mimetype != "text/html" or response.is_streamed:
            return response
        preview = current_app.config.get("PREVIEW") or current_app.config.get("SHOW_DRAFTS")
        response.headers.setdefault("Cache-Control", PREVIEW_HTML if preview else PUBLIC_HTML)
        response.vary.add("Cookie")
        if "ETag" not in response.headers:
            response.add_etag()
        return response.make_conditional(request)
