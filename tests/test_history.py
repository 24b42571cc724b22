"""Dates read from the history lines by exact phrases, and one region name per place."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.content.history import canonical_region, history_dates

D = dt.date


@pytest.mark.parametrize(
    ("lines", "adopted", "published", "effective"),
    [
        (
            ("2004年12月8日 最高人民法院、最高人民检察院公告公布", "2004年12月22日 施行"),
            None,
            D(2004, 12, 8),
            D(2004, 12, 22),
        ),
        (("2020年12月29日 最高人民法院公告公布",), None, D(2020, 12, 29), None),
        (("2001年6月15日 中华人民共和国国务院令第306号公布",), None, D(2001, 6, 15), None),
        (("2001年4月2日 中华人民共和国国务院令第300号发布",), None, D(2001, 4, 2), None),
        (("2020年12月23日 最高人民法院审判委员会第1823次会议通过",), D(2020, 12, 23), None, None),
        (("2007年7月27日 重庆市第二届人民代表大会常务委员会第三十二次会议通过",), D(2007, 7, 27), None, None),
        # dates of an earlier version are not this version's: 修正 and 修订 start over
        (
            (
                "1984年3月12日 第六届全国人民代表大会常务委员会第四次会议通过",
                "2020年10月17日 第十三届全国人民代表大会常务委员会第二十二次会议《关于修改〈中华人民共和国专利法〉的决定》第四次修正",  # noqa: E501
            ),
            None,
            None,
            None,
        ),
        (
            (
                "2001年6月15日 中华人民共和国国务院令第306号公布",
                "2023年12月11日 《国务院关于修改〈中华人民共和国专利法实施细则〉的决定》第三次修订）",
            ),
            None,
            None,
            None,
        ),
        # two bodies adopting on two dates: no single 通过 date is stated
        (
            (
                "2004年11月2日 最高人民法院审判委员会第1331次会议、2004年11月11日最高人民检察院第十届检察委员会第28次会议通过",  # noqa: E501
            ),
            None,
            None,
            None,
        ),
        # malformed lines state nothing
        (("法释〔2004〕19号", "2004年13月40日 施行", "2004年12月 施行", "自公布之日起施行"), None, None, None),
    ],
)
def test_history_phrases(lines, adopted, published, effective):
    assert history_dates(lines) == (history_dates(()).__class__(adopted, published, effective))


def test_regions_have_one_name_per_place():
    assert canonical_region("重庆") == canonical_region("重庆市") == "重庆市"
    assert canonical_region("全国") == "全国"
    assert canonical_region(None) is None


def test_real_pages_show_stated_dates_and_filter_by_region(site_dirs, tmp_path):
    from portal import create_app

    app = create_app({"TESTING": True, "CONTENT_DIRS": site_dirs, "INDEX_DIR": str(tmp_path / "i")})
    client = app.test_client()
    slug = "最高人民法院-最高人民检察院关于办理侵犯知识产权刑事案件具体应用法律若干问题的解释-2004-12-08"
    page = client.get(f"/zh/library/{slug}/").get_data(as_text=True)
    assert "<dt>公布日期</dt><dd>2004年12月8日</dd>" in page
    assert "<dt>施行日期</dt><dd>2004年12月22日</dd>" in page
    listing = client.get("/zh/library/?region=重庆市").get_data(as_text=True)
    shown = listing.split('id="library-list"', 1)[1].split("</ul>", 1)[0]
    assert "重庆市专利促进与保护条例" in shown and "中华人民共和国专利法" not in shown
    assert 'data-region="重庆"' not in listing


def test_source_line_names_the_collection_and_never_a_local_file():
    from portal.content.history import readable_source

    assert readable_source(None, "民法商法/专利法(2020-10-17).md") == (
        "LawRefBook/Laws 法律法规合集，原文路径：民法商法/专利法(2020-10-17).md"
    )
    assert readable_source("received file wushan-2022-ip-work.txt", None) == "本站收到的文件原件（由工作人员录入）"
    assert readable_source("重庆市人民政府网站", "x.md") == "重庆市人民政府网站"  # a stated source wins
    assert readable_source(None, None) is None


def test_policy_page_shows_no_received_file_name(site_dirs, tmp_path):
    from portal import create_app

    app = create_app({"TESTING": True, "CONTENT_DIRS": site_dirs, "INDEX_DIR": str(tmp_path / "index")})
    page = app.test_client().get("/zh/library/wushan-2022-ip-work/").get_data(as_text=True)
    assert "wushan-2022-ip-work.txt" not in page and "received file" not in page
    assert "本站收到的文件原件" in page
