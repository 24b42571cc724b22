"""Checks that depend on settings: service facts past their review date, sample site identity, the emblem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..messages import _
from ..settings import IDENTITY_SETTINGS, REPO_ROOT, SETTINGS
from .catalog import Catalog
from .errors import Problem
from .service_facts import stale_facts


def check_service_facts(catalog: Catalog, today: dt.date, months: int) -> list[Problem]:
    """A warning for every guide fact checked more than ``months`` months before ``today``."""
    problems = []
    for entry in catalog.entries.values():
        for fact in stale_facts(entry.extra.get("service_facts", ()), today, months):
            line = entry.extra["line_of"].get("service_facts", 1)
            problems.append(
                Problem(
                    entry.path,
                    line,
                    f"service_facts.{fact.kind} was checked on {fact.checked.isoformat()}, more than {months} "
                    f"months ago (FACTS_REVIEW_MONTHS): check it against its source again",
                    "warning",
                )
            )
    return problems


def check_identity(config: dict[str, Any]) -> list[Problem]:
    """For a production build (PRODUCTION on), an error for each identity setting left at its sample default."""
    if not config.get("PRODUCTION"):
        return []
    defaults = {s.name: s.default for s in SETTINGS}
    return _site_url_problems(config.get("SITE_URL", "")) + [
        Problem(
            Path("settings"),
            0,
            f"{name} is still the sample value {defaults[name]!r}: set the real one for a production build",
        )
        for name in IDENTITY_SETTINGS
        if config.get(name) == defaults[name]
    ]


EMBLEM_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")


def check_emblem(config: dict[str, Any], static: Path = REPO_ROOT / "static") -> list[Problem]:
    """An error when SITE_EMBLEM names no image file under ``static``."""
    name = str(config.get("SITE_EMBLEM") or "")
    if not name:
        return []
    path = (static / name).resolve()
    if path.is_relative_to(static.resolve()) and path.is_file() and path.suffix.lower() in EMBLEM_TYPES:
        return []
    return [Problem(Path("settings"), 0, f"SITE_EMBLEM {name!r} is not an image file under static/ "
                    f"({', '.join(EMBLEM_TYPES)}): the header would show a broken image")]


def _site_url_problems(value: str) -> list[Problem]:
    """Feeds (RFC 4287 ids) and the sitemap (<loc>) need absolute addresses: SITE_URL must be one."""
    parts = urlsplit(value.strip())
    if parts.scheme in ("http", "https") and parts.netloc and not parts.query and not parts.fragment:
        return []
    message = _(
        "SITE_URL 未设置或不是完整地址（%(value)r）：正式网站的订阅源和网站地图需要网站的公开地址，"
        "例如 https://ip.example.gov.cn",
        value=value,
    )
    return [Problem(Path("settings"), 0, message)]
