"""URL converters: only known languages and sections match, anything else is a 404."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import BaseConverter

from ..content.schema import SECTIONS
from ..settings import LANGUAGES

ARTICLE_SECTIONS = ("news", "guides", "campaigns", "curricula", "pages")
FEED_SECTIONS = ARTICLE_SECTIONS + ("library",)


def _choice(names: tuple[str, ...]) -> type[BaseConverter]:
    class Choice(BaseConverter):
        regex = "|".join(names)

    return Choice


class SlugConverter(BaseConverter):
    """A slug: no slash and no dot, so ``feed.xml`` beside a listing is never taken for one."""

    regex = "[^/.]+"


def init_app(app: Flask) -> None:
    """Register the converters before any route uses them."""
    app.url_map.converters.update(
        lang=_choice(LANGUAGES),
        section=_choice(ARTICLE_SECTIONS),
        content_section=_choice(tuple(SECTIONS)),
        feed_section=_choice(FEED_SECTIONS),
        slug=SlugConverter,
    )
