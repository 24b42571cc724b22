"""Short addresses: /zh/library/专利法/ is the current version, the copy link cites it, shared names list the works."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from portal import create_app
from portal.freeze import build_site

from .conftest import write

SITE = "https://ip.example.gov.cn"


def _canonical(page: str) -> list[str]:
    """The page's canonical links, as paths of SITE (absolute links are the only kind there is)."""
    found = re.findall(r'<link rel="canonical" href="([^"]+)">', page)
    assert all(link.startswith(SITE + "/") for link in found), found
    return [link.removeprefix(SITE) for link in found]


@pytest.fixture(scope="module")
def client(site_dirs, tmp_path_factory):
    folder = tmp_path_factory.mktemp("short")
    app = create_app({"TESTING": True, "CONTENT_DIRS": site_dirs, "INDEX_DIR": str(folder / "index"),
                      "SITE_URL": SITE})
    return app.test_client()


def test_short_name_is_the_current_version_with_its_articles(client):
    response = client.get("/zh/library/专利法/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<h1 lang="zh-CN">中华人民共和国专利法</h1>' in page
    assert _canonical(page) == ["/zh/library/" + quote("专利法-2020-10-17") + "/"]
    assert 'id="art-11"' in page and f'data-short-url="/zh/library/{quote("专利法")}/"' in page


def test_short_name_follows_the_newest_version_of_the_work(client):
    page = client.get("/zh/library/专利法实施细则/").get_data(as_text=True)
    assert _canonical(page) == ["/zh/library/" + quote("专利法实施细则-2023-12-11") + "/"]
    assert 'id="art-149"' in page  # the 2023 text (the 2010 one ends at 第一百二十三条)
    current = client.get("/zh/library/专利法实施细则-2023-12-11/").get_data(as_text=True)
    older = client.get("/zh/library/专利法实施细则-2010-01-09/").get_data(as_text=True)
    assert ">/zh/library/专利法实施细则/</a>" in current and "data-short-url" in current
    assert "data-short-url" not in older and "short-address" not in older  # its articles are numbered differently


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_short_address_shows_the_version_page_byte_for_byte(client, lang, monkeypatch):
    """As a build renders them (FREEZING): the build writes one file and links the other address to it."""
    monkeypatch.setitem(client.application.config, "FREEZING", True)
    short = client.get(f"/{lang}/library/专利法实施细则/").get_data()
    version = client.get(f"/{lang}/library/专利法实施细则-2023-12-11/").get_data()
    assert short == version
    own = f"/{lang}/library/" + quote("专利法实施细则-2023-12-11") + "/"
    assert _canonical(version.decode()) == [own]  # the version page names itself as the address to cite
    other = "en" if lang == "zh" else "zh"
    assert f'class="lang-switch" href="/{other}/library/专利法实施细则-2023-12-11/"' in version.decode()


def test_english_short_address_and_spelled_out_names(client):
    page = client.get("/en/library/商标法实施条例/").get_data(as_text=True)
    assert "Short address: " in page and _canonical(page) == ["/en/library/" + quote("商标法实施条例-2014-04-29") + "/"]
    for spelled in ("中华人民共和国专利法", "专利 法"):
        response = client.get(f"/zh/library/{spelled}/")
        assert response.status_code == 301 and response.headers["Location"] == f"/zh/library/{quote('专利法')}/"
    assert client.get("/zh/library/没有这部法/").status_code == 404


def test_policies_keep_their_own_addresses(client):
    assert client.get("/zh/library/关于进一步加强知识产权工作的实施意见/").status_code == 404
    page = client.get("/zh/library/wushan-2022-ip-work/").get_data(as_text=True)
    assert "short-address" not in page


LAW = """
---
title: {title}
level: {level}
version_date: {date}
---
第一条 {text}
"""


@pytest.fixture
def shared_names(tmp_path):
    content = tmp_path / "content"
    laws = [
        ("national", "中华人民共和国示例法", "法律", "2020-01-01", "全国。"),
        ("local", "示例法", "地方性法规", "2021-01-01", "本市。"),
        ("taken-2019", "中华人民共和国占用法", "法律", "2019-01-01", "甲。"),
        ("占用法", "另一部规定", "部门规章", "2018-01-01", "乙。"),
        ("single-2020", "中华人民共和国单一法", "法律", "2020-01-01", "旧。"),
        ("single-2022", "中华人民共和国单一法", "法律", "2022-01-01", "新。"),
    ]
    for slug, title, level, date, text in laws:
        write(content, f"laws/{slug}.md", LAW.format(title=title, level=level, date=date, text=text))
    return create_app({"TESTING": True, "CONTENT_DIRS": [str(content)], "INDEX_DIR": str(tmp_path / "index"),
                       "SITE_URL": SITE})


def test_a_name_of_two_works_lists_both_and_neither_cites_it(shared_names):
    client = shared_names.test_client()
    page = client.get("/zh/library/示例法/").get_data(as_text=True)
    assert "都简称“示例法”" in page and 'name="robots" content="noindex"' in page
    assert 'href="/zh/library/national/"' in page and 'href="/zh/library/local/"' in page
    for slug in ("national", "local"):
        assert "data-short-url" not in client.get(f"/zh/library/{slug}/").get_data(as_text=True)


def test_a_name_that_is_already_a_page_stays_that_page(shared_names):
    client = shared_names.test_client()
    assert "<h1 lang=\"zh-CN\">另一部规定</h1>" in client.get("/zh/library/占用法/").get_data(as_text=True)
    assert "data-short-url" not in client.get("/zh/library/taken-2019/").get_data(as_text=True)


def test_frozen_short_addresses_are_real_pages(shared_names, tmp_path):
    out = tmp_path / "site"
    build_site(shared_names, out)
    single = (out / "zh" / "library" / "单一法" / "index.html").read_text(encoding="utf-8")
    assert _canonical(single) == ["/zh/library/single-2022/"] and "第一条" in single and "新。" in single
    assert 'id="art-1"' in single
    assert (out / "en" / "library" / "单一法" / "index.html").exists()
    assert "都简称“示例法”" in (out / "zh" / "library" / "示例法" / "index.html").read_text(encoding="utf-8")
    assert "另一部规定" in (out / "zh" / "library" / "占用法" / "index.html").read_text(encoding="utf-8")
    listed = (out / "zh" / "library" / "single-2022" / "index.html").read_text(encoding="utf-8")
    assert f'href="/zh/library/{quote("单一法")}/"' in listed
    for lang in ("zh", "en"):  # one file at both addresses: the build links it, it does not render it twice
        version = out / lang / "library" / "single-2022" / "index.html"
        assert (out / lang / "library" / "单一法" / "index.html").samefile(version)
    listing = (out / "zh" / "library" / "示例法" / "index.html").stat()
    assert listing.st_nlink == 1  # a name of two works is a page of its own
