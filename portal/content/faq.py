"""A guide's 常见问题 section as questions and answers, and as schema.org FAQPage JSON-LD.

The FAQ is written in the body as ``## 常见问题`` (English: ``## Frequently asked questions``)
with one ``### question`` heading per question and the answer below it. The structured data
is read from the same rendered HTML, so it always says what the page shows.
"""

from __future__ import annotations

import html
import json
import re

HEADINGS = ("常见问题", "Frequently asked questions")
_NAMES = "|".join(HEADINGS)
_SECTION = re.compile(rf"<h2\b[^>]*>\s*(?:{_NAMES})\s*</h2>(.*?)(?=<h2\b|\Z)", re.S)
_QUESTION = re.compile(r"<h3\b[^>]*>(.*?)</h3>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def faq_items(body_html: str) -> list[tuple[str, str]]:
    """(question, answer) pairs of the FAQ section of ``body_html``, in page order; [] without one."""
    found = _SECTION.search(body_html)
    if not found:
        return []
    parts = _QUESTION.split(found.group(1))
    pairs = [(_plain(parts[i]), _plain(parts[i + 1])) for i in range(1, len(parts) - 1, 2)]
    return [(q, a) for q, a in pairs if q and a]


def faq_json_ld(items: list[tuple[str, str]], lang: str) -> str:
    """FAQPage JSON-LD for a <script type="application/ld+json"> block, safe to put in HTML."""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": "en" if lang == "en" else "zh-CN",
        "mainEntity": [
            {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}} for q, a in items
        ],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
