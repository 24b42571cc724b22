"""What visitors do, in a real browser, on the live and the frozen site.

(Searching — home → search → result → the cited article — is covered by the search tests.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from playwright.sync_api import expect

from .helpers import px

pytestmark = pytest.mark.browser

LIBRARY = "法律法规与政策"


def main_nav(page):
    return page.get_by_role("navigation", name="主导航")


def test_filter_the_library_and_follow_a_law_to_an_article(site, page):
    page.goto(site.url("/zh/"))
    main_nav(page).get_by_role("link", name=LIBRARY).click()
    expect(page).to_have_url(site.url("/zh/library/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(LIBRARY)

    items = page.locator("#library-list > li")
    visible = page.locator("#library-list > li:visible")
    count = page.locator("#library-count")
    total = items.count()
    assert total == site.library_count
    assert visible.count() == total
    expect(count).to_have_text(f"共 {total} 部，全部 {total} 部")

    # Filter by 效力级别 with the select: the list shrinks to judicial interpretations only.
    page.get_by_label("效力级别").select_option("司法解释")
    expect(page).to_have_url(re.compile(r"\?level=%E5%8F%B8%E6%B3%95%E8%A7%A3%E9%87%8A$"))
    shown = visible.count()
    assert 0 < shown < total
    expect(count).to_have_text(f"共 {shown} 部，全部 {total} 部")
    levels = visible.evaluate_all("items => items.map(li => li.querySelector('.tag').textContent.trim())")
    assert set(levels) == {"司法解释"}, levels
    # The filtered address can be shared: loading it shows the same list.
    page.reload()
    expect(page.get_by_label("效力级别")).to_have_value("司法解释")
    assert visible.count() == shown
    expect(count).to_have_text(f"共 {shown} 部，全部 {total} 部")

    # Open the first judicial interpretation; its metadata says so, and its articles have anchors.
    first = visible.first.get_by_role("link")
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".meta-panel dt:text-is('效力级别') + dd")).to_have_text("司法解释")
    second = page.locator(".legal-text .article").nth(1)
    second.locator(".art-label").click()
    expect(page).to_have_url(re.compile(r"#art-2$"))
    assert page.evaluate("document.querySelector(':target').id") == "art-2"
    expect(second).to_be_in_viewport()

    # Back to the library by the breadcrumbs, then the largest law and its table of contents.
    page.get_by_role("navigation", name="当前位置").get_by_role("link", name=LIBRARY).click()
    expect(count).to_have_text(f"共 {total} 部，全部 {total} 部")
    page.locator(f'#library-list a[href="{site.path("law")}"]').click()
    expect(page).to_have_url(site.url(site.path("law")))
    toc = page.get_by_role("navigation", name="目录")
    chapter_link = toc.get_by_role("link").nth(1)
    expect(chapter_link).to_have_text(re.compile(r"^第二章"))
    chapter_link.click()
    expect(page).to_have_url(re.compile(r"#chapter-2$"))
    chapter = page.locator("#chapter-2")
    expect(chapter).to_be_in_viewport()
    expect(chapter).to_have_text(chapter_link.inner_text())

    # The chapter's first article: its anchor becomes the target and is on screen, highlighted.
    article = page.locator("#chapter-2 ~ .article").first
    article_id = article.get_attribute("id")
    assert re.fullmatch(r"art-\d+", article_id)
    article.locator(".art-label").click()
    expect(page).to_have_url(re.compile(f"#{article_id}$"))
    assert page.evaluate("document.querySelector(':target').id") == article_id
    expect(article).to_be_in_viewport()
    background = article.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the targeted article is not highlighted"
    assert not page.problems


@pytest.mark.parametrize("start", ["/", "library", "law", "news-item"])
def test_language_link_keeps_the_page(site, page, start):
    zh_path = "/zh/" if start == "/" else site.path(start)
    en_path = "/en/" + zh_path.removeprefix("/zh/")
    page.goto(site.url(start if start == "/" else zh_path))
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    english = page.locator("header").get_by_role("link", name="English")
    expect(english).to_have_attribute("hreflang", "en")
    english.click()
    expect(page).to_have_url(site.url(en_path))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("header").get_by_role("link", name="中文").click()
    expect(page).to_have_url(site.url(zh_path))
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")


def _short_link(site, path: str, anchor: str) -> str:
    """The citable link of an article of the current version: the law's short address."""
    from portal.citations.resolve import short_name

    title = unquote(path).rstrip("/").rsplit("/", 1)[1].rsplit("-", 3)[0]
    return site.url(f"/zh/library/{short_name(title)}/#{anchor}")


