"""A campaign year's toolkit: posters and handouts typeset from the team's text, and a zip of them all.

From a year's :class:`~portal.content.toolkit.Toolkit` (slogans, quiz, key articles) this builds
PrintDocs — a slogan poster and a key-article poster (A4 and A3 PDF, PNG), the quiz handout
with answers, the answer-free sheet (PDF) and the handout as Word — typesets them through
:class:`GeneratedCache` (each version once), and packs every file with a manifest into a zip
whose bytes depend only on its contents.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

from .. import urls
from ..content.catalog import Catalog
from ..content.model import Entry
from ..content.toolkit import ArticleRef, Toolkit
from .cache import GeneratedCache
from .document import Block, PrintDoc

POSTER_TEMPLATE = Path(__file__).with_name("poster.typ")
PNG_PPI = 150  # the PNG download: an A4 poster of 1240 x 1754 pixels
PREVIEW_PPI = 40  # the gallery's preview: 331 x 468 pixels
LETTERS = "ABCDEFGH"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
SOURCE_NOTE = "条文摘自本站法规库，以国家正式公布的文本为准。"
SLOGAN_NOTE = "标语为本站编写的宣传用语，不是法律条文。"
SAMPLE_NOTE = "示例内容：本站为演示资料包版式而编写，不是真实的活动安排。"


@dataclass(frozen=True)
class ToolkitFile:
    """One download: its file name (URL), link text in both languages, format label and bytes."""

    name: str
    title: str
    title_en: str
    kind: str  # PDF, PNG, Word, ZIP
    paper: str  # "A4", "A3" or "" (the PNG, the Word file and the zip)
    data: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class Poster:
    """A poster of the gallery: its preview image, short alt text and full text alternative."""

    title: str
    title_en: str
    preview: str  # file name of the preview PNG
    alt: str
    text: str


@dataclass(frozen=True)
class Bundle:
    """Everything a year's toolkit offers: downloads (the zip last), gallery posters and previews."""

    year: int
    files: tuple[ToolkitFile, ...]
    posters: tuple[Poster, ...]
    previews: dict[str, bytes] = field(repr=False)

    def data(self, name: str) -> bytes | None:
        """The bytes served under ``name`` (a download or a preview), or None."""
        found = next((f.data for f in self.files if f.name == name), None)
        return found if found is not None else self.previews.get(name)


@dataclass(frozen=True)
class Quoted:
    """A key article as printed: its label (《…》第N条), corpus text, source line and page address."""

    label: str
    text: str
    source: str
    address: str


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels of a PNG, read from its IHDR chunk."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError("not a PNG file")
    return struct.unpack(">II", data[16:24])


def quote_article(catalog: Catalog, ref: ArticleRef, site_url: str) -> Quoted | None:
    """The article ``ref`` names, quoted from the corpus text, or None when the library lacks it."""
    found = ref.resolve(catalog)
    if found is None:
        return None
    entry, article = found
    address = site_url.rstrip("/") + unquote(urls.article_path(entry, "zh", article.anchor))
    source = entry.legal.source if entry.legal and entry.legal.source else "本站法规库"
    return Quoted(f"《{entry.title}》{article.label}", article.text, source, address)


def _notes(year: int, sample: bool, site_name: str, site_url: str, *extra: str) -> tuple[str, ...]:
    page = site_url.rstrip("/") + urls.campaign_year_path("zh", year)
    notes = [*extra, f"{site_name}：{page}"]
    return tuple(([SAMPLE_NOTE] if sample else []) + notes)


def slogan_poster(year: int, kit: Toolkit, notes: tuple[str, ...], paper: str) -> PrintDoc:
    """The slogans, large, one per line."""
    blocks = tuple(Block("item", s) for s in kit.slogans)
    return PrintDoc(title="4·26 世界知识产权日", subtitle=f"{year}年全国知识产权宣传周 · 宣传标语",
                    blocks=blocks, notes=(SLOGAN_NOTE, *notes), paper=paper, poster=True)


def article_poster(year: int, quoted: list[Quoted], notes: tuple[str, ...], paper: str) -> PrintDoc:
    """Each key article in the corpus wording, with its source line and address."""
    blocks = []
    for item in quoted:
        line = f"——{item.label}　来源：{item.source}　本站页面：{item.address}"
        blocks += [Block("paragraph", item.text), Block("note", line)]
    return PrintDoc(title="4·26 世界知识产权日", subtitle=f"{year}年全国知识产权宣传周 · 法律条文摘录",
                    blocks=tuple(blocks), notes=(SOURCE_NOTE, *notes), paper=paper, poster=True)


