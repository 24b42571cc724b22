"""Typed objects every part of the portal reads: entries and their legal metadata."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .attachments import Attachment
from .legal import Article
from .render import TocEntry


@dataclass(frozen=True)
class LegalInfo:
    """Metadata of a law or policy. ``None`` or empty means the source does not state it."""

    level: str | None = None
    region: str | None = None
    doc_number: str | None = None
    issuers: tuple[str, ...] = ()
    status: str | None = None
    version_date: dt.date | None = None
    published: dt.date | None = None
    effective: dt.date | None = None
    history: tuple[str, ...] = ()
    source: str | None = None
    addressees: str | None = None
    cc: str | None = None
    disclosure: str | None = None
    adopted: dt.date | None = None  # 通过, from the history lines


@dataclass(frozen=True)
class Translation:
    """An English version of an entry, written by the portal's team."""

    title: str
    summary: str | None
    html: str
    toc: tuple[TocEntry, ...]


@dataclass(frozen=True)
class Entry:
    """One published item: a law, a policy, a news item, a guide, a page …"""

    section: str
    slug: str
    title: str
    path: Path
    html: str
    text: str
    toc: tuple[TocEntry, ...] = ()
    articles: tuple[Article, ...] = ()
    date: dt.date | None = None
    summary: str | None = None
    draft: bool = False
    publish_at: dt.datetime | None = None
    tags: tuple[str, ...] = ()
    ip_fields: tuple[str, ...] = ()
    legal: LegalInfo | None = None
    translation: Translation | None = None
    title_en: str | None = None
    attachments: tuple[Attachment, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> tuple[str, str]:
        """(section, slug): unique within the catalogue."""
        return (self.section, self.slug)

    def is_visible(self, now: dt.datetime, show_drafts: bool = False) -> bool:
        """Whether the entry is published at ``now`` (drafts only when asked for)."""
        if self.draft and not show_drafts:
            return False
        return self.publish_at is None or self.publish_at <= now or show_drafts

    def title_for(self, lang: str) -> str:
        """The title to show in ``lang`` (Chinese when no English title exists)."""
        if lang == "en":
            if self.translation:
                return self.translation.title
            if self.title_en:
                return self.title_en
        return self.title
