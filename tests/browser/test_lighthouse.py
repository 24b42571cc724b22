"""Lighthouse (npm, package.json) on the home page, a law, a guide and search, phone and desktop: each of
performance, accessibility, best practices and SEO scores at least 95, except SEO on search pages, which
are `noindex` on purpose (and fail only the audit that says so).

The live site is audited on all four pages; the frozen site, whose pages are the same HTML served by
nginx, on the home page and search (answered in the browser there). One run takes 10-20 s.
"""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import CHROMIUM, require
from tests.browser.lighthouse import (
    LIGHTHOUSE,
    failing_audits,
    main_thread_summary,
    outside_requests,
    run_lighthouse,
    scores,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASS = 0.95
FORMS = ["mobile", "desktop"]
NOINDEX = "is-crawlable"


@pytest.fixture(scope="module")
def lighthouse() -> None:
    require(os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} is missing (apt-get install chromium)")
    require(LIGHTHOUSE.is_file(), "node_modules/.bin/lighthouse is missing: run `npm ci`")


def audit(site, name: str, form: str, folder) -> dict:
    """One Lighthouse run on page type ``name``; a performance score under the bar is measured once more
    (the machine is shared: a busy second can cost a run its blocking time), and the better run kept."""
    url = site.url(site.path(name))
    report = run_lighthouse(url, folder / "first", desktop=form == "desktop")
    if scores(report)["performance"] < PASS:
        again = run_lighthouse(url, folder / "again", desktop=form == "desktop")
        report = max(report, again, key=lambda r: scores(r)["performance"])
    return report


def check(site, name: str, form: str, report: dict) -> None:
    where = f"{site.mode} {name} ({form})"
    got = scores(report)
    print(f"lighthouse {where}: " + ", ".join(f"{k} {round(v * 100)}" for k, v in got.items()))
    assert not outside_requests(report, site.base_url), (where, outside_requests(report, site.base_url))
    for category, score in got.items():
        if category == "seo" and name == "search":
            continue
        assert score is not None and score >= PASS, (
            f"{where}: {category} {score}\n" + "\n".join(failing_audits(report, category))
            + ("\n" + main_thread_summary(report) if category == "performance" else ""))
    if name == "search":
        # the one SEO failure is the page's own robots meta: search answers are not for search engines
        assert [a.split(" ")[0] for a in failing_audits(report, "seo")] == [NOINDEX], failing_audits(report, "seo")
        blocked = report["audits"][NOINDEX]["details"]["items"]
        assert any('name="robots"' in str(item) and "noindex" in str(item) for item in blocked), blocked


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", ["home", "law", "guide", "search"])
def test_lighthouse_live(lighthouse, live_site, name, form, tmp_path):
    check(live_site, name, form, audit(live_site, name, form, tmp_path))


@pytest.mark.nginx
@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", ["home", "search"])
def test_lighthouse_frozen(lighthouse, frozen_site, name, form, tmp_path):
    check(frozen_site, name, form, audit(frozen_site, name, form, tmp_path))
