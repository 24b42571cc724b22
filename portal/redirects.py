"""Relative redirects: a Location never carries the host a client claimed in its Host header."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response, request


def relative_location(location: str, host_url: str) -> str:
    """``location`` without scheme and host when it points at this site (``host_url``)."""
    parts = urlsplit(location)
    if parts.netloc and parts.netloc == urlsplit(host_url).netloc:
        return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    return location


def init_app(app: Flask) -> None:
    """Make every redirect to this site (trailing-slash redirects included) relative."""

    @app.after_request
    def relative_redirects(response: Response) -> Response:
        location = response.headers.get("Location")
        if location and 300 <= response.status_code < 400:
            response.headers["Location"] = relative_location(location, request.host_url)
        return response