def test_copy_link_copies_the_article_address(site, new_page):
    """The 第N条 label is the article's one control: it follows its anchor and copies the short link."""
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    law_url = site.url(site.path("law"))
    page.goto(law_url)
    articles = page.locator(".legal-text .article")
    assert page.locator(".legal-text .article .art-label").count() == articles.count() > 100
    label = articles.nth(4).locator(".art-label")
    expect(label).to_have_accessible_name("第五条")
    label.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="第五条")).to_have_text("已复制 第五条")
    expect(label).to_have_attribute("data-said", "已复制")
    assert page.evaluate("navigator.clipboard.readText()") == _short_link(site, site.path("law"), "art-5")
    expect(page).to_have_url(f"{law_url}#art-5")
    expect(label).not_to_have_attribute("data-said", "已复制", timeout=5000)  # the note goes away
    assert not page.problems


def test_copy_link_without_a_clipboard_shows_the_link_in_the_address_bar(site, new_page):
    """reading.js: with no usable clipboard (plain http, or permission refused) the article's link is
    in the address bar (its #art-N anchor, which the label follows), and the page says so."""
    page = new_page()
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
    law_url = site.url(site.path("law"))
    page.goto(law_url)
    label = page.locator(".legal-text .article").nth(4).locator(".art-label")
    label.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{law_url}#art-5")
    assert page.evaluate("document.querySelector(':target').id") == "art-5"
    expect(page.get_by_role("status").filter(has_text="第五条")).to_have_text("链接已在地址栏 第五条")
    expect(label).to_be_focused()
    assert not page.problems


def test_copy_link_with_the_clipboard_refused_falls_back_to_the_address_bar(site, new_page):
    page = new_page()
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => ({"
        "writeText: () => Promise.reject(new DOMException('refused', 'NotAllowedError'))})})"
    )
    law_url = site.url(site.path("law"))
    page.goto(law_url)
    label = page.locator(".legal-text .article").nth(4).locator(".art-label")
    label.press("Enter")
    expect(page).to_have_url(f"{law_url}#art-5")
    expect(label).to_have_attribute("data-said", "链接已在地址栏")


def test_elder_mode_enlarges_text_and_is_remembered(site, page):
    page.goto(site.url("/zh/"))
    toggle = page.get_by_role("button", name="长辈模式")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    normal_root, normal_lead = px(page, "html"), px(page, ".lead")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_class(re.compile(r"\belder\b"))
    large_root, large_lead = px(page, "html"), px(page, ".lead")
    assert large_root >= normal_root * 1.2, (normal_root, large_root)
    assert large_lead >= normal_lead * 1.2, (normal_lead, large_lead)
    assert page.evaluate("localStorage.getItem('portal-elder')") == "1"

    # Another page: still on, before and after the script runs.
    main_nav(page).get_by_role("link", name=LIBRARY).click()
    expect(page).to_have_url(site.url("/zh/library/"))
    expect(page.locator("html")).to_have_class(re.compile(r"\belder\b"))
    expect(page.get_by_role("button", name="长辈模式")).to_have_attribute("aria-pressed", "true")
    assert px(page, "html") == large_root
    # A law page too, then off again: remembered as off.
    page.goto(site.url(site.path("law")))
    assert px(page, "html") == large_root
    page.get_by_role("button", name="长辈模式").click()
    assert px(page, "html") == normal_root
    page.reload()
    expect(page.get_by_role("button", name="长辈模式")).to_have_attribute("aria-pressed", "false")
    assert px(page, "html") == normal_root
    assert not page.problems


@pytest.mark.parametrize("lang, label", [("zh", "下载数据（JSON）"), ("en", "Download the data (JSON)")])
def test_download_the_library_as_json(site, page, lang, label):
    page.goto(site.url(f"/{lang}/library/"))
    link = page.get_by_role("main").get_by_role("link", name=label)
    expect(link).to_be_visible()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".json")
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["count"] >= (56 if site.policies else 54)
    assert data["count"] == len(data["documents"]) == site.library_count
    assert {"title", "level", "status", "url"} <= set(data["documents"][0])


def test_a_teacher_downloads_a_worksheet(site, page):
    """Home → 普及教育 → a lesson plan → its printable worksheet, as the file the team uploaded."""
    page.goto(site.url("/zh/"))
    main_nav(page).get_by_role("link", name="普及教育").click()
    page.get_by_role("link", name="初中教案：从小发明到专利").click()
    downloads = page.get_by_role("region", name="资料下载")
    expect(downloads).to_contain_text("Word，38 KB")
    with page.expect_download() as info:
        downloads.get_by_role("link", name=re.compile("^学生学习单")).click()
    download = info.value
    name = "初中-从小发明到专利-学习单.docx"
    assert download.suggested_filename == name
    original = Path(__file__).resolve().parents[2] / "content" / "curricula" / "materials" / name
    assert Path(download.path()).read_bytes() == original.read_bytes()
    assert not page.problems, page.problems


