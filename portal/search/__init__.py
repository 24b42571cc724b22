"""Local Chinese full-text search: one analysis, a live Whoosh index and a static index for the frozen site.

- :mod:`.analysis` — the only text analysis (normalisation, tokens, query parsing), shared by both indexes
  and exported as tables to ``static/js/search/``;
- :mod:`.documents` — what is indexed; :mod:`.corpus` — the pass over it both builders share;
- :mod:`.shared` — that pass done once per build (two processes on two cores), inverted into
  :mod:`.postings` that both index writers read;
- :mod:`.live` — the Whoosh index (``build_index``, its segment written by :mod:`.segment`),
  :mod:`.service` — answering a search live;
- :mod:`.static_index` — the sharded static index written by a post-build hook of the freezer;
- :mod:`.engine` and :mod:`.patterns` — ranking, exact runs, highlights and snippets (ported to the browser search).
"""

from .live import IndexReport, build_index
from .service import Answer, search

__all__ = ["Answer", "IndexReport", "build_index", "search"]
