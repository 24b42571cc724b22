"""The English catalogue covers every interface string."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

PORTAL = Path(__file__).resolve().parent.parent / "portal"
METHOD_MAP = [("**.py", "python"), ("templates/**.html", "jinja2")]


def test_every_interface_string_has_an_english_translation():
    with (PORTAL / "translations" / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    missing = []
    for _filename, _line, message, _comments, _context in extract_from_dir(
        str(PORTAL), METHOD_MAP, keywords={"_": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)},
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(msgid)
        if entry is None or not entry.string:
            missing.append(msgid)
    assert not missing, f"untranslated: {missing}"
