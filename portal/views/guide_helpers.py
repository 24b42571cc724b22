"""Template helpers of guide pages: FAQ structured data, related laws and related guides."""

from __future__ import annotations

import re
from urllib.parse import unquote

from flask import Flask
from markupsafe import Markup

from ..content.catalog import LIBRARY_SECTIONS
from ..content.faq import faq_items, faq_json_ld
from ..content.journeys import memberships, steps_of

_GUIDE_HREF = re.compile(r'href="/(?:zh|en)/guides/([^/"#?]+)/')


def _body(entry, lang: str) -> str:
    return entry.translation.html if lang == "en" and entry.translation else entry.html


def faq_data(entry, lang: str) -> Markup | None:
    """The FAQPage JSON-LD of the page in ``lang``, or None when it has no FAQ section."""
    items = faq_items(_body(entry, lang))
    return Markup(faq_json_ld(items, lang)) if items else None


def related_laws(entry) -> list:
    """Visible library entries the entry cites or links to, most cited first."""
    from ..citations.link import citation_index
    from .common import catalog, now, show_drafts

    cat, moment = catalog(), now()
    counts = citation_index(cat).cites.get(entry.key, {})
    found = [(cat.entries[k], n) for k, n in counts.items() if k in cat.entries and k[0] in LIBRARY_SECTIONS]
    shown = [(e, n) for e, n in found if e.is_visible(moment, show_drafts())]
    return [e for e, _n in sorted(shown, key=lambda pair: (-pair[1], pair[0].title))]


def related_guides(entry) -> list:
    """Visible guides linked from the entry, its steps and the journeys it belongs to, in that order."""
    from .common import catalog, now, show_drafts

    cat, moment = catalog(), now()
    slugs = [unquote(s) for s in _GUIDE_HREF.findall(entry.html)] + [s.guide for s in steps_of(entry) if s.guide]
    slugs += [m.journey.slug for m in memberships(cat, entry)]
    found = []
    for slug in slugs:
        guide = cat.get("guides", slug)
        if guide and guide.key != entry.key and guide not in found and guide.is_visible(moment, show_drafts()):
            found.append(guide)
    return found


def guides_citing(citing: list) -> tuple[list, list]:
    """Split a 被引用 list [(entry, count), …] into (guides, the rest)."""
    return [p for p in citing if p[0].section == "guides"], [p for p in citing if p[0].section != "guides"]


def init_app(app: Flask) -> None:
    """Expose the helpers to Jinja."""
    app.jinja_env.globals.update(
        faq_data=faq_data, related_laws=related_laws, related_guides=related_guides, guides_citing=guides_citing
    )
