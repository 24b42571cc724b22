"""The metadata manifest (``index.yaml``) that may lie beside received files, and merging it in.

The manifest lists received files (``- file: NAME``) with what each document states:
title, doc_number, issuer, region, level, date, disclosure …; ``null`` means "not stated".
Its non-null values win over what the importer recognised in the text, with a warning
whenever the two disagree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from portal.content.schema import parse_date
from portal.messages import _

from .normalize import compact
from .result import ImportFailed

MANIFEST_NAME = "index.yaml"
# Front-matter keys a manifest entry may give (others are reported and ignored).
MANIFEST_KEYS = ("title", "doc_number", "issuer", "level", "region", "date", "addressees", "cc",
                 "disclosure", "status", "published", "effective", "summary", "ip_fields", "source")
_DATE_KEYS = ("date", "published", "effective")


def read_manifest(path: Path) -> tuple[dict[str, Any] | None, list[str]]:
    """The manifest entry for received file ``path`` (non-null values only) and warnings.

    Returns ``(None, [])`` when there is no manifest beside the file. Raises
    :class:`ImportFailed` when the manifest exists but cannot be read.
    """
    index = path.parent / MANIFEST_NAME
    if not index.is_file():
        return None, []
    try:
        data = yaml.safe_load(index.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ImportFailed(_("%(path)s：无法读取清单 %(index)s：%(what)s", path=str(path), index=str(index),
                             what=str(exc))) from None
    if data is None:
        return None, []
    if not isinstance(data, list):
        raise ImportFailed(_("%(path)s：清单 %(index)s 应是列表，每项写 “- file: 文件名”", path=str(path),
                             index=str(index)))
    entries = [e for e in data if isinstance(e, dict) and str(e.get("file", "")).strip() == path.name]
    if not entries:
        return None, [_("%(manifest)s 里没有列出 %(name)s：元数据只取自正文", manifest=MANIFEST_NAME, name=path.name)]
    if len(entries) > 1:
        raise ImportFailed(_("%(path)s：清单 %(index)s 把 %(name)s 列了 %(times)s 次", path=str(path), index=str(index),
                              name=path.name, times=len(entries)))
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in entries[0].items():
        if key == "file" or value is None:
            continue
        if key not in MANIFEST_KEYS:
            warnings.append(_("%(manifest)s：%(name)s 的 “%(key)s” 不是前置元数据字段，已忽略", manifest=MANIFEST_NAME,
                                 name=path.name, key=key))
            continue
        values[key] = _clean(key, value, path, index)
    return values, warnings


def _clean(key: str, value: Any, path: Path, index: Path) -> Any:
    if key in _DATE_KEYS:
        try:
            return parse_date(value)
        except ValueError as exc:
            raise ImportFailed(_("%(path)s：%(index)s 给出的 “%(key)s” 是 %(value)s：%(what)s", path=str(path),
                                 index=str(index), key=key, value=repr(value),
                                 what=exc.args[0] if exc.args else str(exc))) from None
    if isinstance(value, list):
        return [str(v).strip() for v in value]
    return str(value).strip()


def _same(a: Any, b: Any) -> bool:
    def key(value: Any) -> str:
        if isinstance(value, list):
            return "|".join(compact(str(v)) for v in value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return compact(str(value))

    return key(a) == key(b)


def merge(found: dict[str, Any], manifest: dict[str, Any] | None) -> tuple[dict[str, Any], list[str]]:
    """Combine what the text states with the manifest: the manifest's non-null values win.

    A warning is returned for every value on which the two disagree. Keys neither states are left out.
    """
    manifest = manifest or {}
    merged: dict[str, Any] = {}
    warnings: list[str] = []
    for key in dict.fromkeys([*found, *manifest]):
        text_value, listed = found.get(key), manifest.get(key)
        if listed is not None and text_value is not None and not _same(text_value, listed):
            warnings.append(_("%(key)s：正文写的是 %(text)s，%(manifest)s 写的是 %(listed)s；采用 %(manifest)s 的值",
                              key=key, text=_show(text_value), manifest=MANIFEST_NAME, listed=_show(listed)))
        value = listed if listed is not None else text_value
        if value is not None:
            merged[key] = value
    return merged, warnings


def _show(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(map(str, value))
    return f"'{value}'"
