"""Teaching resources: the filterable listing, the student page and the generated lesson files."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, current_app, render_template, request

from .. import urls
from ..content.catalog import Catalog
from ..content.lesson import mark_teacher_only, student_html
from ..content.model import Entry
from ..content.teaching import BANDS
from ..content.units import Unit, info, resources, unit_of, units
from ..generate.bundle import Member, unit_zip
from ..generate.cache import GeneratedCache
from ..generate.lesson_pack import LessonFile, PackContext, lesson_files
from ..generate.slides import write_pptx
from ..settings import LANGUAGES
from .common import catalog, now, show_drafts, visible_or_404

bp = Blueprint("teaching", __name__)
FACETS = ("band", "subject", "type", "topic")


def facet_values(entry: Entry) -> dict[str, tuple[str, ...]]:
    """The values a card is filtered by, one tuple per facet."""
    item = info(entry)
    return {"band": (item.band,) if item.band else (), "subject": item.subjects, "type": item.resource_types,
            "topic": item.topics}


def licence_of(entry: Entry) -> str:
    """The entry's own licence, else the site's LICENCE setting."""
    return info(entry).licence or current_app.config["LICENCE"]


def _context(entry: Entry) -> PackContext:
    base = current_app.config.get("SITE_URL", "").rstrip("/")
    return PackContext(licence_of(entry), current_app.config["SITE_NAME"], base + urls.entry_path(entry, "zh"))


def files_of(entry: Entry) -> tuple[LessonFile, ...]:
    """The generated files of a curricula entry (described, not yet made), computed once per catalogue."""
    if entry.section != "curricula":
        return ()
    known = catalog().derived.setdefault("lesson_files", {})
    context = _context(entry)
    if (entry.key, context) not in known:  # a file the team attached under the same name wins
        attached = {a.name for a in entry.attachments}
        known[(entry.key, context)] = tuple(f for f in lesson_files(entry, context) if f.name not in attached)
    return known[(entry.key, context)]


def generated_cache() -> GeneratedCache:
    """The app's cache of generated files (GENERATED_CACHE_DIR)."""
    folder = current_app.config["GENERATED_CACHE_DIR"]
    return current_app.extensions.setdefault("portal.generated", GeneratedCache(folder))


def file_bytes(item: LessonFile) -> bytes:
    """The bytes of a generated file, made once per source version."""
    cache = generated_cache()
    if item.deck is not None:
        return cache.get_made(item.key, "pptx", lambda: write_pptx(item.deck))
    return cache.get(item.doc, item.fmt)


def unit_members(unit: Unit) -> list[Member]:
    """Every file of a unit's resources: generated files, then the attachments."""
    members = [Member(f.name, file_bytes(f)) for entry in unit.entries for f in files_of(entry)]
    for entry in unit.entries:
        members.extend(Member(a.name, a.path.read_bytes()) for a in entry.attachments)
    return members


def unit_bytes(unit: Unit) -> bytes:
    """The unit's zip with its manifest."""
    first = unit.entries[0]
    return unit_zip(unit.title, unit.band, licence_of(first), _context(first).page_url, unit_members(unit))


def _choices(entries: list[Entry]) -> dict[str, list[str]]:
    found: dict[str, set[str]] = {name: set() for name in FACETS}
    for entry in entries:
        for name, values in facet_values(entry).items():
            found[name].update(values)
    ordered = {name: sorted(values) for name, values in found.items()}
    ordered["band"] = [b for b in BANDS if b in found["band"]]
    return ordered


def listing(lang: str):
    """Every resource by band, filtered by the query string (the browser filters the frozen page)."""
    entries = resources(catalog(), now(), show_drafts())
    chosen = {name: request.args.get(name, "") for name in FACETS}
    shown = {e.key for e in entries if all(not v or v in facet_values(e)[n] for n, v in chosen.items())}
    unit_by_name = {u.name: u for u in units(catalog(), now(), show_drafts())}
    return render_template(
        "curricula.html", section="curricula", entries=entries, shown=shown, chosen=chosen,
        choices=_choices(entries), facet_values=facet_values, files_of=files_of, info=info,
        unit_by_name=unit_by_name, licence_of=licence_of,
    )


def lesson_page(lang: str, entry: Entry):
    """One resource: the teacher's page, answers marked for the print stylesheet."""
    return render_template(
        "lesson.html", entry=entry, section="curricula", info=info(entry), files=files_of(entry),
        unit=unit_of(catalog(), entry, now(), show_drafts()), licence=licence_of(entry),
        html=mark_teacher_only, student=False,
    )


@bp.route("/<lang:lang>/curricula/<slug:slug>/student/")
def student(lang: str, slug: str):
    """The student sheets of a resource (worksheet, quiz, handout) without any answer."""
    entry = visible_or_404(catalog().get("curricula", slug))
    return render_template(
        "lesson.html", entry=entry, section="curricula", info=info(entry),
        files=[f for f in files_of(entry) if f.student], unit=None, licence=licence_of(entry),
        html=student_html, student=True,
    )


def page_urls(cat: Catalog, moment) -> Iterator[tuple[str, dict]]:
    """Student pages, generated files and unit zips, for the build."""
    for entry in cat.section("curricula", moment):
        for lang in LANGUAGES:
            yield "teaching.student", {"lang": lang, "slug": entry.slug}
        for item in files_of(entry):
            yield "files.attachment", {"section": "curricula", "slug": entry.slug, "filename": item.name}
    for unit in units(cat, moment):
        yield "files.unit_zip", {"unit": unit.key}
