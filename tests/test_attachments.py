"""Files offered for download with an entry: listed on its page, served live, written by the build."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from portal import create_app
from portal.content import ContentError, load_catalog
from portal.freeze import build_site
from portal.messages import translate

from .conftest import write

WORKSHEET = "学习单-专利.docx"
LESSON = f"""
    ---
    title: 初中教案：认识专利
    attachments:
      - file: materials/{WORKSHEET}
        title: 学生学习单（Word）
      - file: materials/slides.pdf
    ---
    课堂上使用的资料见下方下载。
    """


@pytest.fixture
def lesson_dir(content_dir: Path) -> Path:
    """``content_dir`` plus a lesson with two attachments."""
    write(content_dir, "curricula/patent-lesson.md", LESSON)
    materials = content_dir / "curricula" / "materials"
    materials.mkdir()
    (materials / WORKSHEET).write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    (materials / "slides.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 1500)
    return content_dir


@pytest.fixture
def lesson_app(lesson_dir: Path, tmp_path: Path):
    return create_app({"TESTING": True, "CONTENT_DIRS": [str(lesson_dir)], "INDEX_DIR": str(tmp_path / "ix")})


def download_path(name: str) -> str:
    return f"/files/curricula/patent-lesson/{quote(name)}"


def test_the_page_lists_each_file_with_type_and_size(lesson_app):
    html = lesson_app.test_client().get("/zh/curricula/patent-lesson/").get_data(as_text=True)
    assert f'<a href="{download_path(WORKSHEET)}" download>学生学习单（Word）</a>' in html
    assert "Word，2 KB" in html
    assert f'<a href="{download_path("slides.pdf")}" download>slides.pdf</a>' in html  # no title: the file name
    assert "PDF，2 KB" in html
    english = lesson_app.test_client().get("/en/curricula/patent-lesson/").get_data(as_text=True)
    assert "Downloads" in english and "Word, 2 KB" in english


def test_a_file_downloads_under_its_own_name(lesson_app, lesson_dir):
    with lesson_app.test_client().get(download_path(WORKSHEET)) as response:
        assert response.status_code == 200
        body = response.data
    assert body == (lesson_dir / "curricula" / "materials" / WORKSHEET).read_bytes()
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and f"filename*=UTF-8''{quote(WORKSHEET)}" in disposition


@pytest.mark.parametrize("path", [
    "/files/curricula/patent-lesson/other.docx",           # not attached
    "/files/curricula/patent-lesson/..%2Fpatent-lesson.md",  # traversal
    "/files/curricula/no-such-lesson/slides.pdf",
    "/files/secrets/patent-lesson/slides.pdf",
])
def test_anything_else_under_files_is_a_404(lesson_app, path):
    assert lesson_app.test_client().get(path).status_code == 404


def test_a_draft_entry_offers_no_downloads(lesson_dir, tmp_path):
    write(lesson_dir, "curricula/patent-lesson.md", LESSON.replace("title: 初中教案：认识专利",
                                                                     "title: 初中教案：认识专利\n    draft: true"))
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(lesson_dir)], "INDEX_DIR": str(tmp_path / "ix")})
    assert app.test_client().get(download_path("slides.pdf")).status_code == 404


def test_the_build_writes_each_file_byte_for_byte(lesson_app, lesson_dir, tmp_path):
    out = tmp_path / "site"
    build_site(lesson_app, out)
    for name in (WORKSHEET, "slides.pdf"):
        built = out / "files" / "curricula" / "patent-lesson" / name
        assert built.read_bytes() == (lesson_dir / "curricula" / "materials" / name).read_bytes()


@pytest.mark.parametrize("listing, chinese, english", [
    ("  - file: materials/missing.docx", "找不到附件 “materials/missing.docx”",
     "attachment 'materials/missing.docx' not found"),
    ("  - file: ../laws/sample-law.md", "应在本文件所在的文件夹内", "must be a path inside the folder of this file"),
    ("  - file: /etc/passwd.txt", "应在本文件所在的文件夹内", "must be a path inside the folder of this file"),
    ("  - file: materials/setup.exe", "不提供 “.exe” 类型的文件下载",
     "files of type '.exe' are not offered for download"),
    ("  - file: materials/README", "不提供 “（无）” 类型的文件下载",
     "files of type '(none)' are not offered for download"),
    ("  - file: materials/slides.pdf\n    size: 3", "未知字段 “size”", "unknown key 'size'"),
    ("  - title: 没有文件", "缺少 file:", "needs 'file:'"),
    ("  - title: 1\n    file: []", "缺少 file:", "needs 'file:'"),
    ("  - file: materials/slides.pdf\n    title: [甲]", "title 应是文字", "'title' must be text"),
    ("  - file: materials/slides.pdf\n  - file: materials/slides.pdf", "有两个附件都叫 “slides.pdf”",
     "two attachments are named 'slides.pdf'"),
])
def test_a_bad_attachment_is_reported_with_file_and_line(lesson_dir, listing, chinese, english):
    (lesson_dir / "curricula" / "materials" / "setup.exe").write_bytes(b"MZ")
    path = write(lesson_dir, "curricula/patent-lesson.md",
                 f"---\ntitle: 初中教案：认识专利\ndate: 2026-11-22\nattachments:\n{listing}\n---\n正文。\n")
    with pytest.raises(ContentError) as info:
        load_catalog([lesson_dir])
    problems = [p for p in info.value.problems if p.path == path]
    assert len(problems) == 1 and chinese in problems[0].message
    assert english in translate(problems[0].message, "en")
    assert problems[0].line == 4  # the line of the attachments key


def test_attachments_must_be_a_list(lesson_dir):
    write(lesson_dir, "curricula/patent-lesson.md",
          "---\ntitle: 教案\nattachments: materials/slides.pdf\n---\n正文。\n")
    with pytest.raises(ContentError) as info:
        load_catalog([lesson_dir])
    (problem,) = info.value.problems
    assert "attachments 应是列表" in problem.message
    assert "'attachments' must be a list" in translate(problem.message, "en")
