"""Content: reading Markdown folders into a typed catalogue."""

from .catalog import Catalog
from .errors import ContentError, Problem
from .loader import load_catalog
from .model import Entry, LegalInfo

__all__ = ["Catalog", "ContentError", "Entry", "LegalInfo", "Problem", "load_catalog"]
