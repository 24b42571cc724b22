"""The generated .pdf and .docx of every law and policy, at one address in every language."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app

from ..generate import FORMATS
from ..library_files import file_bytes
from .common import catalog, visible_or_404

bp = Blueprint("downloads", __name__)
MAX_AGE = 3600


@bp.route("/downloads/library/<slug:slug>.<any(pdf, docx):fmt>")
def library_file(slug: str, fmt: str):
    """A law or policy as a file, generated from the page's source (once per version)."""
    if not current_app.config["LIBRARY_DOWNLOADS"]:
        abort(404)
    entry = visible_or_404(catalog().library_entry(slug))
    response = Response(file_bytes(entry, fmt), mimetype=FORMATS[fmt])
    response.headers["Content-Disposition"] = f"inline; filename*=UTF-8''{slug_quoted(slug)}.{fmt}"
    response.cache_control.max_age = MAX_AGE
    return response


def slug_quoted(slug: str) -> str:
    """The slug percent-encoded for a Content-Disposition filename* (RFC 6266)."""
    from urllib.parse import quote

    return quote(slug, safe="")
