"""Where the first item of each page type starts on a 390 x 844 phone screen, normal and 长辈模式.

    .venv/bin/python bench/phone_positions.py                      # the live site of `make run` (port 5000)
    .venv/bin/python bench/phone_positions.py http://127.0.0.1:8000

Prints, per page type, the y position (CSS px from the top of the page) of the first thing a visitor came
for: the first law of the library, the first search result, a law's first article (第一条), a guide's
title; and whether it starts on the first screen (y < 844). Debian's Chromium, as in tests/browser.
"""

from __future__ import annotations

import argparse
from urllib.parse import quote

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
SCREEN = PHONE["viewport"]["height"]
PAGES = {  # page type -> (path, the first item)
    "library": ("/zh/library/", "#library-list > li"),
    "search": ("/zh/search/?q=" + quote("专利侵权"), "#search-results > li"),
    "law": ("/zh/library/" + quote("专利法实施细则-2023-12-11") + "/", "#art-1"),
    "guide": ("/zh/guides/trademark-registration/", "main h1"),
}


def first_item_y(browser, url: str, selector: str, elder: bool) -> float:
    """The y of the first element matching ``selector`` once the page has loaded."""
    context = browser.new_context(locale="zh-CN", **PHONE)
    try:
        page = context.new_page()
        if elder:
            page.add_init_script("window.localStorage.setItem('portal-elder', '1')")
        page.goto(url)
        page.locator(selector).first.wait_for()
        return page.locator(selector).first.bounding_box()["y"]
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("base", nargs="?", default="http://127.0.0.1:5000", help="the site's address")
    base = parser.parse_args().base.rstrip("/")
    from playwright.sync_api import sync_playwright

    print(f"first item at 390 x 844 on {base} (y in CSS px; the first screen ends at {SCREEN})")
    print(f"{'page':<9} {'first item':<22} {'normal':>8} {'长辈模式':>8}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for name, (path, selector) in PAGES.items():
                cells = []
                for elder in (False, True):
                    y = first_item_y(browser, base + path, selector, elder)
                    cells.append(f"{y:>7.0f}{' ' if y < SCREEN else '*'}")
                print(f"{name:<9} {selector:<22} {cells[0]:>8} {cells[1]:>8}")
        finally:
            browser.close()
    print("* below the first screen")


if __name__ == "__main__":
    main()
