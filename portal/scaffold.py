"""``portal new``: a correctly named file with a complete front-matter template."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .content.loader import slugify
from .content.schema import IP_FIELDS, LEVELS, SECTIONS, STATUSES
from .messages import _, suggest

COMMON_TAIL = """\
# publish_at: {today} 09:00   # 定时发布：到这个时间才上线（删掉 # 启用）
# tags: [专利]
# ip_fields: [专利]           # 可选：{fields}
# title_en: English title
# summary_en: One-line English summary
"""
LEGAL_KEYS = """\
# 以下信息只填原文写明的；原文没写的请删掉或留空，网站会显示“未注明”。
# doc_number: 渝府发〔2016〕25号
# issuer: 重庆市人民政府
# level: 规范性文件          # {levels}
# status: 现行有效           # {statuses}
# region: 重庆市巫山县
# published: {today}
# effective: {today}
# source: 收到的正式文本
"""
BODY = {
    "laws": "## 第一章 总则\n\n第一条 ……\n",
    "policies": "## 一、……\n\n正文……\n",
}


class ScaffoldError(Exception):
    """The file could not be created (unknown section, or it exists already)."""


def new_entry(content_dir: Path, section: str, title: str, today: dt.date | None = None) -> Path:
    """Create a draft in ``content_dir/section`` and return its path."""
    if section not in SECTIONS:
        raise ScaffoldError(_("没有 “%(name)s” 这个栏目（可用：%(known)s）%(hint)s", name=section,
                              known=", ".join(SECTIONS), hint=suggest(section, SECTIONS)))
    if not title.strip():
        raise ScaffoldError(_("标题不能为空"))
    today = today or dt.date.today()
    stem = slugify(title)
    if section in ("news", "campaigns"):
        stem = f"{today.isoformat()}-{stem}"
    path = content_dir / section / f"{stem}.md"
    if path.exists():
        raise ScaffoldError(_("%(path)s 已经存在：请换一个标题，或直接编辑这个文件", path=str(path)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_template(section, title.strip(), today), encoding="utf-8")
    return path


def _template(section: str, title: str, today: dt.date) -> str:
    lines = [
        "---",
        f"title: {_quote(title)}",
        f"date: {today.isoformat()}",
        "summary: 一句话摘要，显示在列表和订阅中",
        "draft: true",
    ]
    text = "\n".join(lines) + "\n" + COMMON_TAIL.format(today=today.isoformat(), fields=" ".join(IP_FIELDS))
    if SECTIONS[section].legal:
        text += LEGAL_KEYS.format(today=today.isoformat(), levels=" ".join(LEVELS), statuses=" ".join(STATUSES))
    return (
        text
        + "---\n\n"
        + BODY.get(section, "正文从这里开始。可以用 Markdown：## 小标题、- 列表、[链接](/zh/library/)。\n")
    )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
