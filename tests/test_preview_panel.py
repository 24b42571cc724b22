"""Errors where staff look: the preview's panel, marked links and problem summary."""

from __future__ import annotations

import pytest

from portal import create_app
from portal.preview import reload_content

from .conftest import write


@pytest.fixture
def preview(content_dir, tmp_path):
    return create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "index"),
                       "SHOW_DRAFTS": True, "PREVIEW": True})


def test_a_broken_edit_shows_the_panel_above_the_last_good_version(preview, content_dir):
    client = preview.test_client()
    assert "preview-problems" not in client.get("/zh/news/first/").get_data(as_text=True)
    path = content_dir / "news" / "first.md"
    path.write_text("---\ntitle: 巫山县\nsummery: 摘要\n---\n新正文\n", encoding="utf-8")
    assert not reload_content(preview).swapped
    page = client.get("/zh/news/first/").get_data(as_text=True)
    panel = page.split('class="preview-problems"', 1)[1].split("</section>", 1)[0]
    assert f"{path}:3" in panel and "你是不是要写 “summary”" in panel
    assert page.index("preview-problems") < page.index("巫山县印发")  # the last good version, below
    english = client.get("/en/news/first/").get_data(as_text=True)
    assert "Did you mean &#39;summary&#39;?" in english and "Preview: this page has problems" in english
    path.write_text("---\ntitle: 巫山县\nsummary: 摘要\n---\n新正文\n", encoding="utf-8")
    assert reload_content(preview).swapped
    assert "preview-problems" not in client.get("/zh/news/first/").get_data(as_text=True)


def test_broken_links_are_marked_on_the_page(preview, content_dir):
    write(content_dir, "pages/links.md", "---\ntitle: 链接\n---\n[好](/zh/news/first/) [坏](/zh/news/firts/) "
          "[条](/zh/library/sample-law/#art-9)\n")
    assert reload_content(preview).swapped
    page = preview.test_client().get("/zh/pages/links/").get_data(as_text=True)
    marked = '<a data-broken-link="链接失效：没有 “/zh/news/firts/” 这个页面。你是不是要写 “/zh/news/first/”？"'
    assert marked + ' href="/zh/news/firts/"' in page
    assert "全文共 2 条" in page and page.count("data-broken-link=") == 2
    assert 'data-broken-link="' not in page.split('href="/zh/news/first/"', 1)[0].rsplit("<a", 1)[1]


def test_problem_summary_lists_every_current_problem(preview, content_dir):
    write(content_dir, "pages/links.md", "---\ntitle: 链接\n---\n[坏](/zh/news/nothing/)\n")
    write(content_dir, "news/new.md", "---\ntitle 新\n---\n正文\n")
    reload_content(preview)
    text = preview.test_client().get("/_preview/problems").get_data(as_text=True)
    assert "new.md" in text and "这一行缺少冒号" in text
    assert "links.md" not in text  # not swapped in: the last good catalogue has no such page yet
    (content_dir / "news" / "new.md").unlink()
    reload_content(preview)
    text = preview.test_client().get("/_preview/problems").get_data(as_text=True)
    assert "links.md" in text and "/zh/news/nothing/" in text and "new.md" not in text


def test_never_outside_the_preview(app, content_dir):
    write(content_dir, "pages/links.md", "---\ntitle: 链接\n---\n[坏](/zh/news/nothing/)\n")
    built = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "SHOW_DRAFTS": True})
    client = built.test_client()
    assert client.get("/_preview/problems").status_code == 404
    assert "data-broken-link" not in client.get("/zh/pages/links/").get_data(as_text=True)
