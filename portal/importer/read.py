"""Read a received file into lines of text: UTF-8 or GB18030 plain text, or a .docx."""

from __future__ import annotations

import codecs
from pathlib import Path

from .result import ImportFailed

_ALLOWED_CONTROLS = set("\t\n\r\f\v")


def read_lines(path: Path) -> tuple[list[str], list[str]]:
    """Return the lines of ``path`` (text or .docx) and any warnings; raise :class:`ImportFailed`.

    Plain text is decoded strictly as UTF-8 (a byte-order mark is dropped), then as GB18030.
    A .docx gives the text of its paragraphs in order, one line per paragraph.
    """
    suffix = path.suffix.lower()
    if suffix == ".docx":
        lines, warnings = _docx_lines(path)
    elif suffix in (".doc", ".wps", ".pdf"):
        raise ImportFailed(f"{path}: {suffix} files cannot be imported; save the document as .docx or as UTF-8 text")
    else:
        lines, warnings = decode(_read_bytes(path), path).splitlines(), []
    if not any(line.strip() for line in lines):
        raise ImportFailed(f"{path}: the file is empty (no text to import)")
    return lines, warnings


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot read the file: {exc.strerror or exc}") from None


def decode(data: bytes, path: Path) -> str:
    """Decode received bytes: strict UTF-8 first, then GB18030; raise :class:`ImportFailed` otherwise."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFailed(f"{path}: the file is UTF-16 text; save it as UTF-8 (or GB18030) and import it again")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as gb_error:
            raise ImportFailed(
                f"{path}: not text in a supported encoding: not UTF-8 (invalid byte at offset {utf8_error.start}) "
                f"and not GB18030 (invalid byte at offset {gb_error.start}); save it as UTF-8 text"
            ) from None
    text = text.lstrip("\ufeff")
    bad = next((i for i, c in enumerate(text) if (ord(c) < 32 or ord(c) == 127) and c not in _ALLOWED_CONTROLS), None)
    if bad is not None:
        raise ImportFailed(f"{path}: looks like a binary file, not text (control character U+{ord(text[bad]):04X} "
                           f"at character {bad})")
    return text


def _docx_lines(path: Path) -> tuple[list[str], list[str]]:
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise ImportFailed(f"{path}: importing .docx needs the python-docx package") from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for a broken package
        raise ImportFailed(f"{path}: cannot open the .docx file: {exc}") from None
    lines: list[str] = []
    for paragraph in document.paragraphs:
        lines.extend(paragraph.text.splitlines() or [""])
    warnings = []
    if document.tables:
        warnings.append(f"{path.name}: {len(document.tables)} table(s) in the document were not imported; "
                        "add them to the Markdown by hand")
    return lines, warnings
