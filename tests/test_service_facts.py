"""A guide's service-facts box: validated by portal check, shown with sources, warned when old."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from portal import create_app
from portal.cli import main

from .conftest import write

FACTS = """service_facts:
  who:
    value: 任何自然人、法人或者其他组织
    value_en: Any natural person, legal person or other organisation
    source: 《商标法》第四条
    checked: {checked}
  needs:
    value: 商标注册申请书、商标图样、身份证明文件
    source: 《商标法实施条例》第十三条、第十四条
    checked: {checked}
  time:
    value: 九个月内审查完毕
    source: 《商标法》第二十八条
    checked: {checked}
  cost:
    unsourced: true
    ask: 国家知识产权局
    ask_en: CNIPA
  where:
    unsourced: true
    ask: 县市场监管局
  ask:
    value: 知识产权保护热线 12330
    source: 国家知识产权局
    checked: {checked}
"""


def guide(folder, checked: str, extra: str = "") -> None:
    write(folder, "guides/tm.md", f"---\ntitle: 商标指南\n{FACTS.format(checked=checked)}{extra}---\n正文\n")
    write(folder, "guides/tm.en.md", "---\ntitle: Trademark guide\n---\nBody\n")


def check(folder, *env):
    return CliRunner().invoke(main, ["check", "--content", str(folder)], env=dict(env))


def test_box_shows_each_fact_with_source_and_date_or_the_body_to_ask(tmp_path):
    guide(tmp_path, dt.date.today().isoformat())
    client = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)]}).test_client()
    page = client.get("/zh/guides/tm/").get_data(as_text=True)
    box = page.split('class="service-facts"', 1)[1].split("</section>", 1)[0]
    expected = ("谁可以申请", "费用", "来源：", "《商标法》第二十八条", "核对日期", "12330")
    expected += ("请咨询：", "国家知识产权局")
    for text in expected:
        assert text in box, text
    assert box.index("谁可以申请") < box.index("办理时限") < box.index("咨询")
    english = client.get("/en/guides/tm/").get_data(as_text=True)
    assert "Any natural person" in english and "Ask: <span>CNIPA</span>" in english
    assert '<span lang="zh-CN">县市场监管局</span>' in english


def test_check_rejects_a_fact_without_source_or_a_guessed_unsourced_value(tmp_path):
    guide(tmp_path, "2026-01-01")
    text = (tmp_path / "guides" / "tm.md").read_text(encoding="utf-8")
    (tmp_path / "guides" / "tm.md").write_text(text.replace("    source: 《商标法》第二十八条\n", ""), "utf-8")
    result = check(tmp_path)
    assert result.exit_code == 1 and "service_facts.time' needs 'source'" in result.output
    (tmp_path / "guides" / "tm.md").write_text(text.replace("    ask: 县市场监管局", "    value: 300元"), "utf-8")
    result = check(tmp_path)
    assert result.exit_code == 1 and "service_facts.where' is unsourced" in result.output
    (tmp_path / "guides" / "tm.md").write_text(text.replace("  cost:\n", "  price:\n  cost:\n"), "utf-8")
    assert "unknown key 'price'" in check(tmp_path).output


def test_check_warns_when_a_fact_is_past_its_review_age(tmp_path):
    old = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    guide(tmp_path, old)
    result = check(tmp_path)
    assert result.exit_code == 0
    assert result.output.count("more than 12 months ago") == 4
    assert "tm.md:" in result.output
    assert "more than" not in check(tmp_path, ("PORTAL_FACTS_REVIEW_MONTHS", "24")).output
