"""The service-facts block of a guide: who can apply, what is needed, how long, cost, where, whom to ask.

Written in a guide's front matter under ``service_facts``::

    service_facts:
      who:
        value: 任何自然人、法人或者其他组织
        value_en: Any natural person, legal person or other organisation
        source: 《商标法》第四条
        checked: 2026-11-30
      cost:
        unsourced: true
        ask: 国家知识产权局商标局

Every fact is either stated with its ``source`` (the issuing body and document or page) and the
date it was ``checked``, or marked ``unsourced: true`` with the body to ``ask`` — never a guessed
figure, address or number. ``portal check`` warns when a fact was checked longer ago than
``FACTS_REVIEW_MONTHS``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# (key, Chinese label, English label), in the order the box shows them.
FACT_KINDS: tuple[tuple[str, str, str], ...] = (
    ("who", "谁可以申请", "Who can apply"),
    ("needs", "需要准备", "What you need"),
    ("time", "办理时限", "How long it takes"),
    ("cost", "费用", "Cost"),
    ("where", "在哪里办、怎么在网上办", "Where and how to apply online"),
    ("ask", "咨询", "Whom to ask"),
)
FACT_KEYS = tuple(k for k, _, _ in FACT_KINDS)
_STATED = ("value", "value_en", "source", "source_en", "checked", "url")
_UNSOURCED = ("unsourced", "ask", "ask_en")


@dataclass(frozen=True)
class ServiceFact:
    """One fact of the box; ``value`` is None when the team has no source for it."""

    kind: str
    value: str | None
    value_en: str | None
    source: str | None
    source_en: str | None
    checked: dt.date | None
    url: str | None
    ask: str | None
    ask_en: str | None

    def label(self, lang: str) -> str:
        """The row heading in ``lang``."""
        zh, en = next((z, e) for k, z, e in FACT_KINDS if k == self.kind)
        return en if lang == "en" else zh


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _fact_problem(kind: str, fact: Any) -> str | None:
    """A message when one fact is malformed, else None."""
    where = f"service_facts.{kind}"
    if not isinstance(fact, dict):
        return f"'{where}' must be a mapping with value/source/checked, or unsourced/ask"
    unknown = sorted(str(k) for k in fact if k not in _STATED + _UNSOURCED)
    if unknown:
        return f"'{where}' has unknown key '{unknown[0]}' (known: {', '.join(_STATED + _UNSOURCED)})"
    if not all(isinstance(v, (str, bool, dt.date)) for v in fact.values()):
        return f"'{where}' values must be text, dates or true/false"
    if fact.get("unsourced") is True:
        if any(k in fact for k in ("value", "value_en", "source", "checked")):
            return f"'{where}' is unsourced: give no value, source or checked date, only the body to ask"
        if not str(fact.get("ask") or "").strip():
            return f"'{where}' is unsourced: name the body to ask ('ask')"
        return None
    missing = [k for k in ("value", "source", "checked") if not str(fact.get(k) or "").strip()]
    if missing:
        return f"'{where}' needs '{missing[0]}' (or write unsourced: true and the body to ask)"
    if _date(fact["checked"]) is None:
        return f"'{where}.checked': '{fact['checked']}' is not a date (write YYYY-MM-DD)"
    if "url" in fact and not str(fact["url"]).startswith(("https://", "http://", "/")):
        return f"'{where}.url' must start with https://, http:// or /"
    return None


def service_facts_problem(value: Any) -> str | None:
    """Validate the whole ``service_facts`` mapping; return the first problem or None."""
    if not isinstance(value, dict):
        return f"'service_facts' must be a mapping with keys {', '.join(FACT_KEYS)}"
    for kind in value:
        if kind not in FACT_KEYS:
            return f"'service_facts' has unknown key '{kind}' (known: {', '.join(FACT_KEYS)})"
    for kind in FACT_KEYS:
        if kind not in value:
            return f"'service_facts' lacks '{kind}' (write unsourced: true and the body to ask when it is not known)"
        message = _fact_problem(kind, value[kind])
        if message:
            return message
    return None


def read_service_facts(value: Any) -> tuple[ServiceFact, ...]:
    """Turn a validated ``service_facts`` mapping into facts in display order."""
    if not isinstance(value, dict):
        return ()

    def text(fact: dict, key: str) -> str | None:
        raw = fact.get(key)
        return str(raw).strip() if raw not in (None, "") else None

    return tuple(
        ServiceFact(
            kind=kind,
            value=text(value[kind], "value"),
            value_en=text(value[kind], "value_en"),
            source=text(value[kind], "source"),
            source_en=text(value[kind], "source_en"),
            checked=_date(value[kind].get("checked")) if "checked" in value[kind] else None,
            url=text(value[kind], "url"),
            ask=text(value[kind], "ask"),
            ask_en=text(value[kind], "ask_en"),
        )
        for kind in FACT_KEYS
        if kind in value
    )


def stale_facts(facts: tuple[ServiceFact, ...], today: dt.date, months: int) -> list[ServiceFact]:
    """The facts checked more than ``months`` months before ``today``."""
    limit = _months_before(today, months)
    return [f for f in facts if f.checked is not None and f.checked < limit]


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, 28))
