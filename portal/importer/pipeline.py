"""Import one received policy document: read, recognise, merge the manifest, write Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from portal.content.loader import slugify
from portal.content.schema import SECTIONS, parse_date, validate
from portal.messages import _

from .body import render_body
from .manifest import merge, read_manifest
from .read import read_lines
from .result import ImportFailed, ImportResult
from .structure import Document, parse_document
from .write import ordered, render_markdown, write_checked

# Fields staff can supply at import when the document does not state them: key, label, command-line flag.
GIVEN_FIELDS = (("issuer", "制定机关", "--issuer"), ("level", "效力级别", "--level"),
                ("region", "地区", "--region"), ("date", "日期", "--date"))


def import_file(path: Path, content_dir: Path, *, section: str = "policies", overwrite: bool = False,
                given: dict[str, Any] | None = None) -> ImportResult:
    """Convert received file ``path`` into ``content_dir/<section>/<slug>.md`` and describe the result.

    ``path`` is plain text (UTF-8 or GB18030) or a .docx; missing folders are created. The
    slug is the file's stem (as the portal slugifies it). An ``index.yaml`` beside ``path``
    that lists it supplies metadata; its values win over the text's, with a warning when
    they differ. Raises :class:`ImportFailed` (and writes nothing) when the file cannot be
    imported, or when the output exists and ``overwrite`` is false. ``given`` holds values staff
    supply (issuer, level, region, date): they win over the text's, with a warning when they differ;
    a warning names each of these fields that neither states.
    """
    path, content_dir = Path(path), Path(content_dir)
    target = SECTIONS.get(section)
    if target is None or not target.legal:
        legal = ", ".join(name for name, s in SECTIONS.items() if s.legal)
        raise ImportFailed(_("%(path)s：不能导入到 “%(section)s” 栏目；收到的文件只能导入 %(legal)s", path=str(path),
                             section=section, legal=legal))
    if not path.is_file():
        raise ImportFailed(_("%(path)s：找不到这个文件", path=str(path)))
    if content_dir.exists() and not content_dir.is_dir():
        raise ImportFailed(_("%(path)s：内容文件夹 %(folder)s 不是文件夹", path=str(path), folder=str(content_dir)))
    slug = slugify(path.stem)
    output = content_dir / section / f"{slug}.md"
    if output.exists() and not overwrite:
        raise ImportFailed(_("%(path)s：%(output)s 已经存在（要替换它，请加 --overwrite）", path=str(path),
                             output=str(output)))

    lines, warnings = read_lines(path)
    if slug != path.stem:
        warnings.append(f"{path.name}: the file name gives the slug '{slug}'")
    manifest, manifest_warnings = read_manifest(path)
    warnings += manifest_warnings
    known_titles = [manifest["title"]] if manifest and "title" in manifest else []
    doc = parse_document(lines, known_titles)
    warnings += doc.warnings
    blocks, body_warnings = render_body(doc.body)
    warnings += body_warnings
    meta, merge_warnings = _metadata(doc, manifest, path)
    warnings += merge_warnings
    meta, given_warnings = _with_given(meta, given or {}, path)
    warnings += given_warnings
    if not blocks:
        warnings.append(f"{path.name}: no body text was found")

    problems = validate(target, meta, {}, output)
    if problems:
        raise ImportFailed(f"{path}: " + "; ".join(p.message for p in problems))
    write_checked(output, render_markdown(meta, blocks), target, overwrite=overwrite, source=path)
    return ImportResult(output=output, slug=slug, title=str(meta["title"]), warnings=warnings, metadata=ordered(meta))


def _metadata(doc: Document, manifest: dict[str, Any] | None, path: Path) -> tuple[dict[str, Any], list[str]]:
    """Front matter: what the text states, overridden by the manifest; nothing guessed."""
    issuer: str | list[str] | None = None
    if doc.issuers:
        issuer = doc.issuers[0] if len(doc.issuers) == 1 else list(doc.issuers)
    found = {"title": doc.title, "doc_number": doc.doc_number, "issuer": issuer, "date": doc.date,
             "addressees": doc.addressees, "cc": doc.cc, "disclosure": doc.disclosure}
    meta, warnings = merge({k: v for k, v in found.items() if v is not None}, manifest)
    if "title" not in meta:
        raise ImportFailed(f"{path}: no title found at the top of the text, and no manifest title for it")
    meta.setdefault("source", f"received file {path.name}")
    return meta, warnings


def _with_given(meta: dict[str, Any], given: dict[str, Any], path: Path) -> tuple[dict[str, Any], list[str]]:
    """``meta`` with the values staff gave; a warning for each field still unknown."""
    values = {k: v for k, v in given.items() if v not in (None, "")}
    if "date" in values:
        try:
            values["date"] = parse_date(values["date"])
        except ValueError:
            raise ImportFailed(f"{path}: --date {values['date']!r} is not a date (write YYYY-MM-DD)") from None
    meta, warnings = merge(meta, values)
    for key, label, flag in GIVEN_FIELDS:
        if key not in meta:
            warnings.append(_("%(file)s：文中没有写明%(label)s，网站将显示“未注明”；如果知道，导入时用 %(flag)s 填写",
                              file=path.name, label=label, flag=flag))
    return meta, warnings
