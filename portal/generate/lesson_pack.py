"""The files of one lesson, generated from its Markdown: plan, worksheet, quiz and key, handout, slides.

The teacher's lesson plan has every block, answers included (as ``answer`` blocks); the student
files are the worksheet, quiz and handout sections through :meth:`PrintDoc.without_answers`, so
no teacher-only text can reach them. Every file states the licence and the page it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.lesson import Lesson, LessonBlock, LessonSection
from ..content.model import Entry
from ..content.teaching import TeachingInfo
from .document import Block, PrintDoc
from .slides import SlideDeck, split_points

# (key, Chinese label, English label, formats, student file?)
KINDS: tuple[tuple[str, str, str, tuple[str, ...], bool], ...] = (
    ("plan", "教案（教师版）", "Lesson plan (teacher)", ("pdf", "docx"), False),
    ("slides", "课件", "Slides", ("pptx",), True),
    ("worksheet", "学习单", "Worksheet", ("pdf", "docx"), True),
    ("quiz", "测验", "Quiz", ("pdf", "docx"), True),
    ("key", "测验答案", "Quiz answer key", ("pdf",), False),
    ("handout", "阅读材料", "Handout", ("pdf", "docx"), True),
)
LABELS = {key: (zh, en) for key, zh, en, _, _ in KINDS} | {"activity": ("活动方案", "Activity plan")}
_UNSAFE = re.compile(r"[\\/:*?\"<>|\s]+")


@dataclass(frozen=True)
class LessonFile:
    """One generated file: its download name, kind, format and what it is made from."""

    name: str
    kind: str
    fmt: str
    student: bool
    doc: PrintDoc | None = None
    deck: SlideDeck | None = None

    @property
    def key(self) -> str:
        """Fingerprint of the file's bytes (the cache key)."""
        return self.deck.fingerprint() if self.deck else self.doc.fingerprint(self.fmt)

    def label(self, lang: str) -> str:
        """The kind of file in ``lang``: 教案（教师版）, Worksheet …"""
        zh, en = LABELS[self.kind]
        return en if lang == "en" else zh


@dataclass(frozen=True)
class PackContext:
    """What every file states besides the lesson: the licence, the site and the page address."""

    licence: str
    site_name: str
    page_url: str


def file_stem(entry: Entry, info: TeachingInfo) -> str:
    """The readable start of every file name: 学段-单元 (or the title when no unit is named)."""
    name = info.unit or entry.title.split("：")[-1]
    return _UNSAFE.sub("-", "-".join(p for p in (info.band, name) if p)).strip("-.") or entry.slug


def _blocks(sections: tuple[LessonSection, ...], headings: bool = True) -> tuple[Block, ...]:
    out: list[Block] = []
    for section in sections:
        if headings and section.heading:
            out.append(Block("heading", section.heading, 1))
        out.extend(_block(b) for b in section.blocks)
    return tuple(out)


def _block(block: LessonBlock) -> Block:
    if block.teacher_only:
        return Block("answer", block.text)
    if block.kind == "heading":
        return Block("heading", block.text, min(block.level - 1, 4))
    return Block(block.kind, block.text)


def _meta(info: TeachingInfo, ctx: PackContext) -> tuple[tuple[str, str], ...]:
    rows = [
        ("学段", info.band or ""),
        ("学科", "、".join(info.subjects)),
        ("课时", f"{info.duration_minutes} 分钟" if info.duration_minutes else ""),
        ("作者", info.author or ""),
        ("审核", " ".join(p for p in (info.reviewer, info.review_date and info.review_date.isoformat()) if p)),
        ("许可", ctx.licence),
    ]
    return tuple((label, value) for label, value in rows if value)


def _notes(ctx: PackContext) -> tuple[str, ...]:
    return (
        f"许可：本资料按 {ctx.licence} 许可提供，使用时请注明出处（{ctx.site_name}）。",
        f"来源：{ctx.page_url}",
        "法律条文以国家公布的正式文本为准；所引条文可在来源页面上点开原文。",
    )


def _doc(entry: Entry, info: TeachingInfo, ctx: PackContext, kind: str, sections) -> PrintDoc:
    zh_label = LABELS[kind][0]
    subtitle = "姓名：__________　班级：__________" if kind in ("worksheet", "quiz") else zh_label
    return PrintDoc(
        title=entry.title if kind in ("plan", "activity") else f"{zh_label}：{entry.title.split('：')[-1]}",
        subtitle=subtitle,
        meta=_meta(info, ctx),
        blocks=_blocks(sections, headings=kind in ("plan", "activity") or len(sections) > 1),
        notes=_notes(ctx),
    )


def _deck(entry: Entry, info: TeachingInfo, lesson: Lesson, ctx: PackContext) -> SlideDeck:
    slides = []
    for section in lesson.sections:
        points = tuple(b.text for b in section.student_blocks() if b.kind != "heading")
        if section.heading:
            slides.extend(split_points(section.heading, points))
    subtitle = "　".join(p for p in (info.band, f"{info.duration_minutes} 分钟" if info.duration_minutes else "") if p)
    return SlideDeck(entry.title, subtitle, tuple(slides), f"{ctx.site_name} · {ctx.licence} · {ctx.page_url}")


def lesson_files(entry: Entry, ctx: PackContext) -> tuple[LessonFile, ...]:
    """Every file the lesson's sections give, in :data:`KINDS` order (a missing section gives none)."""
    info: TeachingInfo = entry.extra["teaching"]
    lesson: Lesson = entry.extra["lesson"]
    if not any(s.heading for s in lesson.sections):
        return ()
    stem = file_stem(entry, info)
    quiz = lesson.role("quiz")
    chosen = {
        "plan": lesson.sections,
        "worksheet": (lesson.role("worksheet"),),
        "quiz": (quiz,),
        "key": (quiz,),
        "handout": (lesson.role("handout"),),
    }
    files: list[LessonFile] = []
    for kind, zh_label, _en, formats, student in KINDS:
        if kind == "plan" and "教案" not in info.resource_types and "活动方案" in info.resource_types:
            kind, zh_label = "activity", LABELS["activity"][0]
            chosen["activity"] = chosen["plan"]
        if kind == "slides":
            if "课件" not in info.resource_types:
                continue
            deck = _deck(entry, info, lesson, ctx)
            files.append(LessonFile(f"{stem}-{zh_label}.pptx", kind, "pptx", True, deck=deck))
            continue
        sections = tuple(s for s in chosen[kind] if s is not None)
        if not sections:
            continue
        doc = _doc(entry, info, ctx, kind, sections)
        doc = doc.without_answers() if student else doc
        files.extend(LessonFile(f"{stem}-{zh_label}.{fmt}", kind, fmt, student, doc=doc) for fmt in formats)
    return tuple(files)
