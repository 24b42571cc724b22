"""Lesson files generated from the published lessons: what teachers download and what pupils get.

One app over the repository's content and one generated-file cache serve the whole module, so
every file is typeset once per test session.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from urllib.parse import quote

import pytest
from docx import Document
from pptx import Presentation
from pypdf import PdfReader

from portal import create_app
from portal.content.teaching import BANDS
from portal.settings import REPO_ROOT

LESSONS = ("primary-lower-authorship", "primary-middle-trademark", "primary-upper-copyright",
           "junior-middle-patent", "senior-high-trademark-gi")


@pytest.fixture(scope="module")
def lesson_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lessons")
    return create_app({  # the session's GENERATED_CACHE_DIR (conftest): each file is made once per session
        "TESTING": True, "CONTENT_DIRS": [str(REPO_ROOT / "content")], "INDEX_DIR": str(folder / "index"),
    })


@pytest.fixture(scope="module")
def client(lesson_app):
    return lesson_app.test_client()


def squash(text: str) -> str:
    """Text without any white space: PDF extraction breaks lines where the layout does."""
    return re.sub(r"\s+", "", text)


def files_of(app, slug):
    from portal.views.teaching import files_of as described

    with app.test_request_context():
        entry = app.extensions["portal.catalog"].get("curricula", slug)
        return entry, described(entry)


def download(client, slug, name):
    response = client.get(f"/files/curricula/{slug}/{quote(name)}")
    assert response.status_code == 200, name
    return response


def text_of(data: bytes, fmt: str) -> str:
    """What a reader of the file sees."""
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if fmt == "docx":
        document = Document(io.BytesIO(data))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    deck = Presentation(io.BytesIO(data))
    return "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)


def answers_of(entry) -> list[str]:
    return [b.text for s in entry.extra["lesson"].sections for b in s.blocks if b.teacher_only]


@pytest.mark.parametrize("slug", LESSONS)
def test_every_band_has_a_unit_with_plan_slides_worksheet_quiz_key_and_handout(lesson_app, slug):
    entry, files = files_of(lesson_app, slug)
    kinds = {(f.kind, f.fmt) for f in files} | {("worksheet", "docx") for a in entry.attachments}
    assert {("plan", "pdf"), ("plan", "docx"), ("slides", "pptx"), ("worksheet", "pdf"), ("worksheet", "docx"),
            ("quiz", "pdf"), ("quiz", "docx"), ("key", "pdf"), ("handout", "pdf")} <= kinds
    assert entry.extra["teaching"].unit and entry.extra["teaching"].band in BANDS


def test_the_five_units_cover_the_five_bands(lesson_app):
    from portal.content.units import units

    with lesson_app.app_context():
        found = units(lesson_app.extensions["portal.catalog"], dt.datetime.now())
    assert [u.band for u in found if u.band] == list(BANDS)


@pytest.mark.parametrize("slug", LESSONS)
def test_the_lesson_plan_pdf_is_a4_with_an_embedded_cjk_font_and_the_source_text(client, lesson_app, slug):
    entry, files = files_of(lesson_app, slug)
    plan = next(f for f in files if f.kind == "plan" and f.fmt == "pdf")
    data = download(client, slug, plan.name).data
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    fonts = [f for page in reader.pages for f in page["/Resources"]["/Font"].values()]
    assert any("CJK" in str(f.get_object()["/BaseFont"]) for f in fonts)
    descendants = [f.get_object()["/DescendantFonts"][0].get_object() for f in fonts
                   if "/DescendantFonts" in f.get_object()]
    assert all("/FontFile2" in d["/FontDescriptor"] or "/FontFile3" in d["/FontDescriptor"] for d in descendants)
    extracted = squash(text_of(data, "pdf"))
    for section in entry.extra["lesson"].sections:
        for block in section.blocks:
            assert squash(block.text) in extracted, block.text
    assert squash(entry.title) in extracted


@pytest.mark.parametrize("slug", LESSONS)
def test_student_files_contain_no_answer_and_the_teacher_files_do(client, lesson_app, slug):
    entry, files = files_of(lesson_app, slug)
    answers = [squash(a) for a in answers_of(entry)]
    assert answers, "the lesson marks no answer"
    student = [f for f in files if f.student]
    assert {f.fmt for f in student} == {"pdf", "docx", "pptx"} or slug in ("junior-middle-patent",
                                                                          "primary-upper-copyright",
                                                                          "senior-high-trademark-gi")
    for item in student:
        text = squash(text_of(download(client, slug, item.name).data, item.fmt))
        assert text, item.name
        for answer in answers:
            assert answer[:20] not in text, (item.name, answer)
        assert "参考答案" not in text and "教师提示" not in text, item.name
    plan = squash(text_of(download(client, slug, next(f.name for f in files if f.kind == "plan")).data, "pdf"))
    assert all(answer[:20] in plan for answer in answers)
    quiz_answers = [squash(b.text) for b in entry.extra["lesson"].role("quiz").blocks if b.teacher_only]
    key = next(f for f in files if f.kind == "key")
    assert all(a in squash(text_of(download(client, slug, key.name).data, "pdf")) for a in quiz_answers)


def test_the_slides_open_in_python_pptx_one_slide_per_section_with_the_licence(client, lesson_app):
    entry, files = files_of(lesson_app, "primary-middle-trademark")
    slides = next(f for f in files if f.fmt == "pptx")
    deck = Presentation(io.BytesIO(download(client, "primary-middle-trademark", slides.name).data))
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert titles[0] == entry.title
    headings = [s.heading for s in entry.extra["lesson"].sections if s.heading]
    assert [t for t in titles[1:] if not t.endswith("（续）")] == headings
    for slide in deck.slides:
        assert any("CC BY 4.0" in shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


@pytest.mark.parametrize("slug", LESSONS)
def test_the_unit_zip_opens_and_its_manifest_lists_every_file_with_its_size(client, lesson_app, slug):
    entry, files = files_of(lesson_app, slug)
    unit = entry.extra["teaching"]
    response = client.get(f"/files/units/{quote(unit.band + '-' + unit.unit)}.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as bundle:
        assert bundle.testzip() is None
        manifest = json.loads(bundle.read("manifest.json"))
        sizes = {info.filename: info.file_size for info in bundle.infolist() if info.filename != "manifest.json"}
        for item in files:
            assert bundle.read(item.name) == download(client, slug, item.name).data
    assert manifest["title"] == entry.title and manifest["band"] == entry.extra["teaching"].band
    assert manifest["licence"] == "CC BY 4.0"
    assert {f["name"]: f["size"] for f in manifest["files"]} == sizes
    assert set(sizes) == {f.name for f in files} | {a.name for a in entry.attachments}


def test_files_are_made_once_per_source_version(lesson_app, client):
    from portal.views.teaching import generated_cache

    _entry, files = files_of(lesson_app, "junior-middle-patent")
    for item in files:
        download(client, "junior-middle-patent", item.name)
    with lesson_app.app_context():
        cache = generated_cache()
    misses = cache.misses
    for item in files:
        download(client, "junior-middle-patent", item.name)
    assert cache.misses == misses


def test_the_licence_setting_is_on_the_pages_and_inside_every_file(tmp_path):
    app = create_app({
        "TESTING": True, "CONTENT_DIRS": [str(REPO_ROOT / "content")], "INDEX_DIR": str(tmp_path / "ix"),
        "GENERATED_CACHE_DIR": str(tmp_path / "generated"), "LICENCE": "CC BY-NC 4.0",
    })
    client = app.test_client()
    for path in ("/zh/curricula/", "/zh/curricula/primary-lower-authorship/",
                 "/en/curricula/primary-lower-authorship/", "/zh/curricula/primary-lower-authorship/student/"):
        assert "CC BY-NC 4.0" in client.get(path).get_data(as_text=True), path
    _entry, files = files_of(app, "primary-lower-authorship")
    for item in files:
        assert "CCBY-NC4.0" in squash(text_of(download(client, "primary-lower-authorship", item.name).data,
                                              item.fmt)), item.name
    bundle = zipfile.ZipFile(io.BytesIO(client.get(f"/files/units/{quote('小学低年级-这是谁画的')}.zip").data))
    assert json.loads(bundle.read("manifest.json"))["licence"] == "CC BY-NC 4.0"
