"""The home page of each language, and / (a redirect live, a real page when frozen)."""

from __future__ import annotations

from flask import Blueprint, current_app, g, redirect, render_template, request

from ..settings import LANGUAGES
from .common import catalog, now, show_drafts

bp = Blueprint("home", __name__)
SECTION_ORDER = ("guides", "campaigns", "curricula", "news")


def _home_context(lang: str) -> dict:
    cat = catalog()
    moment = now()
    sections = [s for s in SECTION_ORDER if cat.section(s, moment, show_drafts())]
    return {
        "lang": lang,
        "latest_news": cat.section("news", moment, show_drafts())[:5],
        "latest_library": cat.library(moment, show_drafts())[:6],
        "sections": sections,
        "library_count": len(cat.library(moment, show_drafts())),
    }


@bp.route("/")
def root():
    """Live: redirect by Accept-Language. Frozen: the Chinese home page itself."""
    if current_app.config.get("FREEZING"):
        g.portal_lang = "zh"
        return render_template("home.html", is_root=True, **_home_context("zh"))
    best = request.accept_languages.best_match(LANGUAGES) or current_app.config["DEFAULT_LANGUAGE"]
    return redirect(f"/{best}/", code=302)


@bp.route("/<lang:lang>/")
def index(lang: str):
    """Home page: what the portal offers, the latest items, the search box."""
    return render_template("home.html", **_home_context(lang))
