"""An unknown date is shown as text, never as an invalid <time> element."""

import re

from .conftest import write


def test_undated_items_have_no_time_element_without_a_datetime(content_dir, app):
    write(content_dir, "laws/undated-law.md", "---\ntitle: 未注明日期的条例\nlevel: 地方性法规\n---\n第一条 内容。\n")
    from portal import create_app

    live = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": app.config["INDEX_DIR"]})
    client = live.test_client()
    for page in ("/zh/library/", "/en/library/", "/zh/search/?q=条例"):
        html = client.get(page).get_data(as_text=True)
        assert "未注明日期的条例" in html or "undated" in page
        assert not re.search(r"<time(?![^>]*datetime=)[^>]*>", html), page
