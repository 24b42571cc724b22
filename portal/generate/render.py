"""Typeset a :class:`PrintDoc` as PDF or PNG (Typst) or write it as .docx (python-docx)."""

from __future__ import annotations

import functools
from pathlib import Path

from .document import PrintDoc

# Bump when the layout or a renderer changes: cached files of the old version are not reused.
RENDERER_VERSION = "1"
FORMATS: dict[str, str] = {
    "pdf": "application/pdf",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
TEMPLATE = Path(__file__).with_name("print.typ")
CJK_FONT_FILE = "NotoSansCJK-Regular.ttc"
FONT_SEARCH_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts")


class GenerateError(RuntimeError):
    """A file could not be generated (missing font, a renderer failure)."""


@functools.cache
def font_dirs() -> tuple[str, ...]:
    """Folders holding the Noto CJK fonts (Debian's fonts-noto-cjk); an error names the package."""
    for base in FONT_SEARCH_DIRS:
        found = sorted({str(p.parent) for p in Path(base).rglob("NotoS*CJK-*.ttc")}) if Path(base).is_dir() else []
        if found:
            return tuple(found)
    raise GenerateError(f"no {CJK_FONT_FILE} found under {', '.join(FONT_SEARCH_DIRS)}: install fonts-noto-cjk")


def render(doc: PrintDoc, fmt: str, ppi: int = 150, template: Path | None = None) -> bytes:
    """The bytes of ``doc`` in ``fmt`` (one of :data:`FORMATS`); the same doc gives the same bytes.

    ``template`` typesets PDF and PNG with another Typst layout than ``print.typ`` (e.g. posters).
    """
    if fmt == "docx":
        from .docx_writer import write_docx

        return write_docx(doc)
    if fmt not in ("pdf", "png"):
        raise GenerateError(f"unknown format {fmt!r}")
    return _typeset(doc, fmt, ppi, template or TEMPLATE)


def _typeset(doc: PrintDoc, fmt: str, ppi: int, template: Path) -> bytes:
    import typst

    try:
        result = typst.compile(
            str(template),
            format=fmt,
            ppi=float(ppi) if fmt == "png" else None,
            font_paths=list(font_dirs()),
            ignore_system_fonts=True,
            sys_inputs={"doc": doc.as_json()},
        )
    except Exception as exc:  # typst raises its own error types with the compiler's message
        raise GenerateError(f"could not typeset {doc.title!r} as {fmt}: {exc}") from exc
    if isinstance(result, list):  # PNG of a multi-page document: the first page
        result = result[0]
    return bytes(result)
