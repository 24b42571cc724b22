"""One blueprint per page type; :func:`init_app` registers them all."""

from __future__ import annotations

from flask import Flask

from . import articles, errors, home, library, template_helpers


def init_app(app: Flask) -> None:
    """Register every page type and the template helpers."""
    template_helpers.init_app(app)
    for module in (home, library, articles, errors):
        app.register_blueprint(module.bp)
    errors.init_app(app)
