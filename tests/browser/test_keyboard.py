"""Keyboard, language, zoom and no-JavaScript use, live and frozen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .helpers import horizontal_overflow, px

pytestmark = pytest.mark.browser

PAGE_TYPES = ["home", "library", "law", "policy", "news", "news-item", "about", "404", "en-home", "en-law"]
EN_PAGES = ["en-home", "en-library", "en-law", "en-policy", "en-news", "en-news-item", "en-about"]
SKIP_LINK = ("跳到正文", "Skip to content")
FOCUS_STYLE = ["outline-style", "outline-width", "outline-color", "box-shadow"]

# Mark every control a visitor can tab to (in DOM order) and remember how it looks unfocused.
_MARK_CONTROLS_JS = """props => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const controls = [...document.querySelectorAll(selector)].filter(el =>
    !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden]') && el.checkVisibility());
  return controls.map((el, i) => {
    el.dataset.tabStop = i;
    const style = getComputedStyle(el);
    return {name: (el.getAttribute('aria-label') || el.textContent || el.name || el.tagName).trim().slice(0, 40),
            style: props.map(p => style.getPropertyValue(p))};
  });
}"""

# What has focus now, how it looks, and the colours its focus ring must stand out from.
_FOCUSED_JS = """props => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (el.dataset.tabStop === undefined) return {index: -1, name: el.outerHTML.slice(0, 80)};
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const opaque = node => {
    for (; node; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (bg && bg !== 'transparent' && !bg.endsWith(', 0)')) return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  // The colour just outside the ring (what is painted there, e.g. the header under the skip link).
  const ring = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset || '0');
  const x = Math.max(0, box.left - ring - 2), y = box.top + box.height / 2;
  const under = document.elementsFromPoint(x, y).find(node => node !== el && !el.contains(node));
  return {index: Number(el.dataset.tabStop), style: props.map(p => style.getPropertyValue(p)),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? style.outlineColor : null,
          background: opaque(under || el.parentElement),
          onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 &&
                    box.top < innerHeight && box.left < innerWidth};
}"""


def _luminance(rgb: str) -> float:
    channels = [float(c) / 255 for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", ["home", "library", "en-home"])
def test_tab_reaches_every_control_in_order_with_a_visible_focus_indicator(site, page, name):
    page.goto(site.url(site.path(name)))
    controls = page.evaluate(_MARK_CONTROLS_JS, FOCUS_STYLE)
    assert len(controls) > 10
    reached, problems = [], []
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        now = page.evaluate(_FOCUSED_JS, FOCUS_STYLE)
        if now is None or now["index"] in reached:  # past the last control: the browser's UI, or round again
            break
        if now["index"] < 0:
            problems.append(f"focus went to something that is not a visible control: {now['name']}")
            continue
        control = controls[now["index"]]
        reached.append(now["index"])
        if now["style"] == control["style"]:
            problems.append(f"{control['name']!r}: no visible change when focused ({now['style']})")
        elif now["outline"] and contrast(now["outline"], now["background"]) < 3:
            problems.append(f"{control['name']!r}: focus ring {now['outline']} on {now['background']} "
                            f"has contrast {contrast(now['outline'], now['background']):.1f}:1 (< 3:1)")
        if not now["onScreen"]:
            problems.append(f"{control['name']!r}: focused but not on screen")
    assert controls[0]["name"] in SKIP_LINK, f"the first control is {controls[0]['name']!r}, not the skip link"
    assert reached == list(range(len(controls))), (
        f"tab order {reached} != document order; never reached: "
        f"{[controls[i]['name'] for i in set(range(len(controls))) - set(reached)]}")
    assert not problems, "\n".join(problems)


def test_skip_link_moves_to_the_main_content(site, page):
    page.goto(site.url(site.path("law")))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")
    # The next stop is the first control inside <main> (the breadcrumbs), not the header again.
    assert page.evaluate("document.activeElement.closest('main') !== null")


@pytest.mark.parametrize("name", EN_PAGES)
def test_chinese_text_on_english_pages_is_marked_as_chinese(site, page, name):
    """English pages are <html lang="en">; the Chinese they show (titles, names, 文号, law texts) is in
    lang="zh-CN" elements, so screen readers switch voice (WCAG 3.1.2). Chinese pages: see test_accessibility."""
    path = site.pages.get(name) or "/en/" + site.path(name.removeprefix("en-")).removeprefix("/zh/")
    page.goto(site.url(path))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    unmarked = page.evaluate("""() => {
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const text = walker.currentNode;
        if (!/[\\u3400-\\u9fff]/.test(text.nodeValue)) continue;
        const el = text.parentElement;
        if (el.closest('[hidden]')) continue;
        // Known gap: the 来源 value (a file path) stays unmarked, because tests/test_frozen_site.py
        // finds the published copy of each law by the literal text `<dd>{source}`.
        const dd = el.closest('.meta-panel dd');
        if (dd && dd.previousElementSibling && dd.previousElementSibling.textContent === 'Source') continue;
        const lang = (el.closest('[lang]') || document.documentElement).getAttribute('lang');
        if (!lang.toLowerCase().startsWith('zh')) out.push(`<${el.tagName.toLowerCase()}> ${text.nodeValue.trim()}`);
      }
      return out;
    }""")
    assert not unmarked, f"Chinese text without lang=zh-CN on {path}:\n" + "\n".join(unmarked[:20])


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_horizontal_scrolling_at_200_percent_zoom(site, new_page, name):
    """1280 px at 200 % zoom = a 640 px wide CSS viewport at device scale factor 2."""
    page = new_page(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page.goto(site.url(site.path(name)))
    assert horizontal_overflow(page) is None, horizontal_overflow(page)


@pytest.mark.parametrize("name", ["home", "library", "law", "policy", "news-item"])
def test_no_horizontal_scrolling_on_a_phone_in_elder_mode(site, new_page, name):
    page = new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page.add_init_script("window.localStorage.setItem('portal-elder', '1')")
    page.goto(site.url(site.path(name)))
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    assert horizontal_overflow(page) is None, horizontal_overflow(page)


def test_law_and_library_are_readable_without_javascript(site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(site.url(site.path("law")))
    articles = page.locator(".legal-text .article")
    assert articles.count() > 100
    expect(articles.first).to_be_visible()
    expect(articles.last).to_be_visible()
    assert page.locator(".legal-text .article:visible").count() == articles.count()
    # each 第N条 is a plain link to its anchor: the one control of an article, with or without the script
    assert page.locator(".legal-text .article .art-label[href^='#art-']").count() == articles.count()
    # 长辈模式 works without the script: a cookie link live, a CSS :target fallback frozen.
    normal = px(page, "html")
    page.get_by_role("button", name="长辈模式").click()
    page.wait_for_load_state()
    assert px(page, "html") >= normal * 1.2, (normal, px(page, "html"))

    page.goto(site.url("/zh/library/"))
    total = site.library_count
    assert page.locator("#library-list > li:visible").count() == total
    expect(page.locator("#library-count")).to_have_text(f"共 {total} 部，全部 {total} 部")


def test_library_filter_works_without_javascript_on_the_live_site(site, new_page):
    if site.mode != "live":
        pytest.skip("the frozen site filters with its script only (a static host cannot read the query)")
    page = new_page(java_script_enabled=False)
    page.goto(site.url("/zh/library/"))
    page.get_by_label("效力级别").select_option("司法解释")
    page.get_by_role("button", name="筛选").click()
    shown = page.locator("#library-list > li:visible")
    assert 0 < shown.count() < site.library_count
    assert set(shown.evaluate_all("items => items.map(li => li.querySelector('.tag').textContent)")) == {"司法解释"}
