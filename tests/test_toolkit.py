"""A campaign year's toolkit: posters and handouts as a reader gets them, live and frozen.

The PDFs' text is extracted (pypdf), page sizes are read in points, PNGs measured, the download
list compared with the bytes served, the zip opened. The files are typeset once per session
(the session's generated-file cache, see conftest.py).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from portal import create_app
from portal.content import ContentError, load_catalog
from portal.content.checks import check_catalog
from portal.generate.toolkit import png_size
from portal.views.template_helpers import file_size
from tests.conftest import REPO_ROOT, write

BASE = "/campaigns/2027/toolkit/"
PAGE = "/zh/campaigns/2027/toolkit/"
SLOGANS = ["尊重创造，从我做起。", "好点子要保护，好品牌要珍惜。", "支持原创，拒绝盗版。", "诚信经营，不做假冒。",
           "家乡好产品，品牌来守护。"]
A4, A3 = (595, 842), (842, 1191)  # points, rounded
DOWNLOAD = re.compile(r'<a href="(/campaigns/2027/toolkit/[^"]+)" download data-size="(\d+)">[^<]+</a>\s*'
                      r'<span class="file-meta">([^<]+)</span>')


@pytest.fixture(scope="module")
def app(site_dirs):
    """The published site (content, laws, imported policies) before the 2027 campaign."""
    return create_app({"TESTING": True, "CONTENT_DIRS": site_dirs, "NOW": dt.datetime(2026, 12, 1)})


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def files(client) -> dict[str, bytes]:
    """Every download listed on the toolkit page, fetched from the live site."""
    page = client.get(PAGE).get_data(as_text=True)
    found = {}
    for href, _size, _meta in DOWNLOAD.findall(page):
        response = client.get(href)
        assert response.status_code == 200, href
        found[href.removeprefix(BASE)] = response.data
    return found


def _text(data: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def _points(data: bytes) -> list[tuple[int, int]]:
    pages = PdfReader(io.BytesIO(data)).pages
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]


def test_every_download_is_listed_with_its_real_size(client, files):
    page = client.get(PAGE).get_data(as_text=True)
    listed = DOWNLOAD.findall(page)
    assert {href.removeprefix(BASE) for href, _, _ in listed} == {
        "poster-slogans-a4.pdf", "poster-slogans-a3.pdf", "poster-slogans.png", "poster-articles-a4.pdf",
        "poster-articles-a3.pdf", "poster-articles.png", "quiz-handout.pdf", "quiz-sheet.pdf", "quiz-handout.docx",
        "toolkit-2027.zip",
    }
    for href, size, meta in listed:
        data = files[href.removeprefix(BASE)]
        assert int(size) == len(data), href
        assert meta.endswith(file_size(len(data))), (href, meta)
    assert "PDF，A3，" in page and "ZIP，" in page
    year_page = client.get("/zh/campaigns/2027/").get_data(as_text=True)
    assert DOWNLOAD.findall(year_page) == listed  # the year hub's toolkit section lists the same files


def test_slogan_posters_hold_every_slogan_as_text_in_a4_and_a3(files):
    for name, size in (("poster-slogans-a4.pdf", A4), ("poster-slogans-a3.pdf", A3)):
        assert _points(files[name]) == [size], name
        text = _text(files[name])
        assert all(slogan in text for slogan in SLOGANS), name
        assert "示例内容" in text  # the sample year says so on paper too


def test_article_poster_quotes_the_corpus_text_with_its_source(app, files):
    law = app.extensions["portal.catalog"].library_entry("商标法-2019-04-23")
    article = next(a for a in law.articles if a.anchor == "art-16")
    for name in ("poster-articles-a4.pdf", "poster-articles-a3.pdf"):
        text = _text(files[name])
        assert re.sub(r"\s+", "", article.text) in text
        assert "《中华人民共和国商标法》第十六条" in text
        assert "/zh/library/商标法-2019-04-23/#art-16" in text
        assert "LawRefBook/Laws" in text
        assert len(_points(files[name])) == 1  # a poster is one page


def test_quiz_handout_has_questions_answers_and_articles_the_sheet_only_questions(files):
    handout, sheet = _text(files["quiz-handout.pdf"]), _text(files["quiz-sheet.pdf"])
    questions = ("专利法所说的“发明创造”包括哪三种？", "声音可以作为商标申请注册吗？",
                 "专利权被侵犯、发生纠纷，可以怎么解决？")
    for question in questions:
        assert question in handout and question in sheet
    assert "答案：B。发明、实用新型和外观设计。" in handout
    assert "《中华人民共和国专利法》第二条" in handout
    assert "答案：" not in sheet and "练习版" in sheet
    assert {size for size in _points(files["quiz-handout.pdf"])} == {A4}


def test_pdfs_embed_the_cjk_font(files):
    reader = PdfReader(io.BytesIO(files["poster-slogans-a3.pdf"]))
    fonts = {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert any("+" in name and "CJK" in name for name in fonts), fonts


def test_png_poster_and_preview_have_the_a4_proportions(client, files):
    assert png_size(files["poster-slogans.png"]) == (1240, 1754)  # A4 at 150 ppi
    page = client.get(PAGE).get_data(as_text=True)
    previews = re.findall(r'<img src="([^"]+-preview\.png)" width="(\d+)" height="(\d+)" alt="([^"]+)"', page)
    assert len(previews) == 2
    for src, width, height, alt in previews:
        assert png_size(client.get(src).data) == (int(width), int(height)) == (331, 468)
        assert alt.startswith(("宣传标语海报：", "法律条文摘录海报："))
    assert "宣传标语海报：尊重创造，从我做起。" in page
    assert page.count('<details class="poster-text">') == 2  # the full text alternative of each poster


def test_zip_holds_every_listed_file_and_a_manifest(files):
    archive = zipfile.ZipFile(io.BytesIO(files["toolkit-2027.zip"]))
    names = {Path(n).name for n in archive.namelist()}
    assert names == (set(files) - {"toolkit-2027.zip"}) | {"manifest.txt"}
    for name, data in files.items():
        if name != "toolkit-2027.zip":
            assert archive.read(f"toolkit-2027/{name}") == data
    manifest = archive.read("toolkit-2027/manifest.txt").decode()
    assert f"poster-slogans-a4.pdf\tPDF（A4）\t{len(files['poster-slogans-a4.pdf'])}\t" in manifest
    assert archive.testzip() is None


def test_quiz_works_without_javascript_answers_in_details(client):
    page = client.get(PAGE).get_data(as_text=True)
    assert page.count('<li class="quiz-item"') == 10
    assert page.count('<details class="quiz-answer">') == 10
    assert page.count('class="quiz-check" hidden') == 10  # the check buttons only with JavaScript
    assert page.count('aria-live="polite"') >= 10
    assert '<script type="module" src="/static/js/quiz.js' in page and "<script>" not in page
    assert 'href="/zh/library/%E4%B8%93%E5%88%A9%E6%B3%95-2020-10-17/#art-2"' in page
    english = client.get("/en/campaigns/2027/toolkit/").get_data(as_text=True)
    assert "Self-check quiz" in english and "Check answer" in english


def test_files_are_typeset_once_and_served_the_same(app, client, files, tmp_path):
    again = create_app(app.config | {"GENERATED_CACHE_DIR": str(tmp_path / "fresh")})
    assert again.test_client().get(BASE + "poster-slogans-a4.pdf").data == files["poster-slogans-a4.pdf"]
    assert client.get(BASE + "no-such-file.pdf").status_code == 404
    assert client.get("/zh/campaigns/2026/toolkit/").status_code == 404  # 2026 has no toolkit
    assert "本年度的资料包尚未发布。" in client.get("/zh/campaigns/2026/").get_data(as_text=True)


QUIZ_YEAR = """
    ---
    title: 2031年宣传周
    year: 2031
    slogans: [尊重创造。]
    key_articles: [示例法-2020-01-01#art-1]
    quiz:
      - question: 第一题？
        choices: [甲, 乙]
        answer: 3
        articles: [示例法-2020-01-01#art-1]
    ---
    县里的安排。
    """


def test_bad_quiz_answer_is_reported_at_its_line(tmp_path):
    root = tmp_path / "content"
    path = write(root, "campaigns/2031.md", QUIZ_YEAR)
    with pytest.raises(ContentError) as info:
        load_catalog([root])
    problems = [str(p) for p in info.value.problems]
    assert any(p.startswith(f"{path}:6: ") and "第 1 题" in p and "1 到 2" in p for p in problems), problems


def test_key_article_missing_from_the_library_is_a_check_error(tmp_path):
    root = tmp_path / "content"
    path = write(root, "campaigns/2031.md", QUIZ_YEAR.replace("answer: 3", "answer: 2"))
    write(root, "events/one.md", """
        ---
        title: 咨询日
        campaign: 2031
        start: 2031-04-21T09:00+08:00
        end: 2031-04-21T11:00+08:00
        place: 某社区
        organiser: 县市场监管局
        audience: 进社区
        ---
        说明。
        """)
    problems = [str(p) for p in check_catalog(load_catalog([root]))]
    missing = "“key_articles” 所引的 “示例法-2020-01-01#art-1” 在法规库中找不到（文件名或条号有误，或法规库未发布）"
    assert f"{path}:5: {missing}" in problems
    assert any(p.startswith(f"{path}:6: ") and "“quiz”" in p for p in problems)


def test_a_year_whose_articles_are_not_published_still_builds_its_toolkit():
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(REPO_ROOT / "content")], "NOW": dt.datetime(2026, 12, 1)})
    page = app.test_client().get(PAGE).get_data(as_text=True)
    names = {href.removeprefix(BASE) for href, _, _ in DOWNLOAD.findall(page)}
    assert "poster-slogans-a4.pdf" in names and "poster-articles-a4.pdf" not in names


def test_hub_names_the_coming_week_and_links_its_toolkit(client):
    page = client.get("/zh/campaigns/").get_data(as_text=True)
    assert "活动日程：2027年4月20日至2027年4月26日，共 5 项活动" in page  # the cancelled event not counted
    assert f'href="{PAGE}"' in page


def test_official_theme_is_printed_with_its_source_and_slogans_alone_make_a_toolkit(tmp_path):
    root = tmp_path / "content"
    write(root, "campaigns/2031.md", """
        ---
        title: 2031年宣传周
        year: 2031
        theme: 某官方主题
        theme_source: 某发布机关网页（查证日期 2031-04-01）
        slogans: [尊重创造。]
        ---
        县里的安排。
        """)
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(root)], "NOW": dt.datetime(2031, 3, 1)})
    client = app.test_client()
    page = client.get("/zh/campaigns/2031/toolkit/").get_data(as_text=True)
    names = [href.removeprefix("/campaigns/2031/toolkit/") for href, _, _ in re.findall(
        r'<a href="(/campaigns/2031/toolkit/[^"]+)" download data-size="(\d+)">[^<]+</a>\s*<span[^>]*>([^<]+)', page)]
    assert names == ["poster-slogans-a4.pdf", "poster-slogans-a3.pdf", "poster-slogans.png", "toolkit-2031.zip"]
    text = _text(client.get("/campaigns/2031/toolkit/poster-slogans-a4.pdf").data)
    assert "主题：某官方主题" in text and "主题来源：某发布机关网页（查证日期2031-04-01）" in text
    assert "示例内容" not in text
    assert "知识自测" not in page and "<h1>2031年资料包</h1>" in page  # no quiz written, no quiz shown
