"""The teaching pages: listing by band with filters, the student page, safe downloads, the frozen files."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from portal import create_app
from portal.freeze import build_site
from portal.settings import REPO_ROOT

PATENT = "junior-middle-patent"
BAND_ORDER = ["小学低年级", "小学中年级", "小学高年级", "初中", "高中"]


@pytest.fixture(scope="module")
def teaching_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("teaching")
    return create_app({
        "TESTING": True, "CONTENT_DIRS": [str(REPO_ROOT / "content")], "INDEX_DIR": str(folder / "index"),
    })


@pytest.fixture(scope="module")
def client(teaching_app):
    return teaching_app.test_client()


def cards(html: str) -> list[tuple[str, bool]]:
    """(title, shown) of every card, in page order."""
    found = re.findall(r'<li class="resource-card"([^>]*)>\s*<h2><a [^>]*>([^<]+)</a>', html)
    return [(title, "hidden" not in attrs) for attrs, title in found]


def test_the_listing_runs_from_lower_primary_to_senior_high_and_each_card_shows_band_duration_files(client):
    html = client.get("/zh/curricula/").get_data(as_text=True)
    titles = [t for t, _ in cards(html)]
    assert len(titles) == 6 and all(shown for _, shown in cards(html))
    bands = [re.search(r'<span class="tag band">([^<]+)</span>', part).group(1)
             for part in html.split('<li class="resource-card"')[1:6]]
    assert bands == BAND_ORDER
    patent = html.split("初中教案：从小发明到专利", 1)[1].split("</li>", 1)[0]
    assert "45 分钟" in patent and "教案（教师版）（PDF）" in patent and "课件（PowerPoint）" in patent
    assert "测验答案（PDF）" in patent and "下载整个单元（zip）" in patent
    assert 'type="module" src="/static/js/curricula-filter.js"' in html and "<script>" not in html


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("band=初中", ["初中教案：从小发明到专利"]),
        ("topic=商标", ["小学中年级教案：商标是什么", "高中教案：家乡品牌怎么保护——商标、地理标志与诚信经营"]),
        ("subject=美术", ["小学低年级教案：这是谁画的"]),
        ("type=活动方案", ["活动方案：知识产权进校园宣传周（4.26）"]),
        ("band=高中&topic=专利", []),
    ],
)
def test_the_live_listing_filters_by_the_query_string_without_javascript(client, query, shown):
    html = client.get(f"/zh/curricula/?{query}").get_data(as_text=True)
    assert [t for t, visible in cards(html) if visible] == shown
    assert f"显示 {len(shown)} 项，共 6 项" in html
    assert ('id="curricula-empty" hidden' in html) == bool(shown)
    for value in query.split("&"):
        assert f'<option value="{value.split("=")[1]}" selected>' in html


def test_the_english_listing_names_bands_and_types_in_english(client):
    html = client.get("/en/curricula/?band=初中").get_data(as_text=True)
    assert "Junior middle school" in html and "Lesson plan (teacher)" in html and "Showing 1 of 6" in html


def test_the_teacher_page_marks_answers_and_the_student_page_has_none(client):
    teacher = client.get(f"/zh/curricula/{PATENT}/").get_data(as_text=True)
    assert '<p class="teacher-only">参考答案：1. 发明、实用新型和外观设计' in teacher
    assert "许可" in teacher and "CC BY 4.0" in teacher
    student = client.get(f"/zh/curricula/{PATENT}/student/").get_data(as_text=True)
    assert "专利法所称的发明创造包括哪三种" in student and "外观设计专利权的期限是多少年" in student
    prose = student.split('<div class="prose">', 1)[1].split("</article>", 1)[0]
    assert "参考答案" not in prose and "发明、实用新型和外观设计（第二条）" not in prose
    assert "不对，智力活动的规则和方法不授予专利权" not in prose and "测验" in prose
    assert "教学过程" not in student  # only the student sheets
    english = client.get(f"/en/curricula/{PATENT}/student/").get_data(as_text=True)
    assert "Worksheet" in english and "Answers:" not in english and "Suggested answer" not in english


@pytest.mark.parametrize(
    "path",
    [
        f"/files/curricula/{PATENT}/..%2F..%2F..%2Fpyproject.toml",
        f"/files/curricula/{PATENT}/%2e%2e%2f%2e%2e%2fREADME.md",
        f"/files/curricula/{PATENT}/../../../pyproject.toml",
        f"/files/curricula/{PATENT}//etc/passwd",
        f"/files/curricula/{PATENT}/%2Fetc%2Fpasswd",
        f"/files/curricula/{PATENT}/{PATENT}.md",
        f"/files/curricula/{PATENT}/materials%2F{quote('初中-从小发明到专利-学习单.docx')}",
        f"/files/curricula/{PATENT}/{quote('初中-从小发明到专利-教案.pdf')}",
        "/files/units/..%2F..%2Fpyproject.toml.zip",
        f"/files/units/{quote('没有这个单元')}.zip",
        "/files/curricula/nonexistent/x.pdf",
    ],
)
def test_only_catalogued_files_are_served_and_traversal_is_404(client, path):
    response = client.get(path)
    assert response.status_code == 404, path
    assert b"[project]" not in response.data and b"root:" not in response.data


@pytest.mark.parametrize(
    ("name", "mimetype", "fallback"),
    [
        ("初中-从小发明到专利-教案（教师版）.pdf", "application/pdf", "junior-middle-patent-plan.pdf"),
        ("初中-从小发明到专利-测验.docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "junior-middle-patent-quiz.docx"),
        ("初中-从小发明到专利-课件.pptx",
         "application/vnd.openxmlformats-officedocument.presentationml.presentation",
         "junior-middle-patent-slides.pptx"),
    ],
)
def test_a_download_names_its_chinese_file_name_as_rfc_5987_requires(client, name, mimetype, fallback):
    response = client.get(f"/files/curricula/{PATENT}/{quote(name)}")
    assert response.status_code == 200 and response.mimetype == mimetype
    disposition = response.headers["Content-Disposition"]
    assert disposition == f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    assert unquote(disposition.split("UTF-8''", 1)[1]) == name
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_unit_zip_downloads_under_its_band_and_unit_name(client):
    response = client.get(f"/files/units/{quote('初中-从小发明到专利')}.zip")
    assert response.headers["Content-Disposition"].endswith("UTF-8''" + quote("初中-从小发明到专利.zip", safe=""))


@pytest.fixture(scope="module")
def frozen(teaching_app, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("frozen") / "site"
    build_site(teaching_app, out)
    return out


def test_the_frozen_site_has_every_generated_file_and_zip_at_the_live_address(frozen, client, teaching_app):
    from portal.views.teaching import files_of

    with teaching_app.test_request_context():
        entries = teaching_app.extensions["portal.catalog"].section("curricula", dt.datetime.now())
        pairs = [(e, f) for e in entries for f in files_of(e)]
    assert len(pairs) >= 40
    for entry, item in pairs:
        path = f"/files/curricula/{entry.slug}/{item.name}"
        assert (frozen / path.lstrip("/")).read_bytes() == client.get(quote(path)).data, path
    zips = sorted(p.name for p in (frozen / "files" / "units").glob("*.zip"))
    assert len(zips) == 6 and "小学低年级-这是谁画的.zip" in zips
    assert (frozen / "zh" / "curricula" / PATENT / "student" / "index.html").is_file()
    listing = (frozen / "zh" / "curricula" / "index.html").read_text(encoding="utf-8")
    assert len(cards(listing)) == 6 and 'data-band="初中"' in listing


def test_a_renderer_failure_answers_503_not_500(tmp_path, monkeypatch):
    from portal.generate import cache
    from portal.generate.render import GenerateError

    def broken(doc, fmt, *args):
        raise GenerateError("no NotoSansCJK-Regular.ttc found: install fonts-noto-cjk")

    monkeypatch.setattr(cache, "render", broken)
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(REPO_ROOT / "content")], "INDEX_DIR": str(tmp_path / "i"),
                      "GENERATED_CACHE_DIR": str(tmp_path / "empty-cache")})
    response = app.test_client().get(f"/files/curricula/{PATENT}/{quote('初中-从小发明到专利-测验.pdf')}")
    assert response.status_code == 503
