"""Read content folders once into a validated :class:`Catalog`."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from ..messages import _, suggest
from .attachments import read_attachments
from .campaigns import link_problems
from .catalog import LIBRARY_SECTIONS, Catalog, work_key
from .errors import ContentError, Problem
from .frontmatter import split
from .history import canonical_region, history_dates, readable_source
from .indicators import read_indicators
from .legal import parse_legal_body
from .lesson import read_lesson
from .model import Entry, LegalInfo, Translation
from .parse_cache import ParseCache
from .placeholders import placeholder_problems
from .render import plain_text, render_markdown
from .schema import SECTIONS, Field, Section, parse_date, parse_datetime, validate
from .service_facts import read_service_facts
from .steps import read_steps
from .synonyms import read_synonyms

TRANSLATION_SUFFIX = ".en.md"
TRANSLATION_SECTION = Section(
    "translation",
    "译文",
    "Translation",
    False,
    (
        Field("title", "str", required=True),
        Field("summary", "str"),
    ),
)
# Keywords in a title and the IP field they put a law in (the portal's own classification).
FIELD_KEYWORDS = (
    ("植物新品种", "植物新品种"),
    ("集成电路", "集成电路布图设计"),
    ("商业秘密", "商业秘密"),
    ("反不正当竞争", "商业秘密"),
    ("地理标志", "地理标志"),
    ("专利", "专利"),
    ("商标", "商标"),
    ("著作权", "著作权"),
    ("计算机软件", "著作权"),
    ("版权", "著作权"),
)


def slugify(stem: str) -> str:
    """A URL slug from a file name: NFKC, brackets and punctuation become hyphens."""
    text = unicodedata.normalize("NFKC", stem).strip()
    text = re.sub(r"[^\w\u3400-\u9fff\U00020000-\U0002fa1f]+", "-", text)
    return text.strip("-").lower() or "item"


def classify_fields(title: str) -> tuple[str, ...]:
    """IP fields named in a title, or 综合 when it names none or several."""
    found = []
    for keyword, name in FIELD_KEYWORDS:
        if keyword in title and name not in found:
            found.append(name)
    return tuple(found[:1]) if len(found) == 1 else ("综合",)


def _as_tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def _text(value) -> str | None:
    return None if value is None or str(value).strip() == "" else str(value).strip()


def _legal_info(meta: dict) -> LegalInfo:
    stated = history_dates(_as_tuple(meta.get("history")))
    return LegalInfo(
        level=_text(meta.get("level")),
        region=canonical_region(_text(meta.get("region"))),
        doc_number=_text(meta.get("doc_number")),
        issuers=_as_tuple(meta.get("issuer")),
        status=_text(meta.get("status")),
        version_date=parse_date(meta.get("version_date")),
        published=parse_date(meta.get("published")) or stated.published,
        effective=parse_date(meta.get("effective")) or stated.effective,
        adopted=stated.adopted,
        history=_as_tuple(meta.get("history")),
        source=readable_source(_text(meta.get("source")), _text(meta.get("source_path"))),
        addressees=_text(meta.get("addressees")),
        cc=_text(meta.get("cc")),
        disclosure=_text(meta.get("disclosure")),
    )


def _read(path: Path) -> tuple[str | None, list[Problem]]:
    try:
        return path.read_text(encoding="utf-8"), []
    except UnicodeDecodeError as exc:
        message = _("不是 UTF-8 文本（第 %(byte)s 字节）：请用 UTF-8 编码另存此文件", byte=exc.start)
        return None, [Problem(path, 1, message)]
    except OSError as exc:
        return None, [Problem(path, 1, _("无法读取文件：%(reason)s", reason=exc.strerror))]


def read_entry(section: Section, path: Path) -> tuple[Entry | None, list[Problem]]:
    """Parse and validate one content file; return the entry or the problems."""
    text, problems = _read(path)
    if text is None:
        return None, problems
    parsed = split(text, path)
    if parsed.problems:
        return None, parsed.problems
    problems = validate(section, parsed.meta, parsed.key_lines, path)
    problems += placeholder_problems(parsed.meta, parsed.key_lines, parsed.body, parsed.body_line, path)
    if problems:
        return None, problems
    meta = parsed.meta
    attachments, problems = read_attachments(meta.get("attachments"), path, parsed.key_lines.get("attachments", 1))
    if problems:
        return None, problems
    legal = _legal_info(meta) if section.legal else None
    if section.legal:
        body = parse_legal_body(parsed.body)
        html, toc, articles = body.html, body.toc, body.articles
    else:
        html, toc = render_markdown(parsed.body)
        articles = ()
    date = parse_date(meta.get("date")) or (legal and (legal.version_date or legal.published))
    title = str(meta["title"]).strip()
    fields = _as_tuple(meta.get("ip_fields")) or (classify_fields(title) if section.legal else ())
    entry = Entry(
        section=section.name,
        slug=slugify(str(meta.get("slug") or path.stem)),
        title=title,
        path=path,
        html=html,
        text=plain_text(html),
        toc=toc,
        articles=articles,
        date=date or None,
        summary=_text(meta.get("summary")),
        draft=bool(meta.get("draft", False)),
        publish_at=parse_datetime(meta.get("publish_at")),
        tags=_as_tuple(meta.get("tags")),
        ip_fields=fields,
        legal=legal,
        title_en=_text(meta.get("title_en")),
        attachments=attachments,
        extra={
            "line_of": parsed.key_lines,
            "summary_en": _text(meta.get("summary_en")),
            "sample": bool(meta.get("sample", False)),
            "service_facts": read_service_facts(meta.get("service_facts")),
            "steps": read_steps(meta.get("steps"), parsed.key_lines),
            **(section.extra(meta) if section.extra else {}),
            **({"lesson": read_lesson(parsed.body)} if section.name == "curricula" else {}),
        },
    )
    return entry, []


def read_translation(path: Path) -> tuple[Translation | None, list[Problem]]:
    """Parse an English translation file (``name.en.md``)."""
    text, problems = _read(path)
    if text is None:
        return None, problems
    parsed = split(text, path)
    problems = parsed.problems or validate(TRANSLATION_SECTION, parsed.meta, parsed.key_lines, path)
    if problems:
        return None, problems
    html, toc = render_markdown(parsed.body)
    return Translation(str(parsed.meta["title"]).strip(), _text(parsed.meta.get("summary")), html, toc), []


def _content_files(folder: Path, problems: list[Problem] | None = None) -> list[Path]:
    """Markdown files under ``folder``, skipping files and folders whose names start with . or _.

    A symbolic link to a folder, an unreadable folder and a Markdown file that resolves outside the
    content folder (the parent of ``folder``) are reported in ``problems`` and left out.
    """
    problems = [] if problems is None else problems
    inside = folder.parent.resolve()
    found = []

    def unreadable(error: OSError) -> None:
        problems.append(Problem(Path(error.filename or folder), 1, f"folder cannot be read: {error.strerror}"))

    for parent, folders, names in os.walk(folder, onerror=unreadable):
        for name in [d for d in folders if Path(parent, d).is_symlink() and not d.startswith((".", "_"))]:
            problems.append(Problem(Path(parent, name), 1, "a symbolic link to a folder is not published; "
                                    "move the folder here instead"))
        folders[:] = [d for d in folders if not d.startswith((".", "_")) and not Path(parent, d).is_symlink()]
        for name in names:
            path = Path(parent, name)
            if not name.endswith(".md") or name.startswith((".", "_")):
                continue
            if path.resolve().is_relative_to(inside):
                found.append(path)
            else:
                problems.append(Problem(path, 1, f"a symbolic link to {path.resolve()}, outside the content "
                                        "folder, is not published"))
    return sorted(found)


def _identity(path: Path) -> object:
    """The same value for two paths of one file (symbolic links included)."""
    try:
        info = os.stat(path)
    except OSError:
        return path
    return (info.st_dev, info.st_ino)


def _scan_folder(root: Path, problems: list[Problem]) -> list[tuple[Section, Path]]:
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        files = _content_files(folder, problems)
        section = SECTIONS.get(folder.name)
        if section is None:
            if files:
                problems.append(
                    Problem(files[0], 1, _(
                            "没有 “%(name)s” 这个栏目文件夹（可用：%(known)s）%(hint)s",
                            name=folder.name, known=", ".join(SECTIONS), hint=suggest(folder.name, SECTIONS),
                        ))
                )
            continue
        found.extend((section, f) for f in files)
    return found


def load_catalog(folders: list[Path], cache: ParseCache | None = None, errors_into: list | None = None) -> Catalog:
    """Read every content folder into one catalogue; raise :class:`ContentError` on any error.

    With a :class:`ParseCache`, files unchanged since the last call are not read again. With
    ``errors_into``, errors are appended to that list and the catalogue of the good files is
    returned instead (so links can be checked even when some file is broken).
    """
    cache = cache or ParseCache()
    problems: list[Problem] = []
    catalog = Catalog()
    works: dict[str, list[Entry]] = {}
    seen_paths: set[object] = set()
    translations: dict[Path, Path] = {}
    for root in folders:
        root = Path(root)
        if not root.is_dir():
            problems.append(Problem(root, 0, _("找不到内容文件夹：检查 instance/portal.toml 中的 content_dirs")))
            continue
        for section, path in _scan_folder(root, problems):
            real = _identity(path)
            if real in seen_paths:
                continue
            seen_paths.add(real)
            if path.name.endswith(TRANSLATION_SUFFIX):
                translations[path.with_name(path.name[: -len(TRANSLATION_SUFFIX)] + ".md")] = path
                continue
            entry, found = cache.get(path, lambda s=section, p=path: read_entry(s, p))
            problems.extend(found)
            if entry is not None:
                _add(catalog, works, entry, problems)
    _attach_translations(catalog, translations, problems, cache)
    catalog.indicators, found = read_indicators([Path(root) for root in folders])
    problems.extend(found)
    catalog.synonyms, found = read_synonyms([Path(root) for root in folders])
    problems.extend(p for p in found if p.severity == "error")
    catalog.warnings.extend(p for p in found if p.severity != "error")
    for problem in link_problems(catalog):
        (problems if problem.severity == "error" else catalog.warnings).append(problem)
    errors = [p for p in problems if p.severity == "error"]
    if errors and errors_into is None:
        raise ContentError(errors)
    if errors_into is not None:
        errors_into.extend(errors)
    catalog.link_relations()
    return catalog


def _slug_owner(catalog: Catalog, entry: Entry) -> Entry | None:
    if entry.section in LIBRARY_SECTIONS:
        return catalog.library_entry(entry.slug)
    return catalog.get(entry.section, entry.slug)


def _add(catalog: Catalog, works: dict[str, list[Entry]], entry: Entry, problems: list[Problem]) -> None:
    twin = _same_document(works, entry)
    if twin is not None:
        kept, dropped = (twin, entry) if _richer(twin, entry) else (entry, twin)
        catalog.entries.pop(twin.key)
        catalog.entries[kept.key] = kept
        group = works[work_key(kept.title)]
        group[group.index(twin)] = kept
        catalog.also_from[kept.key] = catalog.also_from.get(twin.key, ()) + (str(dropped.path),)
        catalog.warnings.append(
            Problem(
                dropped.path,
                1,
                _("与 %(kept)s 是同一文件：只发布一次，采用 %(name)s", kept=kept.path, name=kept.path.name),
                "warning",
            )
        )
        return
    owner = _slug_owner(catalog, entry)
    if owner is not None:
        problems.append(
            Problem(
                entry.path,
                entry.extra["line_of"].get("slug", 1),
                _(
                    "网址名 “%(slug)s” 已被 %(other)s 使用：请改文件名，或加一行 slug: 另一个名字",
                    slug=entry.slug, other=owner.path,
                ),
            )
        )
        return
    catalog.entries[entry.key] = entry


def _same_document(works: dict[str, list[Entry]], entry: Entry) -> Entry | None:
    """A library entry already read with the same work title and the same text, if any."""
    if entry.section not in LIBRARY_SECTIONS:
        return None
    group = works.setdefault(work_key(entry.title), [])
    twin = next((other for other in group if other.text == entry.text), None)
    if twin is None:
        group.append(entry)
    return twin


def _richer(a: Entry, b: Entry) -> bool:
    """Prefer the copy whose source states more (a version date first)."""

    def score(e: Entry) -> tuple:
        legal = e.legal or LegalInfo()
        return (legal.version_date is not None, sum(v not in (None, ()) for v in vars(legal).values()), str(e.path))

    return score(a) >= score(b)


def _attach_translations(
    catalog: Catalog, translations: dict[Path, Path], problems: list[Problem], cache: ParseCache
) -> None:
    by_path = {e.path: e for e in catalog.entries.values()}
    for original, path in translations.items():
        entry = by_path.get(original)
        if entry is None:
            problems.append(Problem(path, 1, _("译文找不到原文：没有 %(name)s", name=original.name)))
            continue
        translation, found = cache.get(path, lambda p=path: read_translation(p))
        problems.extend(found)
        if translation is not None:
            catalog.entries[entry.key] = _with_translation(entry, translation)


def _with_translation(entry: Entry, translation: Translation) -> Entry:
    from dataclasses import replace

    return replace(entry, translation=translation)
