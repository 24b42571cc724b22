"""Filters and globals the templates use (URLs come from :mod:`portal.urls`)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote

from flask import Flask
from flask_babel import gettext

from .. import urls
from ..content.meta_rows import meta_rows
from ..content.schema import SECTIONS
from ..content.steps import step_groups
from ..generate import FORMATS


def format_date(value: dt.date | None, lang: str) -> str:
    """A date as 2020年10月17日 (zh) or 2020-10-17 (en); 未注明 when unknown."""
    if value is None:
        return gettext("未注明")
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.isoformat()


def section_label(name: str, lang: str) -> str:
    """The heading of a section in ``lang``."""
    if name == "library":
        return gettext("法律法规与政策")
    section = SECTIONS[name]
    return section.label_en if lang == "en" else section.label_zh


_SITE_LINK = re.compile(r'(href="/)(zh|en)(/)')


def file_size(size: int) -> str:
    """A file size as people read it: 860 B, 24 KB, 1.3 MB."""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{round(size / 1000)} KB"
    return f"{size / 1_000_000:.1f} MB"


def localize_links(fragment: str, lang: str) -> str:
    """Point links between the site's own pages at ``lang`` (content is written with /zh/ links)."""
    return _SITE_LINK.sub(lambda m: m.group(1) + lang + m.group(3), fragment)


def linked_html(entry) -> str:
    """The entry's HTML with its citations linked (see :mod:`portal.citations`)."""
    from ..citations.link import citation_index
    from .common import catalog

    return citation_index(catalog()).html.get(entry.key, entry.html)


def cited_by(entry) -> list:
    """Visible entries citing ``entry``, with how often: [(entry, count), …], most first."""
    from ..citations.link import citation_index
    from .common import catalog, now, show_drafts

    cat, moment = catalog(), now()
    counts = citation_index(cat).cited_by.get(entry.key, {})
    found = [(cat.entries[key], n) for key, n in counts.items() if key in cat.entries]
    shown = [(e, n) for e, n in found if e.is_visible(moment, show_drafts())]
    return sorted(shown, key=lambda pair: (-pair[1], pair[0].title))


def journeys(entry) -> list:
    """The journeys (guides with steps) that lead to ``entry``, when their pages are visible."""
    from ..content.journeys import memberships
    from .common import catalog, now, show_drafts

    moment = now()
    return [m for m in memberships(catalog(), entry) if m.journey.is_visible(moment, show_drafts())]


def step_target(step) -> tuple:
    """(library entry, article label) of the article a step rests on; (None, None) when not in the library."""
    from .common import catalog

    law = catalog().library_entry(step.law)
    if law is None:
        return None, None
    label = next((a.label for a in law.articles if a.anchor == step.anchor), None)
    if label is None and step.anchor.startswith("item-"):
        label = gettext("第%(n)s项", n=step.anchor.removeprefix("item-"))
    return law, label or ""


def step_guide(step):
    """The visible guide a step leads to, or None."""
    from .common import catalog, now, show_drafts

    guide = catalog().get("guides", step.guide) if step.guide else None
    return guide if guide and guide.is_visible(now(), show_drafts()) else None


def is_chinese(text: str) -> bool:
    """Whether ``text`` is mostly Chinese characters (a title that stays Chinese on an English page)."""
    letters = [c for c in str(text) if c.isalnum()]
    han = sum("\u4e00" <= c <= "\u9fff" for c in letters)
    return han > 0 and han * 2 >= len(letters)


def file_kind(fmt: str) -> str:
    """How a download list names a generated file's format."""
    return {"pdf": "PDF", "docx": "Word", "pptx": "PowerPoint", "zip": "ZIP"}.get(fmt, fmt.upper())


def generated_downloads(entry) -> list:
    """The generated .pdf and .docx of a law or policy page (see :mod:`portal.library_files`)."""
    from ..library_files import downloads

    return downloads(entry)


def init_app(app: Flask) -> None:
    """Expose URL builders and formatters to Jinja."""
    app.jinja_env.globals.update(
        entry_url=urls.entry_path,
        section_url=urls.section_path,
        home_url=urls.home_path,
        search_url=urls.search_path,
        article_url=urls.article_path,
        attachment_url=urls.attachment_path,
        generated_url=urls.generated_file_path,
        unit_zip_url=urls.unit_zip_path,
        student_url=urls.student_path,
        file_kind=file_kind,
        indicators_url=urls.indicators_path,
        indicators_csv_url=urls.indicators_csv_path,
        file_size=file_size,
        section_label=section_label,
        format_date=format_date,
        linked_html=linked_html,
        cited_by=cited_by,
        journeys=journeys,
        step_target=step_target,
        step_guide=step_guide,
        step_groups=step_groups,
        generated_downloads=generated_downloads,
        short_url=urls.short_path,
        meta_rows=meta_rows,
        download_type=lambda fmt: FORMATS[fmt],
    )
    app.jinja_env.filters["localize_links"] = localize_links
    app.jinja_env.tests["chinese"] = is_chinese
    app.jinja_env.filters["urldecode"] = unquote
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    init_context(app)
    from .guide_helpers import init_app as init_guides
    from .identity import init_app as init_identity

    init_identity(app)
    init_guides(app)


def nav_sections() -> list[str]:
    """Team-written sections that have something published, in menu order."""
    from .common import catalog, now, show_drafts

    moment = now()
    return [s for s in ("guides", "campaigns", "curricula", "news") if catalog().has_visible(s, moment, show_drafts())]


def init_context(app: Flask) -> None:
    """Values every page needs."""

    @app.context_processor
    def navigation() -> dict:
        from .common import catalog

        return {"nav_sections": nav_sections(), "has_indicators": bool(catalog().indicators)}
