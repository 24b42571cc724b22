"""知识产权公共信息与教育门户 — a Flask site that also freezes to static HTML."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from . import cache, http_cache, i18n, redirects, security, views
from .citations.store import store_path
from .content import load_catalog
from .content.parse_cache import ParseCache, StoredParseCache, stored_cache
from .settings import REPO_ROOT, load_settings

__all__ = ["create_app"]


def _parse_cache(app: Flask) -> ParseCache:
    """In the commands (``STORE_PARSED``), parsed files are kept in GENERATED_CACHE_DIR between runs."""
    if not app.config.get("STORE_PARSED"):
        return ParseCache()
    from .pipeline.digest import print_parsed

    return stored_cache(app.config["GENERATED_CACHE_DIR"], print_parsed)


def create_app(test_config: dict | None = None) -> Flask:
    """Create the portal application; ``test_config`` overrides settings."""
    app = Flask(
        __name__,
        static_folder=str(REPO_ROOT / "static"),
        static_url_path="/static",
        instance_path=str(REPO_ROOT / "instance"),
    )
    app.config.update(load_settings(test_config))
    app.url_map.strict_slashes = True
    parse_cache = app.extensions["portal.parse_cache"] = _parse_cache(app)
    app.extensions["portal.catalog"] = load_catalog([Path(p) for p in app.config["CONTENT_DIRS"]], parse_cache)
    if isinstance(parse_cache, StoredParseCache):
        parse_cache.save()
        app.extensions["portal.catalog"].citation_store = store_path(app.config["GENERATED_CACHE_DIR"])
    i18n.init_app(app)
    security.init_app(app)
    http_cache.init_app(app)
    redirects.init_app(app)
    views.init_app(app)
    if app.config.get("PREVIEW"):  # portal serve only: problems shown on the pages
        from .views import preview_panel

        preview_panel.init_app(app)
    cache.init_app(app)
    return app
