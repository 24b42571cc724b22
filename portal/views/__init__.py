"""One blueprint per page type; :func:`init_app` registers them all."""

from __future__ import annotations

from flask import Flask

from . import (
    articles,
    campaigns,
    compare,
    converters,
    downloads,
    errors,
    feeds,
    files,
    home,
    indicators,
    library,
    prefs,
    search,
    teaching,
    template_helpers,
    toolkit,
)


def init_app(app: Flask) -> None:
    """Register every page type and the template helpers."""
    converters.init_app(app)
    template_helpers.init_app(app)
    prefs.init_app(app)
    for module in (home, library, downloads, compare, campaigns, toolkit, teaching, articles, indicators, feeds, files,
                   search, errors, prefs):
        app.register_blueprint(module.bp)
    errors.init_app(app)
    search.init_app(app)
