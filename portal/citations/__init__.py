"""Citations between documents: find them in text, resolve them to an entry and article, link them."""

from .parse import Citation, find_citations
from .resolve import CitationTarget, resolve_citation

__all__ = ["Citation", "CitationTarget", "find_citations", "resolve_citation"]
