"""A lesson's Markdown read as sections and blocks, with the teacher-only parts marked.

How a lesson marks what students must not see (documented in README, "Teaching resources"):

- a paragraph, list item or quotation that starts with 参考答案： / 答案： / 教师提示： (English:
  ``Answer:`` / ``Answers:`` / ``Teacher's note:`` / ``Note for teachers:``), bold or not, is for the teacher only;
- a level-3 heading 参考答案 / 教师提示 (``### Answers`` / ``### Teacher's notes``) makes everything up
  to the next heading of level 1-3 teacher-only.

The level-2 sections 学习单 (Worksheet), 测验 (Quiz) and 阅读材料 (Handout) are the student
sheets; everything together is the teacher's lesson plan. The same rules give the page's HTML its
``teacher-only`` class, so the generated files and the printed page split alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKERS = ("参考答案", "答案", "教师提示", "Answers", "Answer", "Teacher's notes", "Teacher's note", "Teacher note",
           "Note for teachers")
ROLES = {
    "worksheet": ("学习单", "Worksheet"),
    "quiz": ("测验", "Quiz"),
    "handout": ("阅读材料", "Handout"),
}
STUDENT_ROLES = tuple(ROLES)
_NAMES = "|".join(re.escape(m) for m in MARKERS)
_HTML_NAMES = "|".join(re.escape(m) + "|" + re.escape(m.replace("'", "&#x27;")) + "|" + re.escape(m.replace("'", "’"))
                       for m in MARKERS)
_MARKER = re.compile(rf"^\s*(?:\*\*|__)?(?:{_NAMES})\s*(?:\*\*|__)?\s*[：:]")
_TEACHER_HEADING = re.compile(rf"^(?:{_NAMES})\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_ORDERED = re.compile(r"^(\d+)[.)]\s+")


@dataclass(frozen=True)
class LessonBlock:
    """One block of a lesson: ``kind`` is paragraph, item or heading (level 3+ inside a section)."""

    kind: str
    text: str
    teacher_only: bool = False
    level: int = 3


@dataclass(frozen=True)
class LessonSection:
    """A level-2 section: its heading, its role (worksheet, quiz, handout or None) and its blocks."""

    heading: str
    role: str | None
    blocks: tuple[LessonBlock, ...]

    def student_blocks(self) -> tuple[LessonBlock, ...]:
        """The blocks a student may see."""
        return tuple(b for b in self.blocks if not b.teacher_only)


@dataclass(frozen=True)
class Lesson:
    """The sections of one lesson, in order (text before the first heading is an untitled section)."""

    sections: tuple[LessonSection, ...]

    def role(self, role: str) -> LessonSection | None:
        """The first section playing ``role``, or None."""
        return next((s for s in self.sections if s.role == role), None)


def inline_text(markdown: str) -> str:
    """Markdown inline markup removed: links keep their text, emphasis and code marks go."""
    return _EMPHASIS.sub("", _LINK.sub(r"\1", markdown)).strip()


def role_of(heading: str) -> str | None:
    """The student role a level-2 heading names, or None."""
    text = inline_text(heading)
    return next((role for role, names in ROLES.items() if any(text.startswith(n) for n in names)), None)


def is_teacher_text(markdown: str) -> bool:
    """True when a paragraph or item starts with a teacher-only marker."""
    return bool(_MARKER.match(markdown.lstrip("> ").strip()))


class _Reader:
    """Collects blocks line by line; one instance reads one lesson."""

    def __init__(self) -> None:
        self.sections: list[LessonSection] = []
        self.heading, self.blocks = "", []
        self.paragraph: list[str] = []
        self.teacher_heading = False

    def flush_paragraph(self) -> None:
        if self.paragraph:
            text = " ".join(self.paragraph)
            self.add("paragraph", text)
            self.paragraph = []

    def add(self, kind: str, markdown: str, level: int = 3) -> None:
        teacher = self.teacher_heading or is_teacher_text(markdown)
        text = inline_text(markdown.lstrip("> ").strip())
        if text:
            self.blocks.append(LessonBlock(kind, text, teacher, level))

    def close_section(self) -> None:
        self.flush_paragraph()
        if self.heading or self.blocks:
            self.sections.append(LessonSection(self.heading, role_of(self.heading), tuple(self.blocks)))
        self.blocks = []

    def line(self, raw: str) -> None:
        line = raw.rstrip()
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", line)
        if heading:
            level, text = len(heading.group(1)), inline_text(heading.group(2))
            if level <= 2:
                self.close_section()
                self.heading, self.teacher_heading = text, False
            else:
                self.flush_paragraph()
                self.teacher_heading = bool(_TEACHER_HEADING.match(text)) if level == 3 else self.teacher_heading
                self.add("heading", text, level)
            return
        if not line.strip():
            self.flush_paragraph()
            return
        stripped = line.strip()
        if stripped.startswith("|"):
            self.flush_paragraph()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
                self.add("item", " | ".join(c for c in cells if c))
            return
        item = re.match(r"^(?:[-*+]|\d+[.)])\s+(.*)$", stripped)
        if item:
            self.flush_paragraph()
            number = _ORDERED.match(stripped)
            self.add("item", (f"{number.group(1)}. " if number else "") + item.group(1))
            return
        if self.paragraph or not stripped.startswith(">"):
            self.paragraph.append(stripped)
        else:
            self.paragraph.append(stripped.lstrip("> "))


def read_lesson(body: str) -> Lesson:
    """Split a lesson's Markdown body into sections and blocks (fenced code is kept as text)."""
    reader = _Reader()
    for raw in body.splitlines():
        reader.line(raw)
    reader.close_section()
    return Lesson(tuple(reader.sections))


# -- the same split on the rendered page ----------------------------------------------------------
_P_OR_LI = re.compile(rf"<(p|li)>(?=\s*(?:<strong>)?\s*(?:{_HTML_NAMES})\s*(?:</strong>)?\s*[：:])")
_QUOTE = re.compile(rf"<blockquote>(?=\s*<p>\s*(?:<strong>)?\s*(?:{_HTML_NAMES})\s*(?:</strong>)?\s*[：:])")
_H3_TEACHER = re.compile(rf"(<h3\b[^>]*>\s*(?:{_HTML_NAMES})\s*</h3>)(.*?)(?=<h[1-3]\b|\Z)", re.S)
_TEACHER_ELEMENT = re.compile(r'<(p|li|blockquote|div) class="teacher-only">.*?</\1>', re.S)
_H2 = re.compile(r"(?=<h2\b)")


def mark_teacher_only(html: str) -> str:
    """The page's HTML with every teacher-only part in an element of class ``teacher-only``."""
    html = _H3_TEACHER.sub(r'<div class="teacher-only">\1\2</div>', html)
    html = _QUOTE.sub('<blockquote class="teacher-only">', html)
    return _P_OR_LI.sub(r'<\1 class="teacher-only">', html)


def student_html(html: str) -> str:
    """Only the student sections (worksheet, quiz, handout) of a page, without the teacher-only parts."""
    kept = []
    for part in _H2.split(mark_teacher_only(html)):
        heading = re.match(r"<h2\b[^>]*>(.*?)</h2>", part, re.S)
        if heading and role_of(re.sub(r"<[^>]+>", "", heading.group(1))):
            kept.append(_TEACHER_ELEMENT.sub("", part))
    return "".join(kept)
