"""Version comparison pages: live on the corpus, in English, linked from each version, and frozen."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

import pytest

from portal import create_app
from portal.freeze import build_site

from .conftest import write

RULES_2010, RULES_2023 = "专利法实施细则-2010-01-09", "专利法实施细则-2023-12-11"
COURT_2018 = "最高人民法院关于知识产权法庭若干问题的规定-2018-12-28"
COURT_2023 = "最高人民法院关于知识产权法庭若干问题的规定-2023-10-21"


def compare_url(lang: str, old: str, new: str) -> str:
    return f"/{lang}/library/compare/{quote(old)}/{quote(new)}/"


def summary(page: str) -> dict[str, int]:
    """The summary's figures as the page shows them: {kind: count}."""
    return {kind: int(n) for kind, n in re.findall(r'<li class="count-(\w+)">.*?<strong>(\d+)</strong>', page)}


def article(page: str) -> str:
    """The comparison itself (the header's preference links differ between live and frozen by design)."""
    return re.search(r'<article class="compare">.*?</article>', page, re.S).group(0)


@pytest.fixture(scope="module")
def corpus_client(corpus_dir, tmp_path_factory):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(corpus_dir)],
                      "INDEX_DIR": str(tmp_path_factory.mktemp("index"))})
    return app.test_client()


def test_patent_rules_comparison_page_shows_the_summary_and_marks_changes(corpus_client):
    response = corpus_client.get(compare_url("zh", RULES_2010, RULES_2023))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert summary(page) == {"changed": 6, "renumbered_changed": 65, "renumbered": 44, "added": 30, "deleted": 4,
                             "unchanged": 4}
    assert page.count('<li class="pair ') == 153  # 123 old and 149 new articles in 153 rows
    # The added sentence of 第二条 is marked, with words for screen readers, not colour alone.
    assert re.search(r'<ins><span class="visually-hidden">新增：</span>以电子数据交换等方式', page)
    assert re.search(r'<del><span class="visually-hidden">删除：</span>[^<]*2%', page)
    assert "（新增结束）" in page and "（删除结束）" in page


def test_each_row_links_to_the_article_in_both_versions(corpus_client):
    page = corpus_client.get(compare_url("zh", RULES_2010, RULES_2023)).get_data(as_text=True)
    row = re.search(r'<li class="pair pair-renumbered" id="new-art-12">(.*?)</li>', page, re.S).group(1)
    links = [unquote(h) for h in re.findall(r'href="([^"]+)"', row)]
    assert links == [f"/zh/library/{RULES_2010}/#art-11", f"/zh/library/{RULES_2023}/#art-12"]
    deleted = re.search(r'<li class="pair pair-deleted" id="old-art-59">(.*?)</li>', page, re.S).group(1)
    assert "（新版本无对应条文）" in deleted and f"{quote(RULES_2010)}/#art-59" in deleted


def test_the_page_offers_to_show_only_changes(corpus_client):
    page = corpus_client.get(compare_url("zh", RULES_2010, RULES_2023)).get_data(as_text=True)
    assert re.search(r"<fieldset class=\"compare-filter\">\s*<legend>显示</legend>", page)
    for value in ("all", "changes", "text"):
        assert f'name="show" value="{value}"' in page


def test_court_rules_comparison_page(corpus_client):
    page = corpus_client.get(compare_url("zh", COURT_2018, COURT_2023)).get_data(as_text=True)
    assert summary(page) == {"changed": 2, "renumbered_changed": 2, "renumbered": 5, "added": 1, "deleted": 5,
                             "unchanged": 1}


def test_english_page_has_english_furniture_around_the_chinese_text(corpus_client):
    page = corpus_client.get(compare_url("en", COURT_2018, COURT_2023)).get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Summary of changes" in page and "renumbered only" in page and "Older version: " in page
    assert "对照结果" not in page and "旧版本" not in page and "新增：" not in page
    assert '<div class="side-text" lang="zh-CN">' in page
    assert f'href="/en/library/{quote(COURT_2023)}/#art-4"' in page


def test_each_version_links_to_the_comparison(corpus_client):
    for slug in (RULES_2010, RULES_2023):
        page = corpus_client.get(f"/zh/library/{quote(slug)}/").get_data(as_text=True)
        link = re.search(r'<p class="compare-links">对照其他版本：<a href="([^"]+)">([^<]+)</a>', page)
        assert link, slug
        assert link.group(1) == compare_url("zh", RULES_2010, RULES_2023)
    other = corpus_client.get(f"/en/library/{quote(RULES_2010)}/").get_data(as_text=True)
    assert "compare with the version of 2023-12-11" in other


