"""``portal new campaign YEAR``: the file of a new campaign year, theme left to be announced."""

from __future__ import annotations

from pathlib import Path

from .scaffold import ScaffoldError

TEMPLATE = """\
---
title: {year}年世界知识产权日和全国知识产权宣传周
title_en: "World IP Day and National IP Publicity Week {year}"
year: {year}
draft: true
summary: {year}年“4.26”世界知识产权日和全国知识产权宣传周活动安排。
# theme: 只填官方发布的原文，并在 theme_source 写明出处和查证日期；没有就不填，页面显示“待公布”。
# theme_source: 发布机关、网页标题、网址（查证日期 {year}-04-01）
# 资料包（海报、问答单、知识自测）：写上就会生成，答案以所引的条为准，例如：
# slogans: [尊重创造，从我做起。]
# key_articles: [专利法-2020-10-17#art-2]
# quiz:
#   - question: 专利法所说的“发明创造”包括哪三种？
#     choices: [发明、商标和著作权, 发明、实用新型和外观设计]
#     answer: 2
#     explain: 发明、实用新型和外观设计。
#     articles: [专利法-2020-10-17#art-2]
# 活动结束后由工作人员填写，例如：
# figures:
#   开展活动场次: 0
#   参与人数: 0
---
## 县里的安排

在这里写本年度的活动安排。每项活动在 events/ 里建一个文件，campaign: {year}。
"""


def new_campaign(content_dir: Path, year_text: str) -> Path:
    """Create ``campaigns/<year>.md`` as a draft and return its path."""
    if not year_text.strip().isdigit() or not 2000 <= int(year_text) <= 2100:
        raise ScaffoldError(f"'{year_text}' is not a year: write e.g. portal new campaign 2028")
    year = int(year_text)
    path = content_dir / "campaigns" / f"{year}.md"
    if path.exists():
        raise ScaffoldError(f"{path} exists already; edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(year=year), encoding="utf-8")
    return path
