"""Page weight: the largest law page, as nginx sends it compressed, stays small for phones."""

from __future__ import annotations

import gzip
import urllib.request
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.nginx]

BUDGET = 60 * 1024  # bytes on the wire for HTML + CSS + JS
COUNTED = {"document", "stylesheet", "script"}


def fetch_gzipped(url: str) -> tuple[int, int, str]:
    """(bytes sent, bytes after decompression, Content-Encoding) with `Accept-Encoding: gzip`."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        encoding = response.headers.get("Content-Encoding", "")
    return len(body), len(gzip.decompress(body) if encoding == "gzip" else body), encoding


def test_largest_law_page_is_under_budget(frozen_site, page):
    law_url = frozen_site.url(frozen_site.path("law"))
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(law_url, wait_until="networkidle")

    rows, total = [], 0
    for request in finished:
        if request.resource_type not in COUNTED:
            continue
        sizes = request.sizes()
        response = request.response()
        assert response is not None and response.status == 200, request.url
        wire = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        sent, plain, encoding = fetch_gzipped(request.url)
        assert encoding == "gzip", f"{request.url} is not compressed by nginx"
        total += wire
        rows.append(f"  {request.resource_type:<10} {wire:>7,} B on the wire (body {sent:,} B gzip, "
                    f"{plain:,} B plain)  {unquote(urlsplit(request.url).path)}")
    kinds = {row.split()[0] for row in rows}
    assert kinds == COUNTED, f"expected HTML, CSS and JS, got {kinds}"
    law = unquote(frozen_site.path("law"))
    report = "\n".join([f"page weight of {law} (HTML + CSS + JS, gzip, with headers):", *rows,
                        f"  total      {total:>7,} B of a {BUDGET:,} B budget"])
    print(report)
    assert total <= BUDGET, report