def test_only_older_to_newer_versions_of_one_work_have_a_page(corpus_client):
    assert corpus_client.get(compare_url("zh", RULES_2023, RULES_2010)).status_code == 404
    assert corpus_client.get(compare_url("zh", COURT_2018, RULES_2023)).status_code == 404
    assert corpus_client.get(compare_url("zh", "no-such-law", RULES_2023)).status_code == 404


# -- three versions, frozen ----------------------------------------------------------------------
VERSION_TEXT = {
    "2001-01-01": ["为了保护知识产权，制定本条例。", "本条例适用于本市行政区域。"],
    "2010-01-01": ["为了保护知识产权，制定本条例。", "市人民政府应当加强知识产权宣传教育工作。",
                   "本条例适用于本市行政区域。"],
    "2020-01-01": ["为了保护和促进知识产权，制定本条例。", "市人民政府应当加强知识产权宣传教育工作。",
                   "本条例适用于本市行政区域。"],
}
NUMERALS = "一二三"


@pytest.fixture
def three_versions(tmp_path):
    root = tmp_path / "content"
    for date, bodies in VERSION_TEXT.items():
        articles = "\n\n".join(f"第{NUMERALS[i]}条 {b}" for i, b in enumerate(bodies))
        write(root, f"laws/示例条例({date}).md",
              f"---\ntitle: 示例条例\nlevel: 地方性法规\nversion_date: {date}\n---\n{articles}\n")
    return create_app({"TESTING": True, "CONTENT_DIRS": [str(root)], "INDEX_DIR": str(tmp_path / "index")})


def test_a_work_compares_each_version_with_the_next_and_with_the_newest(three_versions):
    client = three_versions.test_client()
    a, b, c = (f"示例条例-{d}" for d in VERSION_TEXT)
    assert client.get(compare_url("zh", a, b)).status_code == 200
    assert client.get(compare_url("zh", b, c)).status_code == 200
    assert client.get(compare_url("zh", a, c)).status_code == 200
    middle = client.get(f"/zh/library/{quote(b)}/").get_data(as_text=True)
    assert "与2001年1月1日版本对照" in middle and "与2020年1月1日版本对照" in middle


def test_comparison_pages_are_frozen_and_match_the_live_pages(three_versions, tmp_path):
    out = tmp_path / "site"
    build_site(three_versions, out)
    a, b, c = (f"示例条例-{d}" for d in VERSION_TEXT)
    live = three_versions.test_client()
    for lang in ("zh", "en"):
        for old, new in ((a, b), (b, c), (a, c)):
            frozen = out / lang / "library" / "compare" / old / new / "index.html"
            assert frozen.is_file(), frozen
            live_page = live.get(compare_url(lang, old, new)).get_data(as_text=True)
            assert article(frozen.read_text(encoding="utf-8")) == article(live_page)
    page = (out / "zh" / "library" / "compare" / a / c / "index.html").read_text(encoding="utf-8")
    assert summary(page)["changed"] == 1 and summary(page)["renumbered"] == 1 and summary(page)["added"] == 1
    assert "<ins><span class=\"visually-hidden\">新增：</span>和促进" in page


def test_a_version_without_articles_has_no_comparison_and_no_link(tmp_path):
    root = tmp_path / "content"
    write(root, "laws/示例办法(2001-01-01).md",
          "---\ntitle: 示例办法\nversion_date: 2001-01-01\n---\n本办法没有分条。\n")
    write(root, "laws/示例办法(2011-01-01).md",
          "---\ntitle: 示例办法\nversion_date: 2011-01-01\n---\n第一条 为了保护知识产权，制定本办法。\n")
    client = create_app({"TESTING": True, "CONTENT_DIRS": [str(root)], "INDEX_DIR": str(tmp_path / "i")}).test_client()
    page = client.get(f"/zh/library/{quote('示例办法-2011-01-01')}/").get_data(as_text=True)
    assert "版本" in page and "对照其他版本" not in page
    assert client.get(compare_url("zh", "示例办法-2001-01-01", "示例办法-2011-01-01")).status_code == 404
    out = tmp_path / "site"
    build_site(create_app({"TESTING": True, "CONTENT_DIRS": [str(root)], "INDEX_DIR": str(tmp_path / "j")}), out)
    assert not (out / "zh" / "library" / "compare").exists()
