"""A campaign year's toolkit: the page (downloads, poster gallery, self-check quiz, key articles) and its files.

The files are typeset on first use through the generated-file cache (``GENERATED_CACHE_DIR``), so a
build or a live server typesets each version once; the bundle of the current catalogue is kept
in memory, so the download list states the sizes of the very bytes served.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from flask import Blueprint, Response, abort, current_app, render_template

from .. import urls
from ..content import campaigns as data
from ..content.catalog import Catalog
from ..content.model import Entry
from ..content.toolkit import ArticleRef
from ..generate.cache import GeneratedCache
from ..generate.render import FORMATS
from ..generate.toolkit import LETTERS, Bundle, Quoted, build_bundle, png_size, quote_article
from ..pipeline import trace
from ..settings import LANGUAGES
from .common import catalog, now, show_drafts, visible_or_404

bp = Blueprint("toolkit", __name__)
MIMETYPES = FORMATS | {"zip": "application/zip"}
MAX_AGE = 3600


@dataclass(frozen=True)
class Cited:
    """A toolkit article as the page shows it: the quote and the link to its anchor in the library."""

    quoted: Quoted
    href: str


def bundle_of(entry: Entry | None) -> Bundle | None:
    """The toolkit files of a campaign-year entry (built once per catalogue), or None."""
    if entry is None or not entry.extra["campaign"].toolkit:
        return None
    cat = catalog()
    memo = current_app.extensions.setdefault("portal.toolkit", {})
    year = entry.extra["campaign"].year
    kept = memo.get(year)
    if kept is None or kept[0] is not cat or kept[1] is not entry:
        cache = GeneratedCache(current_app.config["GENERATED_CACHE_DIR"])
        config = current_app.config
        bundle = trace.computed(lambda: build_bundle(entry, cat, cache, config["SITE_NAME"], config["SITE_URL"]))
        kept = memo[year] = (cat, entry, *bundle)
    trace.replay(kept[3])  # the laws the posters quote, for the build's record of what each page read
    return kept[2]


def _cited(refs: tuple[ArticleRef, ...], lang: str) -> list[Cited]:
    """The articles of ``refs`` found in the library, with their links (the others are left out)."""
    found = []
    for ref in refs:
        quoted = quote_article(catalog(), ref, current_app.config["SITE_URL"])
        resolved = ref.resolve(catalog())
        if quoted and resolved:
            found.append(Cited(quoted, urls.article_path(resolved[0], lang, ref.anchor)))
    return found


def _year(year: int) -> Entry:
    return visible_or_404(data.year_entry(catalog(), year, now(), show_drafts()))


@bp.route("/<lang:lang>/campaigns/<int:year>/toolkit/")
def page(lang: str, year: int):
    """Downloads with format and size, the poster gallery, the quiz as a self-check, the key articles."""
    entry = _year(year)
    kit = entry.extra["campaign"].toolkit
    if not kit:
        abort(404)
    quiz = [(item, _cited(item.articles, lang)) for item in kit.quiz]
    return render_template(
        "campaign_toolkit.html",
        section="campaigns",
        entry=entry,
        info=entry.extra["campaign"],
        bundle=bundle_of(entry),
        quiz=quiz,
        letters=LETTERS,
        articles=_cited(kit.key_articles, lang),
    )


@bp.route("/campaigns/<int:year>/toolkit/<name>")
def file(year: int, name: str):
    """One toolkit file (a poster, a handout, the zip) or a gallery preview, the same in every language."""
    found = bundle_of(_year(year))
    body = found.data(name) if found else None
    if body is None:
        abort(404)
    mimetype = MIMETYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
    response = Response(body, mimetype=mimetype)
    response.cache_control.max_age = MAX_AGE
    return response


def page_urls(cat: Catalog, moment) -> Iterator[tuple[str, dict]]:
    """Every toolkit page and file, for the freezer."""
    for entry in data.years(cat, moment):
        found = bundle_of(entry)
        if found is None:
            continue
        for lang in LANGUAGES:
            yield "toolkit.page", {"lang": lang, "year": found.year}
        for name in [f.name for f in found.files] + sorted(found.previews):
            yield "toolkit.file", {"year": found.year, "name": name}


@bp.app_context_processor
def _helpers() -> dict:
    return {
        "toolkit_bundle": bundle_of,
        "toolkit_url": urls.toolkit_path,
        "toolkit_file_url": urls.toolkit_file_path,
        "png_size": png_size,
    }
