"""Indicators: data file validated with file:line, dashboard, report, CSV and JSON match the data."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest

from portal import create_app
from portal.content import ContentError
from portal.content.checks import check_catalog
from portal.freeze import build_site

from .conftest import write

POLICY = """
    ---
    title: 关于进一步加强知识产权工作的实施意见
    level: 规范性文件
    ---
    ## 一、总体要求

    3.总体目标。到2025年，每万人口高价值发明专利拥有量达1.12件，地理标志数量合理稳定增长。
    """
DATA = """
    indicators:
      - id: patents
        name: 每万人口高价值发明专利拥有量
        name_en: High-value invention patents per 10,000 residents
        unit: 件
        definition: 每万名常住人口拥有的高价值发明专利件数。
        kind: 预期性
        target: 1.12
        target_year: 2025
        policy: opinions
        quote: 每万人口高价值发明专利拥有量达1.12件
        values:
          - {year: 2023, value: 0.78, source: 县市场监管局统计, date: 2024-03-01}
          - {year: 2022, value: 0.61, source: 县市场监管局统计, date: 2023-03-01}
          - {year: 2024, value: 0.95, source: 县市场监管局统计, date: 2025-03-01, sample: true}
      - id: gi
        name: 地理标志数量
        unit: 件
        definition: 本县获得保护的地理标志件数。
        target_text: 合理稳定增长
        target_year: 2025
        policy: opinions
        quote: 地理标志数量合理稳定增长
        values:
          - {year: 2024, value: 4, source: 县市场监管局统计, date: 2025-03-01}
    """
REPORT = """
    ---
    title: 2023年知识产权发展状况报告
    date: 2024-04-01
    ---
    本年度概况。
    """


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "content"
    write(root, "policies/opinions.md", POLICY)
    write(root, "indicators/county.yaml", DATA)
    write(root, "reports/2023.md", REPORT)
    return root


def make_app(root, tmp_path):
    return create_app({"TESTING": True, "CONTENT_DIRS": [str(root)], "INDEX_DIR": str(tmp_path / "index")})


def problems_of(root, tmp_path, relpath, text):
    write(root, relpath, text)
    with pytest.raises(ContentError) as caught:
        make_app(root, tmp_path)
    return [str(p) for p in caught.value.problems]


def test_dashboard_shows_each_indicator_with_gap_to_target(site, tmp_path):
    page = make_app(site, tmp_path).test_client().get("/zh/indicators/").get_data(as_text=True)
    assert "2024年为 0.95 件。距2025年目标 1.12 件还差 0.17 件。" in page
    assert "2024年为 4 件。目标（2025年）：合理稳定增长。政策没有给出数值。" in page
    assert 'href="/zh/library/opinions/#' in page  # the policy passage that sets the target
    assert "<q lang=\"zh-CN\">每万人口高价值发明专利拥有量达1.12件</q>" in page


def test_charts_are_svg_with_title_and_description(site, tmp_path):
    page = make_app(site, tmp_path).test_client().get("/en/indicators/").get_data(as_text=True)
    charts = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(charts) == 2
    first = charts[0]
    assert 'role="img"' in first and 'aria-labelledby="chart-patents-title chart-patents-desc"' in first
    assert re.search(r'<title id="chart-patents-title">High-value invention patents per 10,000 residents', first)
    assert "0.17" in re.search(r"<desc [^>]*>(.*?)</desc>", first).group(1)
    assert first.count("<circle") == 3 and "stroke-dasharray" in first  # 3 figures, dashed target line


def test_sample_figures_are_labelled_and_flagged_by_check(site, tmp_path):
    app = make_app(site, tmp_path)
    page = app.test_client().get("/zh/indicators/").get_data(as_text=True)
    assert "示例数据" in page
    catalog = app.extensions["portal.catalog"]
    flagged = [p for p in check_catalog(catalog, production=True) if p.severity == "error"]
    assert any("county.yaml:" in str(p) and "指标 “patents” 含有示例数据" in p.message for p in flagged)
    assert not any("sample" in p.message for p in check_catalog(catalog))  # staff preview: no noise


def test_data_table_matches_the_data_file(site, tmp_path):
    page = make_app(site, tmp_path).test_client().get("/zh/indicators/").get_data(as_text=True)
    table = re.search(r"<table class=\"data-table\">.*?</table>", page, re.S).group(0)
    rows = re.findall(r'<th scope="row">(\d{4})</th><td>([\d.]+)', table)
    assert rows == [("2022", "0.61"), ("2023", "0.78"), ("2024", "0.95")]  # sorted by year


def test_csv_matches_the_data_file(site, tmp_path):
    response = make_app(site, tmp_path).test_client().get("/zh/indicators/indicators.csv")
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["指标编号"], r["年份"], r["数值"], r["来源"], r["示例数据"]) for r in rows] == [
        ("patents", "2022", "0.61", "县市场监管局统计", "false"),
        ("patents", "2023", "0.78", "县市场监管局统计", "false"),
        ("patents", "2024", "0.95", "县市场监管局统计", "true"),
        ("gi", "2024", "4", "县市场监管局统计", "false"),
    ]
    assert rows[0]["目标"] == "1.12" and rows[3]["目标"] == "合理稳定增长"


def test_open_data_json_and_sitemap(site, tmp_path):
    client = make_app(site, tmp_path).test_client()
    data = json.loads(client.get("/api/indicators.json").data)
    assert data["count"] == 2
    assert data["indicators"][0]["values"][-1] == {
        "year": 2024, "value": 0.95, "source": "县市场监管局统计", "date": "2025-03-01", "sample": True,
    }
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    assert "<loc>/zh/indicators/</loc>" in sitemap and "<loc>/en/indicators/2023/</loc>" in sitemap


def test_report_embeds_that_years_figures_and_is_linked_from_the_dashboard(site, tmp_path):
    client = make_app(site, tmp_path).test_client()
    report = client.get("/zh/indicators/2023/").get_data(as_text=True)
    assert "本年度概况。" in report
    assert "2023年为 0.78 件。距2025年目标 1.12 件还差 0.34 件。" in report  # not the 2024 figure
    assert "0.95" not in report
    dashboard = client.get("/zh/indicators/").get_data(as_text=True)
    assert 'href="/zh/indicators/2023/">2023年报告' in dashboard
    assert client.get("/zh/indicators/2024/").status_code == 404


def test_frozen_build_has_dashboard_report_csv_and_json(site, tmp_path):
    out = tmp_path / "site"
    build_site(make_app(site, tmp_path), out)
    for path in ("zh/indicators/index.html", "en/indicators/index.html", "zh/indicators/2023/index.html",
                 "zh/indicators/indicators.csv", "api/indicators.json"):
        assert (out / path).is_file(), path
    live = make_app(site, tmp_path).test_client().get("/zh/indicators/indicators.csv").data
    assert (out / "zh/indicators/indicators.csv").read_bytes() == live


BAD_VALUE = DATA.replace("value: 0.78", "value: 0.78件")
BAD_YEAR = DATA.replace("year: 2023", "year: 1823")
NO_TARGET = DATA.replace("        target: 1.12\n", "")
NO_SOURCE = DATA.replace("value: 0.61, source: 县市场监管局统计, ", "value: 0.61, ")
OTHER_UNIT = DATA.replace("value: 0.61, ", "value: 0.61, unit: 个, ")
TYPO = DATA.replace("definition: 每万名", "defintion: 每万名")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (BAD_VALUE, 13, "value 应是数字，而不是 '0.78件'"),
        (BAD_YEAR, 13, "year 应是 1990 至 2100 之间的年份，而不是 1823"),
        (NO_TARGET, 2, "指标 “patents” 没有目标"),
        (NO_SOURCE, 14, "缺少 “source”"),
        (OTHER_UNIT, 14, "单位 “个” 与指标的单位 “件” 不同"),
        (TYPO, 6, "指标 “patents”中有未知的键 “defintion”。你是不是要写 “definition”？"),
    ],
    ids=["not-a-number", "year-out-of-range", "no-target", "no-source", "unit-differs", "typo"],
)
def test_bad_data_is_an_error_with_file_and_line_and_nothing_is_published(site, tmp_path, text, line, message):
    problems = problems_of(site, tmp_path, "indicators/county.yaml", text)
    assert any(f"county.yaml:{line}:" in p and message in p for p in problems), problems


def test_yaml_syntax_error_names_the_line(site, tmp_path):
    broken = DATA.replace("name_en: High-value", "name_en: 'High-value", 1)  # an unclosed quote on line 4
    problems = problems_of(site, tmp_path, "indicators/county.yaml", broken)
    assert len(problems) == 1 and "YAML 格式错误" in problems[0], problems
    line = int(re.search(r"county\.yaml:(\d+):", problems[0]).group(1))
    assert 4 <= line <= 6, problems  # at the quote, not line 1


def test_quote_must_be_the_policys_own_words(site, tmp_path):
    write(site, "indicators/county.yaml", DATA.replace("达1.12件", "达到1.2件"))
    problems = check_catalog(make_app(site, tmp_path).extensions["portal.catalog"])
    assert any(p.severity == "error" and "在 “opinions” 原文中找不到" in p.message for p in problems)


def test_unknown_policy_suggests_the_nearest(site, tmp_path):
    write(site, "indicators/county.yaml", DATA.replace("policy: opinions", "policy: opinion"))
    problems = check_catalog(make_app(site, tmp_path).extensions["portal.catalog"])
    assert any("没有 “opinion” 这份政策文件。你是不是要写 “opinions”？" in p.message for p in problems)


def test_report_must_be_named_by_its_year(site, tmp_path):
    write(site, "reports/annual.md", REPORT)
    problems = check_catalog(make_app(site, tmp_path).extensions["portal.catalog"])
    assert any("annual.md" in str(p.path) and "文件名应是年份" in p.message for p in problems)


def test_site_without_indicators_has_a_sensible_dashboard(content_dir, tmp_path):
    client = make_app(content_dir, tmp_path).test_client()
    assert "尚未发布指标数据" in client.get("/zh/indicators/").get_data(as_text=True)
    assert "/zh/indicators/" not in client.get("/zh/").get_data(as_text=True)  # no menu item for nothing


def test_figures_keep_their_decimal_digits():
    from portal.generate.chart import number

    assert [number(Decimal(x)) for x in ("997.25", "1.120", "80", "1E+1")] == ["997.25", "1.12", "80", "10"]


def test_check_production_flags_the_shipped_sample_report(site, tmp_path):
    from click.testing import CliRunner

    from portal.cli import main

    write(site, "reports/2023.md", REPORT.replace("date: 2024-04-01", "date: 2024-04-01\n    sample: true"))
    plain = CliRunner().invoke(main, ["check", "--content", str(site)])
    production = CliRunner().invoke(main, ["check", "--production", "--content", str(site)])
    assert "sample content" not in plain.output and plain.exit_code == 0
    assert "2023.md:4: 错误: sample content in a production build" in production.output
    assert production.exit_code == 1


def test_indicator_messages_read_in_english_too(site, tmp_path):
    from portal.messages import translate

    write(site, "indicators/county.yaml", OTHER_UNIT)
    with pytest.raises(ContentError) as caught:
        make_app(site, tmp_path)
    english = [translate(p.message, "en") for p in caught.value.problems]
    assert any("unit '个' differs from the indicator's unit '件': convert the figure" in m for m in english), english
