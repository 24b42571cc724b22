"""The whole site as `make run` publishes it: all 56 distinct documents, no broken links."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from portal import create_app
from portal.cli import main
from portal.urls import entry_path


@pytest.fixture(scope="module")
def site_app(site_dirs):
    return create_app({"TESTING": True, "CONTENT_DIRS": site_dirs})


def test_all_56_distinct_documents_are_published(site_app):
    catalog = site_app.extensions["portal.catalog"]
    library = [e for e in catalog.entries.values() if e.section in ("laws", "policies")]
    assert len(library) == 56
    client = site_app.test_client()
    html = client.get("/zh/library/").get_data(as_text=True)
    assert "共 56 部，全部 56 部" in html
    for entry in library:
        assert client.get(entry_path(entry, "zh")).status_code == 200


def test_policy_pages_show_what_the_documents_state(site_app):
    client = site_app.test_client()
    chongqing = client.get("/zh/library/chongqing-2016-25/").get_data(as_text=True)
    panel = chongqing.split('class="meta-panel"', 1)[1].split("</section>", 1)[0]
    assert "渝府发〔2016〕25号" in panel and "重庆市人民政府" in panel and "规范性文件" in panel
    assert "<dt>版本日期</dt>" not in panel and "未注明：" in panel.split("版本日期")[0]  # the text states no date
    wushan = client.get("/zh/library/wushan-2022-ip-work/").get_data(as_text=True)
    assert "2022年2月7日" in wushan and "巫山县知识产权保护联席会议办公室" in wushan
    assert '<a href="#h-1">一、充分认识实施知识产权战略的重大意义</a>' in wushan


def test_check_passes_on_the_real_site_with_only_the_duplicate_warning(site_dirs):
    args = ["check"] + [arg for d in site_dirs for arg in ("--content", d)]
    result = CliRunner(env={"PORTAL_STAFF_LANGUAGE": "en"}).invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "ok: 88 entries, 0 error(s)" in result.output  # 55 laws, 2 policies, 10 guides and the rest
    warnings = [line for line in result.output.splitlines() if ": warning" in line or "warning:" in line]
    assert sum("same document as" in line for line in result.output.splitlines()) == 1
    others = [line for line in result.output.splitlines() if ".md:" in line and "same document as" not in line]
    assert others and all("citation '" in line for line in others), warnings
