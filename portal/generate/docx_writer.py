"""Write a :class:`PrintDoc` as an editable Word file (python-docx), byte-for-byte reproducibly."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .document import PrintDoc

CJK_FONT = "Noto Sans CJK SC"
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write_docx(doc: PrintDoc) -> bytes:
    """The .docx bytes of ``doc``: title, metadata table, headings, paragraphs, notes."""
    document = Document()
    _set_fonts(document)
    _set_properties(document, doc)
    title = document.add_heading(doc.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.subtitle:
        document.add_paragraph(doc.subtitle).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.meta:
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in doc.meta:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
    for block in doc.blocks:
        _add_block(document, block.kind, block.text, block.level)
    for note in doc.notes:
        document.add_paragraph(note, style="Intense Quote" if note is doc.notes[0] else None)
    return reproducible(document)


def _add_block(document, kind: str, text: str, level: int) -> None:
    if kind == "heading":
        document.add_heading(text, level=min(max(level, 1), 4))
    elif kind == "item":
        document.add_paragraph(text, style="List Bullet")
    elif kind in ("note", "answer"):
        document.add_paragraph(text, style="Quote")
    elif kind == "pagebreak":
        document.add_page_break()
    else:
        document.add_paragraph(text)


def _set_fonts(document) -> None:
    """Chinese text in Word needs the East Asian font set on the run properties, not only the name."""
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Quote"):
        style = document.styles[style_name]
        style.font.name = CJK_FONT
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)
    document.styles["Normal"].font.size = Pt(10.5)


def _set_properties(document, doc: PrintDoc) -> None:
    props = document.core_properties
    props.title = doc.title
    props.language = "zh-CN" if doc.lang == "zh" else "en"
    props.created = props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    props.author = props.last_modified_by = ""


def reproducible(document) -> bytes:
    """Save an Office document (Word, PowerPoint), then rewrite its zip with fixed member times, so equal
    documents give equal bytes."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
