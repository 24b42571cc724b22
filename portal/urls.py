"""The one place that builds the portal's URLs."""

from __future__ import annotations

from urllib.parse import quote

from .content.attachments import Attachment
from .content.catalog import LIBRARY_SECTIONS
from .content.model import Entry


def home_path(lang: str) -> str:
    """Home page of a language."""
    return f"/{lang}/"


def section_path(lang: str, section: str, page: int = 1) -> str:
    """Listing of a section (the library for laws and policies); page 2+ in the path."""
    if section == "reports":
        return indicators_path(lang)
    base = f"/{lang}/library/" if section in LIBRARY_SECTIONS or section == "library" else f"/{lang}/{section}/"
    return base if page <= 1 else f"{base}page/{page}/"


def entry_path(entry: Entry, lang: str) -> str:
    """Page of one entry, percent-encoded."""
    if entry.section in LIBRARY_SECTIONS:
        return f"/{lang}/library/{quote(entry.slug)}/"
    if entry.section == "reports":
        return f"{indicators_path(lang)}{quote(entry.slug)}/"
    return f"/{lang}/{entry.section}/{quote(entry.slug)}/"


def article_path(entry: Entry, lang: str, anchor: str) -> str:
    """Link to one article (条) of a law or policy."""
    return f"{entry_path(entry, lang)}#{anchor}"


def compare_path(lang: str, old: Entry, new: Entry) -> str:
    """The comparison of an older and a newer version of one work (articles aligned by their text)."""
    return f"/{lang}/library/compare/{quote(old.slug)}/{quote(new.slug)}/"


def search_path(lang: str) -> str:
    """The search page of a language."""
    return f"/{lang}/search/"


def attachment_path(entry: Entry, attachment: Attachment) -> str:
    """Download address of a file attached to an entry (the same in every language)."""
    return f"/files/{entry.section}/{quote(entry.slug)}/{quote(attachment.name)}"


def indicators_path(lang: str) -> str:
    """The indicators dashboard (annual reports are pages below it, one per year)."""
    return f"/{lang}/indicators/"


def indicators_csv_path(lang: str) -> str:
    """The dashboard's figures as a CSV file."""
    return f"{indicators_path(lang)}indicators.csv"


def preview_problems_path() -> str:
    """The live preview's summary of every current content problem (never built, never in production)."""
    return "/_preview/problems"


def campaign_year_path(lang: str, year: int) -> str:
    """The hub page of one campaign year."""
    return f"/{lang}/campaigns/{year}/"


def event_ics_path(entry: Entry) -> str:
    """The calendar file of one event (the same in every language)."""
    return f"/events/{quote(entry.slug)}.ics"


def year_ics_path(year: int) -> str:
    """The calendar file of all events of a campaign year."""
    return f"/campaigns/{year}.ics"


def toolkit_path(lang: str, year: int) -> str:
    """The toolkit page of a campaign year: downloads, poster gallery, the quiz as a self-check."""
    return f"{campaign_year_path(lang, year)}toolkit/"


def toolkit_file_path(year: int, name: str) -> str:
    """One generated toolkit file of a campaign year (the same in every language)."""
    return f"/campaigns/{year}/toolkit/{quote(name)}"


def generated_file_path(entry: Entry, name: str) -> str:
    """Download address of a file generated from an entry (a lesson's PDF, Word or slides)."""
    return f"/files/{entry.section}/{quote(entry.slug)}/{quote(name)}"


def unit_zip_path(key: str) -> str:
    """The zip of every file of a teaching unit."""
    return f"/files/units/{quote(key)}.zip"


def student_path(entry: Entry, lang: str) -> str:
    """The student sheets of a teaching resource (no answers)."""
    return f"{entry_path(entry, lang)}student/"


def library_file_path(entry: Entry, fmt: str) -> str:
    """The generated .pdf or .docx of a law or policy (the same in every language)."""
    return f"/downloads/library/{quote(entry.slug)}.{fmt}"


def short_path(lang: str, name: str) -> str:
    """The short address of a law (专利法): its current version, or a list when the name is shared."""
    return f"/{lang}/library/{quote(name)}/"
