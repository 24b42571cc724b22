"""Every setting the portal reads: one table, documented in README.md."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """A configuration key, its default, the environment variable that sets it, and its meaning."""

    name: str
    default: Any
    env: str | None
    doc: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "CONTENT_DIRS",
        [str(REPO_ROOT / "content")],
        "PORTAL_CONTENT_DIRS",
        "Content folders to publish, in order; the variable separates them with os.pathsep.",
    ),
    Setting(
        "SHOW_DRAFTS",
        False,
        "PORTAL_SHOW_DRAFTS",
        "Show entries marked draft: true (with a DRAFT banner). On in `portal serve`, never in `portal build`.",
    ),
    Setting(
        "INDEX_DIR",
        str(REPO_ROOT / "instance" / "index"),
        "PORTAL_INDEX_DIR",
        "Folder of the live search index built by `portal index` and `portal build`.",
    ),
    Setting(
        "BUILD_DIR",
        str(REPO_ROOT / "build"),
        "PORTAL_BUILD_DIR",
        "Where `portal build` writes the frozen site (swapped in whole when the build succeeds).",
    ),
    Setting(
        "GENERATED_CACHE_DIR",
        str(REPO_ROOT / "instance" / "generated"),
        "PORTAL_GENERATED_CACHE_DIR",
        "Folder where generated downloads (PDF, Word, PNG) are kept by content fingerprint and reused.",
    ),
    Setting("SITE_NAME", "知识产权公共信息与教育门户", "PORTAL_SITE_NAME", "Name shown in the header and page titles."),
    Setting(
        "SITE_URL",
        "",
        "PORTAL_SITE_URL",
        "Public address of the site (e.g. https://ip.example.gov.cn), used in feeds and the sitemap.",
    ),
    Setting(
        "CAMPAIGN_SEASON",
        "04-01/04-30",
        "PORTAL_CAMPAIGN_SEASON",
        "Dates (MM-DD/MM-DD) in which the home page announces the coming campaign with its days to go.",
    ),
    Setting(
        "PRODUCTION",
        False,
        "PORTAL_PRODUCTION",
        "A production build: `portal check` and `portal build` refuse content marked `sample: true`.",
    ),
    Setting("DEFAULT_LANGUAGE", "zh", "PORTAL_DEFAULT_LANGUAGE", "Language of / when the browser states none."),
    Setting("PAGE_SIZE", 20, "PORTAL_PAGE_SIZE", "Items per page in section listings and search results."),
    Setting(
        "PAGE_CACHE_SIZE",
        4000,
        "PORTAL_PAGE_CACHE_SIZE",
        "Rendered pages the live site keeps in memory per worker (0 turns the cache off).",
    ),
)
LANGUAGES = ("zh", "en")


def _from_env(setting: Setting, raw: str) -> Any:
    if isinstance(setting.default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(setting.default, int):
        return int(raw)
    if isinstance(setting.default, list):
        return [p for p in raw.split(os.pathsep) if p]
    return raw


def load_settings(overrides: dict | None = None) -> dict[str, Any]:
    """Defaults, then environment variables, then ``overrides`` (e.g. test_config)."""
    values = {s.name: s.default for s in SETTINGS}
    for setting in SETTINGS:
        if setting.env and os.environ.get(setting.env):
            values[setting.name] = _from_env(setting, os.environ[setting.env])
    values.update(overrides or {})
    return values
