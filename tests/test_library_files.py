"""Every law and policy as .pdf and .docx: the page's text, its details, source and notice, typeset once."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from docx import Document
from pypdf import PdfReader

from portal import create_app
from portal.freeze import build_site
from portal.library_files import OFFICIAL_NOTICE, generated_cache

from .conftest import write

PATENT_LAW = "专利法-2020-10-17"


class _PageText(HTMLParser):
    """The articles (div.article) and headings of a page's legal text, and its download links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.articles: list[str] = []
        self.headings: list[str] = []
        self.downloads: list[tuple[str, str]] = []  # (href, text after the link: the size)
        self._depth = 0  # open divs inside the current article
        self._in_heading = False
        self._in_text = False
        self._text_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and "legal-text" in (attrs.get("class") or ""):
            self._in_text, self._text_depth = True, 1
        elif tag == "div" and self._in_text:
            self._text_depth += 1
            if attrs.get("class") == "article":
                self.articles.append("")
                self._depth = 1
            elif self._depth:
                self._depth += 1
        elif self._in_text and tag in ("h2", "h3", "h4", "h5"):
            self._in_heading = True
            self.headings.append("")
        elif tag == "a" and (attrs.get("href") or "").startswith("/downloads/"):
            self.downloads.append((attrs["href"], ""))

    def handle_endtag(self, tag):
        if tag == "div" and self._in_text:
            self._text_depth -= 1
            self._in_text = self._text_depth > 0
            if self._depth:
                self._depth -= 1
        elif tag in ("h2", "h3", "h4", "h5"):
            self._in_heading = False

    def handle_data(self, data):
        if self._depth:
            self.articles[-1] += data
        elif self._in_heading and self._in_text:
            self.headings[-1] += data
        elif self.downloads and not self.downloads[-1][1] and data.strip() and "KB" in data:
            self.downloads[-1] = (self.downloads[-1][0], data.strip())


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_text(html: str) -> _PageText:
    parser = _PageText()
    parser.feed(html)
    return parser


def pdf_text(data: bytes) -> str:
    """The PDF's text without whitespace and without the page numbers (3 / 21) between pages."""
    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    text = squash("".join(page.extract_text() for page in reader.pages))
    for number in range(total, 0, -1):
        text = text.replace(f"{number}/{total}", "")
    return text


@pytest.fixture(scope="module")
def corpus_app(site_dirs, tmp_path_factory):
    folder = tmp_path_factory.mktemp("downloads")
    return create_app({
        "TESTING": True,
        "CONTENT_DIRS": site_dirs,
        "INDEX_DIR": str(folder / "index"),
        "GENERATED_CACHE_DIR": str(folder / "generated"),
    })


@pytest.fixture(scope="module")
def patent_law(corpus_app):
    client = corpus_app.test_client()
    page = page_text(client.get(f"/zh/library/{PATENT_LAW}/").get_data(as_text=True))
    files = {href.rsplit(".", 1)[1]: client.get(unquote(href)) for href, _ in page.downloads}
    return page, files


def test_law_page_lists_pdf_and_word_with_their_sizes(patent_law):
    page, files = patent_law
    assert sorted(files) == ["docx", "pdf"]
    for href, size in page.downloads:
        response = files[href.rsplit(".", 1)[1]]
        assert response.status_code == 200
        assert size.endswith("KB") and abs(int(size.split()[0]) - len(response.data) / 1000) <= 1
    assert files["pdf"].mimetype == "application/pdf" and files["pdf"].data.startswith(b"%PDF")
    assert files["docx"].mimetype.endswith("wordprocessingml.document")


def test_pdf_text_is_the_page_text(patent_law):
    page, files = patent_law
    text = pdf_text(files["pdf"].data)
    assert len(page.articles) == 82
    missing = [a[:20] for a in page.articles if squash(a) not in text]
    assert not missing
    assert all(squash(h) in text for h in page.headings)
    assert text.index(squash(page.articles[0])) < text.index(squash(page.articles[-1]))
    assert text.startswith("中华人民共和国专利法")
    for words in ("效力级别法律", "版本日期2020年10月17日", "未注明", squash(OFFICIAL_NOTICE), "来源：LawRefBook/Laws"):
        assert squash(words) in text
    assert "本站页面：/zh/library/专利法-2020-10-17/" in text


