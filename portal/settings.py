"""Every setting the portal reads: one table, documented in README.md."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import read_config

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
        "Where `portal build` publishes the frozen site: a symlink to the current build, switched atomically.",
    ),
    Setting(
        "BUILD_KEEP",
        3,
        "PORTAL_BUILD_KEEP",
        "Previous builds kept beside BUILD_DIR (in .build.releases/) for `portal build --rollback`.",
    ),
    Setting(
        "GENERATED_CACHE_DIR",
        str(REPO_ROOT / "instance" / "generated"),
        "PORTAL_GENERATED_CACHE_DIR",
        "Folder where generated downloads (PDF, Word, PNG) and the commands' stores of parsed files, search terms"
        " and citation links are kept by fingerprint and reused.",
    ),
    Setting(
        "LIBRARY_DOWNLOADS",
        True,
        "PORTAL_LIBRARY_DOWNLOADS",
        "Offer every law and policy as generated PDF and Word files (typeset once per version, about 0.3 s each"
        " cold, then reused from GENERATED_CACHE_DIR).",
    ),
    Setting(
        "LICENCE",
        "CC BY 4.0",
        "PORTAL_LICENCE",
        "Licence of the team's own teaching materials, shown on every resource page and in every generated"
        " file (a resource's own licence: field wins).",
    ),
    Setting(
        "PRODUCTION",
        False,
        "PORTAL_PRODUCTION",
        "A production site: `portal check` and `portal build` flag content marked sample: true and fail while"
        " an identity setting is a sample.",
    ),
    Setting("SITE_NAME", "知识产权公共信息与教育门户", "PORTAL_SITE_NAME", "Name shown in the header and page titles."),
    Setting(
        "SITE_EMBLEM",
        "",
        "PORTAL_SITE_EMBLEM",
        "Emblem beside the site name in the header: an image under static/ (e.g. img/emblem.png), shown in a"
        " fixed box with OWNER as its text; empty: no emblem.",
    ),
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
    Setting("DEFAULT_LANGUAGE", "zh", "PORTAL_DEFAULT_LANGUAGE", "Language of / when the browser states none."),
    Setting("PAGE_SIZE", 20, "PORTAL_PAGE_SIZE", "Items per page in section listings and search results."),
    Setting(
        "LIBRARY_PAGE_SIZE",
        100,
        "PORTAL_LIBRARY_PAGE_SIZE",
        "Laws and policies per page of the library listing (/zh/library/page/2/ …).",
    ),
    Setting(
        "STAFF_LANGUAGE",
        "",
        "PORTAL_STAFF_LANGUAGE",
        "Language of `portal` command messages: zh or en; empty: en when LANG starts with en, else zh.",
    ),
    Setting(
        "PAGE_CACHE_SIZE",
        4000,
        "PORTAL_PAGE_CACHE_SIZE",
        "Rendered pages the live site keeps in memory per worker (0 turns the cache off).",
    ),
    Setting(
        "FACTS_REVIEW_MONTHS",
        12,
        "PORTAL_FACTS_REVIEW_MONTHS",
        "`portal check` warns when a guide's service fact was checked longer ago than this many months.",
    ),
    Setting("OWNER", "示例主办单位（请设置 OWNER）", "PORTAL_OWNER", "主办单位: the body that owns the site."),
    Setting("OPERATOR", "示例承办单位（请设置 OPERATOR）", "PORTAL_OPERATOR", "承办单位: the body that runs it."),
    Setting("CONTACT_ADDRESS", "示例地址（请设置 CONTACT_ADDRESS）", "PORTAL_CONTACT_ADDRESS", "Postal address."),
    Setting("CONTACT_PHONE", "示例电话（请设置 CONTACT_PHONE）", "PORTAL_CONTACT_PHONE", "Contact telephone."),
    Setting("CONTACT_EMAIL", "contact@example.org", "PORTAL_CONTACT_EMAIL", "Contact e-mail address."),
    Setting("SITE_CODE", "示例标识码", "PORTAL_SITE_CODE", "网站标识码 of a government website."),
    Setting("ICP_NUMBER", "示例ICP备案号", "PORTAL_ICP_NUMBER", "ICP备案号, linked to the MIIT filing system."),
    Setting("PSB_NUMBER", "示例公安备案号", "PORTAL_PSB_NUMBER", "公安机关互联网站安全备案号."),
    Setting(
        "ERROR_REPORT_URL",
        "mailto:contact@example.org",
        "PORTAL_ERROR_REPORT_URL",
        "纠错: where readers report a mistake (a mailto: or https: address).",
    ),
)
IDENTITY_SETTINGS = (
    "OWNER",
    "OPERATOR",
    "CONTACT_ADDRESS",
    "CONTACT_PHONE",
    "CONTACT_EMAIL",
    "SITE_CODE",
    "ICP_NUMBER",
    "PSB_NUMBER",
    "ERROR_REPORT_URL",
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
    """Defaults, then the configuration file (instance/portal.toml), then environment variables, then ``overrides``."""
    values = {s.name: s.default for s in SETTINGS}
    values.update(read_config(SETTINGS))
    for setting in SETTINGS:
        if setting.env and os.environ.get(setting.env):
            values[setting.name] = _from_env(setting, os.environ[setting.env])
    values.update(overrides or {})
    return values
