"""Import received policy documents (plain text or .docx) into the portal's Markdown content.

    from portal.importer import import_file
    result = import_file(Path("chongqing-2016-25.txt"), Path("content"))

Modules: :mod:`.read` (decoding), :mod:`.structure` (title, 文号, 主送, 落款 …),
:mod:`.headings` and :mod:`.body` (Markdown body), :mod:`.manifest` (``index.yaml``),
:mod:`.write` (checked, atomic output), :mod:`.pipeline` (the whole import).
"""

from .pipeline import import_file
from .result import ImportFailed, ImportResult

__all__ = ["ImportFailed", "ImportResult", "import_file"]
