"""Error pages: a 404 in the visitor's language, and /404.html for static hosts."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, g, render_template, request

from ..settings import LANGUAGES

bp = Blueprint("errors", __name__)


def _language_from_path() -> str:
    first = request.path.strip("/").split("/", 1)[0]
    return first if first in LANGUAGES else "zh"


@bp.route("/404.html", defaults={"lang": "zh"})
@bp.route("/en/404.html", defaults={"lang": "en"})
def not_found_page(lang: str):
    """The page static hosts serve for missing files, in Chinese and (under /en/) English; 200 only while freezing."""
    g.portal_lang = lang
    status = 200 if current_app.config.get("FREEZING") else 404
    return render_template("404.html"), status


def init_app(app: Flask) -> None:
    """Answer 404 and 400 with a page, never a stack trace."""

    @app.errorhandler(404)
    def not_found(error):
        g.portal_lang = _language_from_path()
        return render_template("404.html"), 404

    @app.errorhandler(400)
    def bad_request(error):
        g.portal_lang = _language_from_path()
        return render_template("404.html", bad_request=True), 400
