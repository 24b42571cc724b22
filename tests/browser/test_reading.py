"""Reading a long law on a phone (390 px), live and frozen: the text starts soon, one control per
article, 跳到第__条 works, the contents fold, the outline is h2 → h3 章 → h4 节, print shows the source."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from .test_accessibility import check_with_axe

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
PATENT_LAW = "/zh/library/" + quote("专利法-2020-10-17") + "/"
# Every control a visitor can tab to, as the keyboard tests count them.
TAB_STOPS = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
  .filter(el => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0 && el.checkVisibility())
  .map(el => el.closest('.article') ? el.closest('.article').id : '')"""


def test_first_article_starts_on_the_first_screen_of_a_phone(site, new_page):
    page = new_page(**PHONE)
    page.goto(site.url(PATENT_LAW))
    expect(page.locator(".toc details")).not_to_have_attribute("open", "")
    expect(page.locator(".toc li").first).to_be_hidden()  # folded: one tap on 目录 opens it
    top = page.locator("#art-1").bounding_box()["y"]
    assert top < 1.6 * 844, f"第一条 starts {top / 844:.2f} screens down"
    page.locator(".toc summary").click()
    expect(page.locator(".toc li").first).to_be_visible()


def test_contents_are_open_on_a_wide_screen(site, page):
    page.goto(site.url(PATENT_LAW))
    expect(page.locator(".toc li").first).to_be_visible()
    expect(page.locator(".toc summary")).to_be_hidden()


def test_one_tab_stop_per_article(site, new_page):
    page = new_page(**PHONE)
    page.goto(site.url(PATENT_LAW))
    stops = page.evaluate(TAB_STOPS)
    per_article = {}
    for article in stops:
        if article:
            per_article[article] = per_article.get(article, 0) + 1
    articles = page.locator(".legal-text .article").count()
    assert articles == 82
    # 第N条 is the one control of an article, unless its text cites another law (those are links too)
    plain = [a for a in per_article if page.locator(f"#{a} a:not(.art-label)").count() == 0]
    assert all(per_article[a] == 1 for a in plain) and len(plain) > 60
    assert len(stops) <= articles + 90, f"{len(stops)} tab stops"


def test_jump_box_goes_to_the_article(site, new_page):
    page = new_page(**PHONE)
    page.goto(site.url(PATENT_LAW))
    box = page.get_by_label("跳到第")
    box.fill("47")
    box.press("Enter")
    expect(page).to_have_url(re.compile("#art-47$"))
    expect(page.locator("#art-47")).to_be_in_viewport()
    expect(page.locator("#art-47 .art-label")).to_be_focused()
    box.fill("300")
    page.get_by_role("button", name="跳转").click()
    expect(page.locator(".jump-message")).to_have_text("本文件没有第 300 条")
    assert not page.problems


def test_jump_box_without_javascript_live(site, new_page):
    if site.mode != "live":
        pytest.skip("the frozen site has no server to answer the form: the contents and anchors remain")
    page = new_page(java_script_enabled=False, **PHONE)
    page.goto(site.url(PATENT_LAW))
    page.get_by_label("跳到第").fill("22")
    page.get_by_role("button", name="跳转").click()
    expect(page).to_have_url(re.compile("#art-22$"))
    expect(page.locator("#art-22")).to_be_in_viewport()


def test_article_label_copies_the_short_link(site, new_page):
    page = new_page(permissions=["clipboard-read", "clipboard-write"], **PHONE)
    page.goto(site.url(PATENT_LAW))
    label = page.locator("#art-11 .art-label")
    expect(label).to_have_accessible_name("第十一条")
    expect(label).to_have_accessible_description("点击条号可复制该条的链接。")
    label.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#art-11$"))
    expect(page.get_by_role("status").filter(has_text="已复制")).to_have_text("已复制 第十一条")
    assert page.evaluate("navigator.clipboard.readText()") == site.url("/zh/library/专利法/#art-11")
    assert not page.problems


def test_short_address_opens_the_article(site, page):
    page.goto(site.url("/zh/library/" + quote("专利法") + "/#art-11"))
    expect(page.get_by_role("heading", level=1)).to_have_text("中华人民共和国专利法")
    expect(page.locator("#art-11")).to_be_in_viewport()


def test_outline_and_article_regions(site, page):
    page.goto(site.url(site.path("law")))
    levels = page.evaluate("() => [...document.querySelectorAll('main h1, main h2, main h3, main h4')]"
                           ".map(h => [h.tagName, h.textContent.trim()])")
    text_at = levels.index(["H2", "正文"])
    after = levels[text_at + 1:]
    text_end = next((i for i, (tag, _) in enumerate(after) if tag == "H2"), len(after))
    chapters = [text for tag, text in after[:text_end] if tag == "H3"]
    assert chapters[0].startswith("第一章") and all(t.startswith("第") for t in chapters)
    assert all(tag in ("H3", "H4") for tag, _ in after[:text_end])
    assert page.get_by_role("region", name="第五条").count() == 1


def test_print_shows_source_and_address_without_navigation(site, page):
    page.goto(site.url(PATENT_LAW))
    page.emulate_media(media="print")
    for hidden in (".site-header", ".breadcrumbs", ".toc", ".article-jump", ".back-to-top", ".site-footer"):
        expect(page.locator(hidden).first).to_be_hidden()
    source = page.locator(".print-source")
    expect(source).to_be_visible()
    expect(source).to_contain_text("LawRefBook/Laws")
    expect(source).to_contain_text("/zh/library/专利法-2020-10-17/")
    link = "document.querySelector('.cited-by a, .meta-panel a')"
    after = page.evaluate(f"getComputedStyle({link}, '::after').content")
    assert "/zh/library/" in after


def test_no_wcag_violations_on_the_phone_law_page(site, new_page, axe_source):
    page = new_page(**PHONE)
    page.goto(site.url(PATENT_LAW + "#art-3"))
    page.locator("#art-3 .art-label").click()
    check_with_axe(page, axe_source, f"{site.mode} {PATENT_LAW} at 390 px")
    page.get_by_label("跳到第").fill("999")
    page.get_by_role("button", name="跳转").click()
    check_with_axe(page, axe_source, f"{site.mode} {PATENT_LAW} with a jump message")
