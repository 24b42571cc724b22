"""Errors where staff look, in ``portal serve`` only: a panel on the page, marked links, a summary page.

A page whose file has an error shows a panel (file, line, message) above the last good version
that stays published; a link or image on a page that leads nowhere is marked; every current
problem is listed at ``/_preview/problems``. Registered only by ``portal serve`` (``PREVIEW``),
so neither a build nor a production server ever has any of it.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from flask import Blueprint, Flask, current_app, render_template, request
from flask.wrappers import Response
from markupsafe import escape

from .. import urls
from ..content.checks import broken_links, check_catalog, known_pages
from ..content.model import Entry
from ..i18n import current_language
from ..messages import translate, unique

bp = Blueprint("preview", __name__)
_MAIN = '<main id="main" class="wrap">'


def _catalog_state() -> dict:
    """Pages, entries by URL and link problems of the current catalogue, computed once per catalogue."""
    catalog = current_app.extensions["portal.catalog"]
    state = current_app.extensions.get("portal.preview.state")
    if state is None or state["catalog"] is not catalog:
        by_url = {unquote(urls.entry_path(e, lang)): e for e in catalog.entries.values() for lang in ("zh", "en")}
        state = {"catalog": catalog, "pages": known_pages(catalog), "by_url": by_url, "links": None}
        current_app.extensions["portal.preview.state"] = state
    return state


def current_problems() -> list:
    """File errors of the last reload (the previous version stays published) and link problems, each once."""
    state = _catalog_state()
    if state["links"] is None:
        state["links"] = check_catalog(state["catalog"])
    return unique(list(current_app.extensions.get("portal.preview.errors", [])) + state["links"])


def _file_errors(entry: Entry) -> list:
    translation = entry.path.with_name(entry.path.stem + ".en.md")
    errors = current_app.extensions.get("portal.preview.errors", [])
    return unique(p for p in errors if p.path in (entry.path, translation))


def _mark(html: str, broken: list[tuple[str, str]], lang: str) -> str:
    """Give each link or image leading nowhere a ``data-broken-link`` attribute with the reason."""
    for target, message in broken:
        reason = escape(translate(message, lang))
        pattern = re.compile(r'<(a|img)\b(?=[^>]*?\b(?:href|src)="' + re.escape(target) + '")')
        html = pattern.sub(lambda m, r=reason: f'<{m.group(1)} data-broken-link="{r}"', html)
    return html


def decorate(response: Response) -> Response:
    """Add the error panel and the broken-link marks to the HTML page of an entry."""
    if response.mimetype != "text/html" or response.direct_passthrough or response.status_code != 200:
        return response
    entry = _catalog_state()["by_url"].get(request.path)
    if entry is None:
        return response
    lang = current_language()
    body = entry.translation.html if lang == "en" and entry.translation else entry.html
    broken = broken_links(entry, _catalog_state()["pages"], body)
    errors = _file_errors(entry)
    if not broken and not errors:
        return response
    html = response.get_data(as_text=True)
    panel = render_template(
        "preview_panel.html",
        errors=[(p, translate(p.message, lang)) for p in errors],
        broken=[(t, translate(m, lang)) for t, m in broken],
        preview_url=urls.preview_problems_path(),
    )
    html = _mark(html, broken, lang).replace(_MAIN, _MAIN + panel, 1)
    response.set_data(html)
    return response


@bp.get(urls.preview_problems_path())
def problems() -> str:
    """Every current problem of the content, grouped by file."""
    lang = current_language()
    rows = [(p, translate(p.message, lang)) for p in current_problems()]
    return render_template("preview_problems.html", rows=rows)


def init_app(app: Flask) -> None:
    """Register the preview's problem views; call before the page cache so cached pages are decorated too."""
    app.register_blueprint(bp)
    app.after_request(decorate)
