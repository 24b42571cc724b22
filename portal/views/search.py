"""The search page (live: answered here; frozen: answered by static/js/search/) and the JSON API."""

from __future__ import annotations

from dataclasses import asdict
from urllib.parse import urlencode

from flask import Blueprint, Flask, current_app, jsonify, render_template, request
from flask_babel import gettext

from .. import urls
from ..content.schema import IP_FIELDS, LEVELS
from ..search.documents import SECTION_NAMES
from ..search.engine import SORTS, Filters
from ..search.refresh import register_reload_hook
from ..search.service import Answer, date_label, search
from ..search.static_index import index_url, register_hook
from .common import catalog, now
from .template_helpers import section_label

bp = Blueprint("search", __name__)
LIBRARY = "library"
MAX_PAGE = 1000
ERRORS = {
    "empty": "empty query: give q, the words to search for",
    "too_long": "query too long: at most 200 characters",
    "no_terms": "query has no letters, digits or Chinese characters to search for",
}


class BadParameter(ValueError):
    """A query-string parameter the API cannot use."""


def _choice(name: str, allowed: tuple[str, ...]) -> str:
    value = request.args.get(name, "")
    if value and value not in allowed:
        raise BadParameter(f"unknown {name} {value[:40]!r}; allowed: {', '.join(allowed)}")
    return value


def _page() -> int:
    raw = request.args.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise BadParameter(f"page must be a whole number from 1 to {MAX_PAGE}")
    return int(raw)


def _options() -> dict:
    """Filters, sort and page from the query string; :class:`BadParameter` when one is unusable."""
    section = _choice("section", (LIBRARY, *SECTION_NAMES))
    level = _choice("level", LEVELS)
    field = _choice("field", IP_FIELDS)
    sort = _choice("sort", SORTS) or "relevance"
    sections = (SECTION_NAMES.index("laws"), SECTION_NAMES.index("policies")) if section == LIBRARY else (
        (SECTION_NAMES.index(section),) if section else ())
    filters = Filters(sections, LEVELS.index(level) + 1 if level else None,
                      1 << IP_FIELDS.index(field) if field else None)
    return {"filters": filters, "sort": sort, "page": _page(), "chosen": {
        "section": section, "level": level, "field": field, "sort": sort}}


def _page_link(lang: str, query: str, chosen: dict, page: int) -> str:
    params = {"q": query, **{k: v for k, v in chosen.items() if v and not (k == "sort" and v == "relevance")}}
    if page > 1:
        params["page"] = page
    return f"{urls.search_path(lang)}?{urlencode(params)}#search-count"


@bp.route("/<lang:lang>/search/")
def page(lang: str):
    """Search page; frozen it is an empty shell that the browser search fills from the static index."""
    frozen = bool(current_app.config.get("FREEZING"))
    query = "" if frozen else request.args.get("q", "")
    try:
        options = _options()
    except BadParameter:
        options = {"filters": Filters(), "sort": "relevance", "page": 1, "chosen": {
            "section": "", "level": "", "field": "", "sort": "relevance"}}
    answer = None
    if "q" in request.args and not frozen:
        answer = search(current_app, query, filters=options["filters"], sort=options["sort"],
                        page=options["page"], lang=lang)
    return render_template(
        "search.html", query=query, answer=answer, chosen=options["chosen"], frozen=frozen,
        index_url=index_url(current_app), options=_options_for(lang),
        page_link=lambda n: _page_link(lang, query, options["chosen"], n), date_label=date_label,
        labels=_labels(lang),
    )


def _options_for(lang: str) -> dict[str, list[tuple[str, str]]]:
    """(value, text) of each choice of the section, level and field filters, in ``lang``."""
    return {"section": [(name, section_label(name, lang)) for name in (LIBRARY, *SECTION_NAMES)],
            "level": [(name, gettext(name)) for name in LEVELS],
            "field": [(name, gettext(name)) for name in IP_FIELDS]}


def _labels(lang: str) -> dict:
    """Section and level names in ``lang`` and the guides to suggest, as the live page shows them."""
    return {"sections": {name: section_label(name, lang) for name in SECTION_NAMES},
            "levels": {name: gettext(name) for name in LEVELS},
            "guides": [{"title": e.title_for(lang), "url": urls.entry_path(e, lang)}
                       for e in catalog().section("guides", now())]}


def _json(answer: Answer) -> dict:
    return {
        "query": answer.query, "total": answer.total, "page": answer.page, "pages": answer.pages,
        "partial": answer.partial, "results": [asdict(r) for r in answer.results], "also": answer.also,
        "cited": {"article": answer.cited[0], "found": answer.cited[1]} if answer.cited else None,
    }


@bp.route("/api/search")
def api():
    """JSON search: ?q=…&section=…&level=…&field=…&sort=…&page=…; 400 with {"error"} for bad parameters."""
    try:
        options = _options()
    except BadParameter as exc:
        return jsonify(error=str(exc)), 400
    lang = request.args.get("lang", "zh")
    if lang not in ("zh", "en"):
        return jsonify(error="lang must be zh or en"), 400
    answer = search(current_app, request.args.get("q", ""), filters=options["filters"], sort=options["sort"],
                    page=options["page"], lang=lang)
    if answer.error:
        return jsonify(error=ERRORS[answer.error], query=answer.query), 400
    return jsonify(_json(answer))


def init_app(app: Flask) -> None:
    """Register the static-index writer with the freezer and the index refresh with the preview.

    (The blueprint is registered by the caller.)
    """
    register_hook(live_only=("search.api",))
    register_reload_hook()