def quiz_handout(year: int, kit: Toolkit, catalog: Catalog, notes: tuple[str, ...], site_url: str) -> PrintDoc:
    """The quiz with lettered choices; each answer with its explanation and the articles it rests on."""
    blocks: list[Block] = []
    for number, item in enumerate(kit.quiz, start=1):
        blocks.append(Block("heading", f"{number}. {item.question}", level=2))
        blocks += [Block("item", f"{LETTERS[i]}. {choice}") for i, choice in enumerate(item.choices)]
        quoted = [q for q in (quote_article(catalog, r, site_url) for r in item.articles) if q]
        basis = "；".join(f"{q.label}（{q.address}）" for q in quoted)
        text = f"答案：{LETTERS[item.answer - 1]}。{item.explain}" + (f"依据：{basis}" if basis else "")
        blocks.append(Block("answer", text))
    return PrintDoc(title=f"{year}年知识产权知识问答", subtitle="世界知识产权日和全国知识产权宣传周",
                    meta=(("题数", str(len(kit.quiz))), ("编写", "本站（答案以所引条文为准）")),
                    blocks=tuple(blocks), notes=(SOURCE_NOTE, *notes))


def _with_theme(doc: PrintDoc, info) -> PrintDoc:
    """A poster with the year's theme under its title, when an official wording is quoted (and its source)."""
    if not info.theme:
        return doc
    return replace(doc, meta=(("主题：", info.theme),), notes=(f"主题来源：{info.theme_source}", *doc.notes))


def _zip(year: int, files: list[ToolkitFile], notes: tuple[str, ...]) -> bytes:
    """The files and a manifest (name, format, size, SHA-256), with fixed dates: same files, same bytes."""
    lines = [f"{year}年世界知识产权日和全国知识产权宣传周资料包 / World IP Day {year} toolkit", "",
             "文件\t格式\t大小（字节）\tSHA-256"]
    for item in files:
        kind = f"{item.kind}（{item.paper}）" if item.paper else item.kind
        lines.append(f"{item.name}\t{kind}\t{item.size}\t{hashlib.sha256(item.data).hexdigest()}")
    lines += ["", *notes]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [("manifest.txt", ("\n".join(lines) + "\n").encode()), *((f.name, f.data) for f in files)]:
            archive.writestr(zipfile.ZipInfo(f"toolkit-{year}/{name}", ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _poster_files(cache: GeneratedCache, stem: str, label: tuple[str, str], docs: dict[str, PrintDoc]) -> list:
    zh, en = label
    files = [
        ToolkitFile(f"{stem}-{paper}.pdf", f"{zh}（A{paper[1]}）", f"{en} (A{paper[1]})", "PDF", paper.upper(),
                    cache.get(doc, "pdf", template=POSTER_TEMPLATE))
        for paper, doc in docs.items()
    ]
    png = cache.get(docs["a4"], "png", ppi=PNG_PPI, template=POSTER_TEMPLATE)
    files.append(ToolkitFile(f"{stem}.png", f"{zh}（图片）", f"{en} (image)", "PNG", "", png))
    return files


def build_bundle(entry: Entry, catalog: Catalog, cache: GeneratedCache, site_name: str, site_url: str) -> Bundle | None:
    """The toolkit of a campaign-year entry, or None when its file has no toolkit text."""
    info = entry.extra["campaign"]
    kit: Toolkit | None = info.toolkit
    if not kit:
        return None
    year = info.year
    notes = _notes(year, info.sample, site_name, site_url)
    files: list[ToolkitFile] = []
    posters: list[Poster] = []
    previews: dict[str, bytes] = {}
    quoted = [q for q in (quote_article(catalog, r, site_url) for r in kit.key_articles) if q]
    wanted = []
    if kit.slogans:
        alt = f"宣传标语海报：{' '.join(kit.slogans)}"
        wanted.append(("poster-slogans", ("宣传标语海报", "Slogan poster"), slogan_poster, kit, alt))
    if quoted:
        alt = f"法律条文摘录海报：{'、'.join(q.label for q in quoted)}的原文"
        wanted.append(("poster-articles", ("法律条文摘录海报", "Key articles poster"), article_poster, quoted, alt))
    for stem, label, make, text, alt in wanted:
        docs = {paper: _with_theme(make(year, text, notes, paper), info) for paper in ("a4", "a3")}
        files += _poster_files(cache, stem, label, docs)
        previews[f"{stem}-preview.png"] = cache.get(docs["a4"], "png", ppi=PREVIEW_PPI, template=POSTER_TEMPLATE)
        posters.append(Poster(label[0], label[1], f"{stem}-preview.png", alt, docs["a4"].plain_text()))
    if kit.quiz:
        handout = quiz_handout(year, kit, catalog, notes, site_url)
        sheet = replace(handout.without_answers(), subtitle="练习版（不含答案）")
        files += [
            ToolkitFile("quiz-handout.pdf", "知识问答（含答案和依据）", "Quiz with answers and articles", "PDF", "A4",
                        cache.get(handout, "pdf")),
            ToolkitFile("quiz-sheet.pdf", "知识问答练习版（不含答案）", "Quiz sheet without answers", "PDF", "A4",
                        cache.get(sheet, "pdf")),
            ToolkitFile("quiz-handout.docx", "知识问答（Word，可编辑）", "Quiz (Word, editable)", "Word", "",
                        cache.get(handout, "docx")),
        ]
    archive = ToolkitFile(f"toolkit-{year}.zip", "全部资料打包下载", "All files in one zip", "ZIP", "",
                          _zip(year, files, notes))
    return Bundle(year, (*files, archive), tuple(posters), previews)