def test_word_file_has_the_page_articles_and_chapter_headings(patent_law):
    page, files = patent_law
    document = Document(io.BytesIO(files["docx"].data))
    paragraphs = [p.text for p in document.paragraphs]
    joined = squash("".join(paragraphs))
    assert paragraphs[0] == "中华人民共和国专利法"
    assert not [a[:20] for a in page.articles if squash(a) not in joined]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["第一章 总则", "第二章 授予专利权的条件"]
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert cells[:2] == ["效力级别", "法律"]
    assert any(p.startswith(OFFICIAL_NOTICE) for p in paragraphs)
    assert any(p.startswith("来源：LawRefBook/Laws") for p in paragraphs)


def test_policy_items_and_gap_note_are_in_the_pdf(corpus_app):
    policy = corpus_app.extensions["portal.catalog"].get("policies", "wushan-2022-ip-work")
    client = corpus_app.test_client()
    page = client.get(f"/zh/library/{policy.slug}/").get_data(as_text=True)
    text = pdf_text(client.get(f"/downloads/library/{policy.slug}.pdf").data)
    assert squash(policy.title) in text
    items = re.findall(r'<h\d id="item-(\d+)">([^<]+)</h\d>', page)
    assert len(items) > 10
    assert all(squash(heading) in text for _, heading in items)
    assert "原文编号从第14项跳至第17项。" in text


def test_unknown_and_future_documents_have_no_file(corpus_app, tmp_path):
    client = corpus_app.test_client()
    assert client.get("/downloads/library/no-such-law.pdf").status_code == 404
    assert client.get(f"/downloads/library/{PATENT_LAW}.txt").status_code == 404


def _small_site(tmp_path, text: str):
    content = tmp_path / "content"
    write(content, "laws/sample-law.md", f"""
        ---
        title: 示例知识产权保护条例
        level: 地方性法规
        version_date: 2020-01-01
        ---
        ## 第一章 总则

        {text}
        """)
    return create_app({
        "TESTING": True,
        "CONTENT_DIRS": [str(content)],
        "INDEX_DIR": str(tmp_path / "index"),
        "GENERATED_CACHE_DIR": str(tmp_path / "generated"),
    })


def test_frozen_build_writes_the_files_and_a_second_build_reuses_them(tmp_path):
    app = _small_site(tmp_path, "第一条 为了保护知识产权，制定本条例。")
    out = tmp_path / "site"
    build_site(app, out)
    pdf = out / "downloads" / "library" / "sample-law.pdf"
    docx = out / "downloads" / "library" / "sample-law.docx"
    assert "第一条为了保护知识产权，制定本条例。" in pdf_text(pdf.read_bytes())
    assert "第一条 为了保护知识产权，制定本条例。" in [p.text for p in Document(str(docx)).paragraphs]
    page = (out / "zh" / "library" / "sample-law" / "index.html").read_text(encoding="utf-8")
    assert 'href="/downloads/library/sample-law.pdf"' in page and 'href="/downloads/library/sample-law.docx"' in page
    assert (generated_cache(app).hits, generated_cache(app).misses) == (2, 2)  # typeset once, then served

    again = _small_site(tmp_path, "第一条 为了保护知识产权，制定本条例。")
    build_site(again, out)
    assert generated_cache(again).misses == 0 and pdf.read_bytes()
    changed = _small_site(tmp_path, "第一条 为了保护和促进知识产权，制定本条例。")
    build_site(changed, out)
    assert generated_cache(changed).misses == 2  # the new version, once per format
    assert "为了保护和促进知识产权" in pdf_text(pdf.read_bytes())
    assert len(list((tmp_path / "generated").iterdir())) == 4


def test_downloads_can_be_switched_off_for_a_very_large_library(tmp_path):
    app = _small_site(tmp_path, "第一条 为了保护知识产权，制定本条例。")
    app.config["LIBRARY_DOWNLOADS"] = False
    client = app.test_client()
    response = client.get("/zh/library/sample-law/")
    assert response.status_code == 200 and "第一条" in response.get_data(as_text=True)
    assert "/downloads/library/" not in response.get_data(as_text=True)
    assert client.get("/downloads/library/sample-law.pdf").status_code == 404
    out = tmp_path / "site"
    build_site(app, out)
    assert not (out / "downloads").exists()
    assert not list((tmp_path / "generated").glob("*.pdf"))
