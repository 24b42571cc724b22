"""The site's identity for every page: owner, contact and filing numbers, and a page description."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app
from flask_babel import gettext

from ..settings import IDENTITY_SETTINGS

DESCRIPTION_LIMIT = 160


def page_description(entry: Any, lang: str) -> str:
    """The ``<meta name="description">`` of a page: the entry's summary in ``lang``, else the site's."""
    text = None
    if entry is not None:
        if lang == "en":
            text = (entry.translation and entry.translation.summary) or entry.extra.get("summary_en")
        text = text or entry.summary or entry.title_for(lang)
    text = text or gettext("重庆市和巫山县的知识产权法律法规、办事指南、宣传活动和普及教育资料。")
    return " ".join(str(text).split())[:DESCRIPTION_LIMIT]


def init_app(app: Flask) -> None:
    """Expose the identity settings and the description helper to every template."""
    app.jinja_env.globals["page_description"] = page_description

    @app.context_processor
    def identity() -> dict:
        return {"identity": {name: current_app.config.get(name, "") for name in IDENTITY_SETTINGS}}