def test_search_from_the_home_page_to_the_cited_article(site, page):
    """Home → the search box → a result → the article the result cites, on screen and targeted."""
    page.goto(site.url("/zh/"))
    box = page.get_by_role("search").get_by_label("搜索全站")
    box.fill("外观设计专利权的期限")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/zh/search/\?q=%E5%A4%96"))
    results = page.locator("#search-results > li")
    expect(results.first).to_be_visible()
    first = results.first.locator("a.search-result-title")
    expect(first).to_have_text("中华人民共和国专利法")
    expect(results.first.locator(".search-result-article")).to_have_text("第四十二条")
    expect(results.first.locator("mark").first).to_be_visible()
    first.click()
    expect(page).to_have_url(re.compile(r"/zh/library/[^/]+/#art-42$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("中华人民共和国专利法")
    target = page.locator(":target")
    expect(target).to_have_attribute("id", "art-42")
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("外观设计专利权的期限为十五年")
    assert not page.problems, page.problems


def test_a_search_with_no_results_offers_a_way_on(site, page):
    page.goto(site.url("/zh/search/?q=zzqx"))
    expect(page.locator("#search-app")).to_contain_text("没有找到与“zzqx”相关的内容。")
    expect(page.locator("#search-results > li")).to_have_count(0)
    guides = page.locator("#search-help .related-guides a")
    expect(guides).to_have_count(10)
    expect(guides.filter(has_text="知识产权维权指南：权利被侵犯了怎么办")).to_have_attribute(
        "href", "/zh/guides/rights-protection-assistance/")
    page.get_by_role("link", name="浏览全部法律法规与政策").click()
    expect(page).to_have_url(site.url("/zh/library/"))
    assert not page.problems, page.problems


def test_a_partly_matching_search_says_so_and_shows_what_matched(site, page):
    page.goto(site.url("/zh/search/?q=" + "巫山脆李 zzqx"))
    expect(page.locator("#search-message")).to_have_text(
        "没有同时包含全部搜索词的结果，下面是包含其中部分词语的结果。")
    results = page.locator("#search-results > li")
    expect(results.first).to_be_visible()
    marks = results.locator("mark").all_inner_texts()
    assert marks and all("zzqx" not in text for text in marks)
    assert any("巫山脆李" in text for text in marks), marks
    assert not page.problems, page.problems


def test_a_second_query_typed_on_the_search_page_replaces_the_results(site, page):
    """On the search page itself: a new query, then a new sort, each in the URL; reload and Back keep them."""
    page.goto(site.url("/zh/search/?q=" + "巫山脆李"))
    results = page.locator("#search-results > li")
    expect(results.first).to_contain_text("巫山")
    box = page.locator("#search-q")
    box.fill("外观设计专利权的期限")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/zh/search/\?q=%E5%A4%96%E8%A7%82"))
    expect(results.first.locator("a.search-result-title")).to_have_text("中华人民共和国专利法")
    expect(results.first.locator(".search-result-article")).to_have_text("第四十二条")
    page.locator("#search-sort").select_option("date")
    page.locator("#search-form fieldset button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"\?q=%E5%A4%96%E8%A7%82.*sort=date"))
    page.reload()
    expect(box).to_have_value("外观设计专利权的期限")
    expect(page.locator("#search-sort")).to_have_value("date")
    expect(results.first).to_be_visible()
    page.go_back()
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=%E5%B7%AB%E5%B1%B1"))
    expect(results.first).to_contain_text("巫山")
    assert not page.problems, page.problems


def test_the_language_switch_on_the_search_page_keeps_the_query(site, page):
    """A second query typed, then English: the English search page shows that query."""
    page.goto(site.url("/zh/search/?q=" + "巫山脆李"))
    box = page.locator("#search-form").get_by_label("搜索词")
    box.fill("商标")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"\?q=%E5%95%86%E6%A0%87"))
    page.locator("a.lang-switch").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=%E5%95%86%E6%A0%87(&|$)"))
    expect(page.locator("#search-form input[name=q]")).to_have_value("商标")
    assert not page.problems, page.problems


def test_english_search_results_mark_their_chinese_text(site, page):
    """On /en/ the snippet, the article tag and a Chinese-only title carry lang="zh-CN", live and static."""
    page.goto(site.url("/en/search/?q=" + quote("外观设计专利权的期限")))
    first = page.locator("#search-results > li").first
    expect(first.locator("a.search-result-title")).to_have_text("中华人民共和国专利法")
    for part in ("a.search-result-title", ".search-result-article", ".search-result-snippet"):
        expect(first.locator(part)).to_have_attribute("lang", "zh-CN")
    assert not page.problems, page.problems
