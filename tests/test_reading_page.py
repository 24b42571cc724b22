"""The law page's reading aids without a browser: 跳到第__条 without JavaScript, outline, regions, print footer."""

from __future__ import annotations

import re


def test_jump_form_without_javascript_answers_with_the_article(client):
    page = client.get("/zh/library/sample-law/").get_data(as_text=True)
    assert '<form class="article-jump" method="get"' not in page  # two articles: nothing to jump over
    response = client.get("/zh/library/sample-law/?art=2")
    assert response.status_code == 303 and response.headers["Location"] == "/zh/library/sample-law/#art-2"
    for wrong in ("9", "x", "-1", "12345"):
        assert client.get(f"/zh/library/sample-law/?art={wrong}").status_code == 200


def test_text_has_its_own_heading_and_each_article_is_a_named_region(client):
    page = client.get("/zh/library/sample-law/").get_data(as_text=True)
    headings = re.findall(r"<(h[1-4])[^>]*>([^<]*)<", page)
    text_at = headings.index(("h2", "正文"))
    assert headings[text_at + 1] == ("h3", "第一章 总则")
    assert headings.index(("h2", "正文")) < headings.index(("h2", "制定与修改"))  # history after the text
    assert '<div class="article" id="art-2" role="region" aria-labelledby="art-2-label">' in page
    assert '<a class="art-label" id="art-2-label" href="#art-2">第二条</a>' in page
    assert '<details class="fold toc-fold">' in page and "<details open" not in page


def test_print_footer_names_source_and_page_address(client):
    page = client.get("/zh/library/sample-law/").get_data(as_text=True)
    footer = page.split('<footer class="print-only print-source">', 1)[1].split("</footer>", 1)[0]
    assert "来源：" in footer and "本页地址：" in footer and "/zh/library/sample-law/" in footer
