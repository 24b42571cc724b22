"""Files offered for download with an entry (teaching materials, forms, annexes)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, send_file

from .common import catalog, visible_or_404

bp = Blueprint("files", __name__)
MAX_AGE = 3600


@bp.route("/files/<content_section:section>/<slug:slug>/<filename>")
def attachment(section: str, slug: str, filename: str):
    """One attachment of a visible entry, served as a download under its own file name."""
    entry = visible_or_404(catalog().get(section, slug))
    found = next((a for a in entry.attachments if a.name == filename), None)
    if found is None:
        abort(404)
    freezing = bool(current_app.config.get("FREEZING"))
    try:
        return send_file(found.path, download_name=found.name, as_attachment=not freezing, max_age=MAX_AGE)
    except FileNotFoundError:  # removed since the content was read; the next reload reports it
        abort(404)
