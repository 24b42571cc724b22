"""Nothing outside the content folders is published through a symlink."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.content import ContentError, load_catalog

from .conftest import write


@pytest.mark.parametrize("link_to_folder", [False, True])
def test_an_attachment_linking_outside_its_folder_is_refused_with_file_and_line(content_dir, tmp_path, link_to_folder):
    secret = tmp_path / "outside" / "notes.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    att = content_dir / "news" / "att"
    if link_to_folder:
        att.symlink_to(secret.parent, target_is_directory=True)
    else:
        att.mkdir(parents=True)
        (att / "notes.txt").symlink_to(secret)
    path = write(content_dir, "news/a.md",
                 "---\ntitle: 通知\ndate: 2026-11-22\nattachments:\n  - file: att/notes.txt\n---\n正文。\n")
    with pytest.raises(ContentError) as info:
        load_catalog([content_dir])
    problems = [p for p in info.value.problems if p.path == path]
    assert len(problems) == 1, info.value.problems
    assert "outside" in problems[0].message and problems[0].line == 4


def test_a_symlink_inside_the_folder_to_a_file_beside_it_is_accepted(content_dir):
    att = content_dir / "news" / "att"
    att.mkdir(parents=True)
    (att / "real.txt").write_text("公开资料\n", encoding="utf-8")
    (att / "notes.txt").symlink_to(Path("real.txt"))
    write(content_dir, "news/a.md",
          "---\ntitle: 通知\ndate: 2026-11-22\nattachments:\n  - file: att/notes.txt\n---\n正文。\n")
    catalog = load_catalog([content_dir])
    assert catalog is not None


def test_a_markdown_file_linking_outside_the_content_folder_is_refused(content_dir, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("---\ntitle: 外部文件\ndate: 2026-11-22\n---\n不应发布。\n", encoding="utf-8")
    link = content_dir / "news" / "leak.md"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    with pytest.raises(ContentError) as info:
        load_catalog([content_dir])
    assert any(p.path == link and "outside" in p.message for p in info.value.problems), info.value.problems


def test_a_symlinked_sub_folder_is_an_error_not_skipped(content_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (content_dir / "news").mkdir(exist_ok=True)
    (content_dir / "news" / "more").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ContentError) as info:
        load_catalog([content_dir])
    assert any(p.path == content_dir / "news" / "more" and "symbolic link" in p.message
               for p in info.value.problems), info.value.problems
