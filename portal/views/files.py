"""Files offered for download with an entry: attachments, generated lesson files and unit zips.

Only catalogued files are served: a name is looked up among the entry's files, never joined to a
path, so ``../``, encoded slashes and absolute paths find nothing and answer 404.
"""

from __future__ import annotations

import mimetypes
import re
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, send_file

from ..content.units import unit_named
from ..generate.render import GenerateError
from ..generate.slides import MIME as PPTX
from .common import catalog, now, show_drafts, visible_or_404
from .teaching import file_bytes, files_of, unit_bytes

bp = Blueprint("files", __name__)
MAX_AGE = 3600
TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": PPTX,
    ".zip": "application/zip",
}


def content_disposition(name: str, fallback: str) -> str:
    """``attachment`` with an ASCII ``filename`` and the UTF-8 name in ``filename*`` (RFC 6266, RFC 5987)."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "-", fallback).strip("-") or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def _download(data: bytes, name: str, fallback: str) -> Response:
    suffix = "." + name.rsplit(".", 1)[-1].lower()
    mimetype = TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = Response(data, mimetype=mimetype)
    if not current_app.config.get("FREEZING"):
        response.headers["Content-Disposition"] = content_disposition(name, fallback)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.cache_control.max_age = MAX_AGE
    return response


@bp.route("/files/<content_section:section>/<slug:slug>/<filename>")
def attachment(section: str, slug: str, filename: str):
    """One file of a visible entry (attached or generated), served as a download under its own name."""
    entry = visible_or_404(catalog().get(section, slug))
    found = next((a for a in entry.attachments if a.name == filename), None)
    if found is None:
        generated = next((f for f in files_of(entry) if f.name == filename), None)
        if generated is None:
            abort(404)
        fallback = f"{entry.slug}-{generated.kind}.{generated.fmt}"
        return _download(_made(file_bytes, generated), generated.name, fallback)
    try:
        response = send_file(found.path, download_name=found.name, as_attachment=False, max_age=MAX_AGE)
    except FileNotFoundError:  # removed since the content was read; the next reload reports it
        abort(404)
    if not current_app.config.get("FREEZING"):
        response.headers["Content-Disposition"] = content_disposition(found.name, f"{entry.slug}{found.path.suffix}")
    return response


@bp.route("/files/units/<slug:unit>.zip")
def unit_zip(unit: str):
    """Every file of a teaching unit and its manifest, in one zip."""
    found = unit_named(catalog(), unit, now(), show_drafts())
    if found is None:
        abort(404)
    return _download(_made(unit_bytes, found), f"{found.key}.zip", "unit.zip")


def _made(make, item) -> bytes:
    """The bytes of a generated file; a renderer failure (e.g. no CJK font) answers 503 and is logged."""
    try:
        return make(item)
    except GenerateError as exc:
        if current_app.config.get("FREEZING"):
            raise  # the build stops and the previous build stays in place
        current_app.logger.error("%s", exc)
        abort(503, description=str(exc))
