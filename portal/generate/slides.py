"""A slide deck (.pptx, python-pptx) from a title slide and one or more slides per lesson section.

The deck is a plain 16:9 presentation teachers can edit: a title slide, then each section's
heading with its points as bullets (long sections continue on a second slide), every slide with
the licence line at its foot. Equal decks give equal bytes (fixed times in the zip and the
document properties), so the file can be cached by :meth:`SlideDeck.fingerprint`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from .docx_writer import reproducible

CJK_FONT = "Noto Sans CJK SC"
FIXED_TIME = dt.datetime(2000, 1, 1)
POINTS_PER_SLIDE = 6
SLIDES_VERSION = "1"
MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@dataclass(frozen=True)
class Slide:
    """One content slide: a heading and its bullet points."""

    heading: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class SlideDeck:
    """Everything the .pptx shows."""

    title: str
    subtitle: str
    slides: tuple[Slide, ...]
    footer: str
    lang: str = "zh"

    def fingerprint(self) -> str:
        """A stable key for the deck's bytes."""
        data = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(f"slides{SLIDES_VERSION}\0{data}".encode()).hexdigest()[:32]

    def plain_text(self) -> str:
        """Every text of the deck, in order (for tests)."""
        parts = [self.title, self.subtitle, *(t for s in self.slides for t in (s.heading, *s.points)), self.footer]
        return "\n".join(p for p in parts if p)


def split_points(heading: str, points: tuple[str, ...]) -> list[Slide]:
    """A section's points on as many slides as they need (the heading repeated with “（续）”)."""
    if not points:
        return [Slide(heading, ())]
    chunks = [points[i : i + POINTS_PER_SLIDE] for i in range(0, len(points), POINTS_PER_SLIDE)]
    return [Slide(heading if i == 0 else f"{heading}（续）", chunk) for i, chunk in enumerate(chunks)]


def _east_asian(run, size: int | None = None) -> None:
    run.font.name = CJK_FONT
    if size:
        run.font.size = Pt(size)
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = rpr.makeelement(qn(tag), {})
            rpr.append(element)
        element.set("typeface", CJK_FONT)


def _text(frame, lines: tuple[str, ...], size: int) -> None:
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        _east_asian(run, size)


def _footer(prs, slide, text: str) -> None:
    box = slide.shapes.add_textbox(Emu(457200), prs.slide_height - Emu(500000), prs.slide_width - Emu(914400),
                                   Emu(380000))
    _text(box.text_frame, (text,), 11)


def write_pptx(deck: SlideDeck) -> bytes:
    """The .pptx bytes of ``deck``."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # 16:9
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text_frame.clear()
    _text(first.shapes.title.text_frame, (deck.title,), 36)
    _text(first.placeholders[1].text_frame, (deck.subtitle,), 20)
    _footer(prs, first, deck.footer)
    for item in deck.slides:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        _text(slide.shapes.title.text_frame, (item.heading,), 30)
        body = slide.placeholders[1]
        body.left, body.top, body.width, body.height = Emu(457200), Emu(1400000), prs.slide_width - Emu(914400), \
            prs.slide_height - Emu(2100000)
        _text(body.text_frame, item.points or ("",), 20)
        _footer(prs, slide, deck.footer)
    props = prs.core_properties
    props.title = deck.title
    props.language = "zh-CN" if deck.lang == "zh" else "en"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    props.author = props.last_modified_by = ""
    return reproducible(prs)
