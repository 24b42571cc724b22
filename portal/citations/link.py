"""Turn the citations in every entry's HTML into links, and collect reverse links and failures."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote

from .. import urls
from ..content.catalog import LIBRARY_SECTIONS, Catalog
from ..content.errors import Problem
from ..content.model import Entry
from ..messages import _
from .parse import Citation, find_citations
from .resolve import CitationTarget, article_target, name_index, resolve_citation

_TAG = re.compile(r"(<[^>]+>)")
_ARTICLE_DIV = re.compile(r'<div class="article" id="([^"]+)"')
_LIBRARY_HREF = re.compile(r'<a\b[^>]*\bhref="/(?:zh|en)/library/([^/"#?]+)/')
_BARE_ENDINGS = ("法", "条例", "细则", "规定", "办法")


@dataclass
class CitationIndex:
    """Linked HTML per entry, who cites whom, and the citations that could not be linked."""

    html: dict[tuple[str, str], str] = field(default_factory=dict)
    cited_by: dict[tuple[str, str], Counter] = field(default_factory=dict)
    links: Counter = field(default_factory=Counter)
    cites: dict[tuple[str, str], Counter] = field(default_factory=dict)  # forward: entry -> library entries
    problems: list[Problem] = field(default_factory=list)


def citation_index(catalog: Catalog) -> CitationIndex:
    """The catalogue's citation index, computed once on first use.

    With a ``citation_store`` (the commands), entries unchanged since the last run are not linked again.
    """
    index = catalog.derived.get("citations")
    if index is None:
        if catalog.citation_store is None:
            index = build_index(catalog)
        else:
            from .store import stored_index

            index = stored_index(catalog, catalog.citation_store)
        catalog.derived["citations"] = index
    return index


def bare_names(catalog: Catalog) -> tuple[str, ...]:
    """The names recognised in a text without 《》 (专利法 …), sorted."""
    names = [n for n in name_index(catalog) if len(n) >= 3 and n.endswith(_BARE_ENDINGS) and len(n) <= 20]
    return tuple(sorted(names))


def build_index(catalog: Catalog) -> CitationIndex:
    """Link the citations of every entry of the catalogue."""
    index = CitationIndex()
    names = bare_names(catalog)
    for entry in catalog.entries.values():
        index.html[entry.key] = _link_entry(catalog, entry, names, index)
    return index


def _link_entry(catalog: Catalog, entry: Entry, names: tuple[str, ...], index: CitationIndex) -> str:
    return "".join(link_parts(catalog, entry, names, index))


def link_parts(
    catalog: Catalog, entry: Entry, names: tuple[str, ...], index: CitationIndex, parts: list[str] | None = None
) -> list[str]:
    """``entry.html`` split at its tags (:func:`html_parts`), with its citations linked, recorded into ``index``.

    ``parts``: the split, when already made (linked in place).
    """
    parts = html_parts(entry.html) if parts is None else parts
    depth, article = 0, None
    for i, part in enumerate(parts):
        if i % 2:
            _count_link(catalog, entry, part, index)
            depth += part.startswith("<a ") or part == "<a>"
            depth -= part == "</a>"
            found = _ARTICLE_DIV.match(part)
            article = found.group(1) if found else article
        elif depth == 0 and part.strip():
            parts[i] = _link_text(catalog, entry, html.unescape(part), names, article, index)
    return parts


def html_parts(text: str) -> list[str]:
    """``text`` split into text and tags (tags at odd positions)."""
    return _TAG.split(text)


def _link_text(
    catalog: Catalog, entry: Entry, text: str, names: tuple[str, ...], article: str | None, index: CitationIndex
) -> str:
    legal = entry.section in LIBRARY_SECTIONS and bool(entry.articles) and not _amends_others(entry)
    out, last = [], 0
    for citation in find_citations(text, names, bare_self=legal):
        target = _resolve(catalog, entry, citation, article, legal)
        if target is None or (target.entry.key == entry.key and target.anchor is None):
            if citation.article is not None:
                reason = target.reason if target else _("法规库中没有这份文件")
                _unresolved(entry, citation, reason or _("找不到所引的条"), index)
            continue
        if target.reason:
            _unresolved(entry, citation, _("只链接到文件，没有链接到条：%(reason)s", reason=target.reason), index)
        href = (
            urls.article_path(target.entry, "zh", target.anchor)
            if target.anchor
            else urls.entry_path(target.entry, "zh")
        )
        out.append(html.escape(text[last : citation.start], quote=False))
        out.append(f'<a class="cite" href="{href}">{html.escape(citation.text, quote=False)}</a>')
        last = citation.end
        index.links[entry.key] += 1
        if target.entry.key != entry.key:
            _record(entry, target.entry, index)
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def _count_link(catalog: Catalog, entry: Entry, tag: str, index: CitationIndex) -> None:
    """A link written by hand to a library page (a guide's [第四条](/zh/library/…/#art-4)) cites it too."""
    found = _LIBRARY_HREF.match(tag)
    target = catalog.library_entry(unquote(found.group(1))) if found else None
    if target is not None and target.key != entry.key:
        _record(entry, target, index)


def _record(entry: Entry, target: Entry, index: CitationIndex) -> None:
    index.cited_by.setdefault(target.key, Counter())[entry.key] += 1
    index.cites.setdefault(entry.key, Counter())[target.key] += 1


def _amends_others(entry: Entry) -> bool:
    """A decision amending other texts: its bare 第X条 are articles of those texts, not its own."""
    return "修改" in entry.title and entry.title.endswith("决定")


def _resolve(
    catalog: Catalog, entry: Entry, citation: Citation, article: str | None, legal: bool
) -> CitationTarget | None:
    if citation.document == "self":
        return article_target(entry, citation.article) if legal else None
    if citation.document == "previous":
        anchors = [a.anchor for a in entry.articles]
        if article in anchors and anchors.index(article) > 0:
            return CitationTarget(entry, anchors[anchors.index(article) - 1])
        return None
    return resolve_citation(catalog, citation.document, citation.article, entry.date)


def _unresolved(entry: Entry, citation: Citation, reason: str, index: CitationIndex) -> None:
    from ..content.checks import line_of

    message = _("引文 “%(text)s”：%(reason)s", text=citation.text, reason=reason)
    index.problems.append(Problem(entry.path, line_of(entry.path, citation.text), message, "warning"))
