"""Screenshots of the main pages on a phone (390 px) and a desktop (1280 px), live and frozen.

Saved as test artefacts in test-artifacts/screenshots/<mode>-<page>-<width>.png. Two of the
frozen site's are also the README's pictures in docs/screenshots/: they are rewritten only when
asked for (``PORTAL_UPDATE_SCREENSHOTS=1``), so the suite never changes the checkout, and only
where a Chinese font is installed, so no build machine without one replaces them with empty boxes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from .helpers import horizontal_overflow

pytestmark = pytest.mark.browser

PAGES = ["home", "library", "law", "news-item", "404"]
WIDTHS = {390: 844, 1280: 900}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DOCS_SHOTS = {("home", 1280): "home-zh-1280.png", ("law", 390): "law-zh-390.png"}
WHOLE_PAGE = {"home", "library", "news-item", "404"}  # the law page is shown as its first screen


@cache
def has_chinese_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    result = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30)
    return bool(result.stdout.strip())


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_screenshot(site, new_page, screenshot_dir, name, width):
    page = new_page(viewport={"width": width, "height": WIDTHS[width]}, device_scale_factor=1)
    response = page.goto(site.url(site.path(name)))
    assert response.status == (404 if name == "404" else 200)
    page.evaluate("document.fonts.ready.then(() => true)")
    assert horizontal_overflow(page) is None, horizontal_overflow(page)
    png = page.screenshot(full_page=name in WHOLE_PAGE, animations="disabled", caret="hide")
    target = screenshot_dir / f"{site.mode}-{name}-{width}.png"
    target.write_bytes(png)
    assert target.stat().st_size > 5_000

    docs_name = DOCS_SHOTS.get((name, width))
    if site.mode == "frozen" and docs_name and has_chinese_font() and os.environ.get("PORTAL_UPDATE_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        published = DOCS / docs_name
        if not published.exists() or published.read_bytes() != png:
            published.write_bytes(png)
