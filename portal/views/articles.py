"""Sections written by the portal's team: news, guides, campaigns, curricula, pages."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from . import teaching
from .common import catalog, now, show_drafts, visible_or_404
from .converters import ARTICLE_SECTIONS

bp = Blueprint("articles", __name__)
__all__ = ["ARTICLE_SECTIONS", "bp"]


def page_count(section: str, total: int) -> int:
    """Pages of a section listing (the teaching resources are one filterable page)."""
    if section == "curricula":
        return 1
    size = current_app.config["PAGE_SIZE"]
    return max(1, -(-total // size))


@bp.route("/<lang:lang>/<section:section>/", defaults={"page": 1})
@bp.route("/<lang:lang>/<section:section>/page/<int:page>/")
def index(lang: str, section: str, page: int):
    """A section's entries, newest first, paginated in the path."""
    if section == "curricula":  # one filterable page, in band order
        if page != 1:
            abort(404)
        return teaching.listing(lang)
    entries = catalog().section(section, now(), show_drafts())
    pages = page_count(section, len(entries))
    if page < 1 or page > pages:
        abort(404)
    size = current_app.config["PAGE_SIZE"]
    return render_template(
        "section.html",
        section=section,
        entries=entries[(page - 1) * size : page * size],
        page=page,
        pages=pages,
    )


@bp.route("/<lang:lang>/<section:section>/<slug:slug>/")
def entry(lang: str, section: str, slug: str):
    """One team-written entry."""
    item = visible_or_404(catalog().get(section, slug))
    if section == "curricula":
        return teaching.lesson_page(lang, item)
    return render_template("entry.html", entry=item, section=section)
