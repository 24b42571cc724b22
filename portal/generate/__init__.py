"""Printable files generated from the catalogue: one neutral document model, several formats.

A generator (law downloads, lesson packs, posters …) turns an entry into a :class:`PrintDoc`
and asks :func:`render` for the bytes of a format. ``pdf`` and ``png`` are typeset by Typst
(``print.typ`` beside this file) with the CJK font embedded as a subset, so the text stays
extractable; ``docx`` is written with python-docx. The same ``PrintDoc`` always gives the same
bytes, so outputs can be cached by :func:`PrintDoc.fingerprint`.
"""

from .document import Block, PrintDoc
from .render import FORMATS, GenerateError, render

__all__ = ["Block", "FORMATS", "GenerateError", "PrintDoc", "render"]
