"""The printable-file layer: PDF text extractable and equal to the source, Word readable, files reproducible."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from pypdf import PdfReader

from portal.generate import Block, PrintDoc, render
from portal.generate.cache import GeneratedCache

HOSTILE = '第一条 #import "x" $a$ [b] *c* _d_ \\ <e> @f `g` =h 为了保护专利权人的合法权益。'
DOC = PrintDoc(
    title="中华人民共和国专利法",
    meta=(("效力级别", "法律"), ("施行日期", "未注明")),
    blocks=(
        Block("heading", "第一章 总则"),
        Block("paragraph", HOSTILE),
        Block("item", "（一）发明"),
        Block("answer", "参考答案：A"),
    ),
    notes=("本文本仅供参考，以国家正式公布的文本为准。",),
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_text_is_the_source_text_with_markup_characters_kept():
    text = _squash(_pdf_text(render(DOC, "pdf")))
    for line in DOC.plain_text().splitlines():
        assert _squash(line) in text


def test_pdf_embeds_a_cjk_font_subset():
    data = render(DOC, "pdf")
    reader = PdfReader(io.BytesIO(data))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()
            base = str(descendant["/BaseFont"])
            fonts.add(base)
    assert any("NotoSansCJK" in name.replace(" ", "") and "+" in name for name in fonts), fonts


def test_a3_poster_is_a3_and_png_is_an_image():
    poster = PrintDoc(
        title="4·26 世界知识产权日", paper="a3", poster=True, blocks=(Block("paragraph", "尊重知识产权"),)
    )
    box = PdfReader(io.BytesIO(render(poster, "pdf"))).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 420)
    assert render(poster, "png").startswith(b"\x89PNG\r\n\x1a\n")


def test_docx_holds_title_metadata_and_text():
    document = Document(io.BytesIO(render(DOC, "docx")))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == DOC.title
    assert HOSTILE in paragraphs
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert cells == ["效力级别", "法律", "施行日期", "未注明"]


@pytest.mark.parametrize("fmt", ["pdf", "png", "docx"])
def test_same_document_gives_the_same_bytes(fmt):
    assert render(DOC, fmt) == render(DOC, fmt)


def test_docx_members_carry_no_build_time():
    with zipfile.ZipFile(io.BytesIO(render(DOC, "docx"))) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_student_version_has_no_answers():
    student = DOC.without_answers()
    assert "参考答案" not in _pdf_text(render(student, "pdf"))
    assert "参考答案" in _pdf_text(render(DOC, "pdf"))


def test_cache_renders_each_version_once(tmp_path):
    cache = GeneratedCache(tmp_path / "generated")
    first = cache.get(DOC, "pdf")
    assert cache.get(DOC, "pdf") == first
    changed = PrintDoc(title=DOC.title, blocks=(Block("paragraph", "第一条 修改后的文字"),))
    cache.get(changed, "pdf")
    assert (cache.hits, cache.misses) == (1, 2)
    assert not list((tmp_path / "generated").glob(".tmp-*"))
