"""The site's identity: owner, contact and filing numbers in the footer and About; sample values flagged."""

from __future__ import annotations

from click.testing import CliRunner

from portal import create_app
from portal.cli import main

from .conftest import write


def test_footer_and_about_show_identity_settings_and_every_page_has_a_description(tmp_path):
    write(tmp_path, "pages/about.md", "---\ntitle: 关于本站\nsummary: 本站是谁办的。\n---\n正文\n")
    write(tmp_path, "news/n.md", "---\ntitle: 新闻\nsummary: 巫山县发布  实施意见。\n---\n正文\n")
    config = {"OWNER": "巫山县某局", "ICP_NUMBER": "渝ICP备1号", "ERROR_REPORT_URL": "https://e.example/report"}
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)], **config})
    client = app.test_client()
    home = client.get("/zh/").get_data(as_text=True)
    footer = home.split('class="site-footer"', 1)[1]
    assert "主办单位" in footer and "巫山县某局" in footer and "渝ICP备1号" in footer
    assert 'href="https://e.example/report"' in footer
    about = client.get("/zh/pages/about/").get_data(as_text=True)
    assert "巫山县某局" in about.split("<main", 1)[1].split("</main>", 1)[0]
    news = client.get("/zh/news/n/").get_data(as_text=True)
    assert '<meta name="description" content="巫山县发布 实施意见。">' in news
    assert '<meta name="description" content="' in home and 'rel="icon"' in home
    english = client.get("/en/").get_data(as_text=True)
    assert "Owner" in english and '<dd lang="zh-CN">巫山县某局</dd>' in english


def test_production_check_flags_sample_identity(tmp_path):
    write(tmp_path, "news/n.md", "---\ntitle: 新闻\n---\n正文\n")
    plain = CliRunner().invoke(main, ["check", "--content", str(tmp_path)])
    assert plain.exit_code == 0 and "sample value" not in plain.output
    prod = CliRunner().invoke(main, ["check", "--content", str(tmp_path)], env={"PORTAL_PRODUCTION": "1"})
    assert prod.exit_code == 1 and "OWNER is still the sample value" in prod.output
    env = {"PORTAL_PRODUCTION": "1", "PORTAL_OWNER": "巫山县某局"}
    assert "OWNER is still" not in CliRunner().invoke(main, ["check", "--content", str(tmp_path)], env=env).output


def test_emblem_is_shown_beside_the_site_name_only_when_set(tmp_path):
    write(tmp_path, "news/n.md", "---\ntitle: 新闻\n---\n正文\n")
    plain = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)]}).test_client()
    assert "site-emblem" not in plain.get("/zh/").get_data(as_text=True)
    config = {"SITE_EMBLEM": "favicon.svg", "OWNER": "巫山县某局"}
    client = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)], **config}).test_client()
    header = client.get("/zh/").get_data(as_text=True).split('class="site-name"', 1)[1].split("</a>", 1)[0]
    assert '<img class="site-emblem" src="/static/favicon.svg" width="40" height="40" alt="巫山县某局">' in header
    assert header.rstrip().endswith("知识产权公共信息与教育门户")
    english = client.get("/en/").get_data(as_text=True).split('class="site-name"', 1)[1].split("</a>", 1)[0]
    assert 'alt="巫山县某局" lang="zh-CN"' in english
    with client.get("/static/favicon.svg") as emblem:
        assert emblem.status_code == 200


def test_check_reports_an_emblem_that_is_not_an_image_under_static(tmp_path):
    write(tmp_path, "news/n.md", "---\ntitle: 新闻\n---\n正文\n")
    check = ["check", "--content", str(tmp_path)]
    for wrong in ("img/no-such-emblem.png", "css/site.css", "../README.md"):
        result = CliRunner().invoke(main, check, env={"PORTAL_SITE_EMBLEM": wrong})
        assert result.exit_code == 1 and f"SITE_EMBLEM {wrong!r} is not an image" in result.output, result.output
    assert CliRunner().invoke(main, check, env={"PORTAL_SITE_EMBLEM": "favicon.svg"}).exit_code == 0
