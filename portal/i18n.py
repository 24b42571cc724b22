"""Languages: Flask-Babel wired so each request (and each frozen page) has its own locale."""

from __future__ import annotations

from pathlib import Path

import flask_babel
from babel.messages import mofile, pofile
from flask import Flask, g, request

from .settings import LANGUAGES

TRANSLATIONS = Path(__file__).parent / "translations"
HTML_LANG = {"zh": "zh-CN", "en": "en"}


def compile_translations(folder: Path = TRANSLATIONS) -> list[Path]:
    """Compile each ``.po`` catalogue whose ``.mo`` is missing or older; return those written."""
    written = []
    for po_path in folder.glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalog = pofile.read_po(handle, locale=po_path.parent.parent.name)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as handle:
            mofile.write_mo(handle, catalog)
        tmp.replace(mo_path)
        written.append(mo_path)
    return written


def current_language() -> str:
    """Language of the current request: the one in the URL, else the default."""
    lang = (request.view_args or {}).get("lang") if request else None
    return lang if lang in LANGUAGES else g.get("portal_lang", "zh")


def _select_locale() -> str:
    return current_language()


def _refresh_locale() -> None:
    """Forget the locale cached on ``g`` (Frozen-Flask reuses one context for every page)."""
    flask_babel.refresh()
    g.pop("portal_translations", None)


def _translations():
    """This request's catalogue, looked up once per request (Flask-Babel's lookup, done for each of
    the ~60 messages of a page, was a third of the time a law page took to render)."""
    found = g.get("portal_translations")
    if found is None:
        found = g.portal_translations = flask_babel.get_translations()
    return found


def _install_template_gettext(app: Flask) -> None:
    """The templates' ``_()`` and friends, reading :func:`_translations` (same results as Flask-Babel's)."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
    )


def init_app(app: Flask) -> None:
    """Compile catalogues and attach Flask-Babel with a URL-based locale."""
    try:
        compile_translations()
    except OSError as exc:  # read-only install: the compiled files must already be there
        app.logger.warning("could not compile translations: %s", exc)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "zh")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    flask_babel.Babel(app, locale_selector=_select_locale)
    _install_template_gettext(app)
    app.before_request(_refresh_locale)

    @app.context_processor
    def language_context() -> dict:
        lang = current_language()
        return {"lang": lang, "html_lang": HTML_LANG[lang], "languages": LANGUAGES}
