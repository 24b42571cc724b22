"""One zip per teaching unit: every file of its resources and a manifest.json describing them."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

from .docx_writer import ZIP_TIME

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Member:
    """A file of the zip: its name inside and its bytes."""

    name: str
    data: bytes


def manifest(title: str, band: str | None, licence: str, source: str, members: list[Member]) -> dict:
    """What the unit is and which files it holds, with their sizes in bytes and SHA-256."""
    return {
        "title": title,
        "band": band,
        "licence": licence,
        "source": source,
        "files": [
            {"name": m.name, "size": len(m.data), "sha256": hashlib.sha256(m.data).hexdigest()} for m in members
        ],
    }


def unit_zip(title: str, band: str | None, licence: str, source: str, members: list[Member]) -> bytes:
    """The zip bytes: the members in order, then the manifest; equal input gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in members:
            info = zipfile.ZipInfo(member.name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, member.data)
        info = zipfile.ZipInfo(MANIFEST, date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        data = json.dumps(manifest(title, band, licence, source, members), ensure_ascii=False, indent=2)
        target.writestr(info, data + "\n")
    return out.getvalue()
