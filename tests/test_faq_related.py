"""FAQPage structured data that says what the page shows; related laws on guides, guides on law pages."""

from __future__ import annotations

import html
import json
import re

from portal import create_app

from .conftest import write

GUIDE = """---
title: 示例指南
---
本页依据[示例条例第一条](/zh/library/sample-law/#art-1)整理，另见[另一份指南](/zh/guides/other/)。

## 常见问题

### 要交费吗？

本站没有收录收费标准，请向<strong>主管部门</strong>咨询 & 核实。

### 多久办完？

见[第二条](/zh/library/sample-law/#art-2)。

## 机构名称说明

不属于问答。
"""
ENGLISH = """---
title: Sample guide
---
Body.

## Frequently asked questions

### Is there a fee?

Ask the authority `</script><script>` now.
"""


def site(root):
    write(root, "guides/sample.md", GUIDE)
    write(root, "guides/sample.en.md", ENGLISH)
    write(root, "guides/other.md", "---\ntitle: 另一份指南\n---\n没有问答。\n")
    return create_app({"TESTING": True, "CONTENT_DIRS": [str(root)]}).test_client()


def json_ld(page: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [json.loads(b) for b in blocks]


def visible_faq(page: str) -> list[tuple[str, str]]:
    prose = page.split('class="prose"', 1)[1]
    section = re.split(r"<h2[^>]*>(?:常见问题|Frequently asked questions)</h2>", prose)[1].split("<h2", 1)[0]
    section = section.split("</div>", 1)[0]
    parts = re.split(r"<h3[^>]*>(.*?)</h3>", section)
    text = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", p)).split()) for p in parts]
    return [(text[i], text[i + 1]) for i in range(1, len(text) - 1, 2)]


def test_faq_json_ld_parses_and_matches_the_visible_faq(content_dir):
    client = site(content_dir)
    page = client.get("/zh/guides/sample/").get_data(as_text=True)
    (data,) = json_ld(page)
    assert data["@type"] == "FAQPage" and data["inLanguage"] == "zh-CN"
    pairs = [(q["name"], q["acceptedAnswer"]["text"]) for q in data["mainEntity"]]
    assert pairs == visible_faq(page)
    assert pairs[0] == ("要交费吗？", "本站没有收录收费标准，请向主管部门咨询 & 核实。")
    assert len(pairs) == 2 and "不属于问答" not in json.dumps(data, ensure_ascii=False)


def test_english_json_ld_is_english_and_cannot_close_its_script(content_dir):
    client = site(content_dir)
    page = client.get("/en/guides/sample/").get_data(as_text=True)
    head = page.split("</head>", 1)[0]
    assert head.count("<script") == head.count("</script>")
    (data,) = json_ld(page)
    assert data["inLanguage"] == "en" and data["mainEntity"][0]["name"] == "Is there a fee?"
    assert "</script>" in data["mainEntity"][0]["acceptedAnswer"]["text"]  # as text, inside the data


def test_json_ld_is_a_data_block_the_policy_does_not_need_to_allow(content_dir):
    client = site(content_dir)
    response = client.get("/zh/guides/sample/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.get_data(as_text=True))
    assert inline == [' type="application/ld+json"']
    assert not json_ld(client.get("/zh/guides/other/").get_data(as_text=True))


def test_guide_lists_its_laws_and_guides_and_the_law_lists_the_guide(content_dir):
    client = site(content_dir)
    page = client.get("/zh/guides/sample/").get_data(as_text=True)
    related = page.split('class="related"', 1)[1].split("</section>", 1)[0]
    assert '<a href="/zh/library/sample-law/">示例知识产权保护条例</a>' in related
    assert '<a href="/zh/guides/other/">另一份指南</a>' in related
    law = client.get("/zh/library/sample-law/").get_data(as_text=True)
    cited = law.split('id="cited-by-heading"', 1)[1].split("</section>", 1)[0]
    assert "解读本文件的办事指南" in cited and '<a href="/zh/guides/sample/">示例指南</a> <small>2 处</small>' in cited
    english = client.get("/en/library/sample-law/").get_data(as_text=True)
    assert "Guides that explain this text" in english and ">Sample guide</a>" in english
