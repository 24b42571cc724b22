"""The received-policy importer, on the real corpus documents and on small made-up ones."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from portal.content.frontmatter import split
from portal.content.loader import load_catalog
from portal.importer import ImportFailed, ImportResult, import_file

CHONGQING = "chongqing-2016-25.txt"
WUSHAN = "wushan-2022-ip-work.txt"
WUSHAN_ISSUER = "巫山县知识产权保护联席会议办公室（巫山县市场监督管理局代章）"
WUSHAN_TITLE = "关于进一步加强知识产权工作的实施意见"
# The received Wushan text numbers its items 1–14 and then 17–29: 15 and 16 are not in it.
WUSHAN_ITEMS = [*range(1, 15), *range(17, 30)]


def split_output(path: Path) -> tuple[dict, str]:
    """Front matter and body of a written file, read the way the portal reads it (dates stay text)."""
    parsed = split(path.read_text(encoding="utf-8"), path)
    assert parsed.problems == []
    return parsed.meta, parsed.body


def letters(text: str) -> str:
    """Letters and digits only (NFKC): what must survive an import, whatever the punctuation or layout."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c)[0] in "LN")


def do_import(source: Path, content: Path, **kwargs) -> ImportResult:
    content.mkdir(parents=True, exist_ok=True)
    return import_file(source, content, **kwargs)


@pytest.fixture
def policies(corpus_dir: Path) -> Path:
    return corpus_dir / "policies"


@pytest.fixture
def chongqing(policies: Path, tmp_path: Path) -> ImportResult:
    return do_import(policies / CHONGQING, tmp_path / "content")


@pytest.fixture
def wushan(policies: Path, tmp_path: Path) -> ImportResult:
    return do_import(policies / WUSHAN, tmp_path / "content")


def entry_of(result: ImportResult):
    catalog = load_catalog([result.output.parent.parent])
    entry = catalog.get("policies", result.slug)
    assert entry is not None
    return entry


# --- the Chongqing document -------------------------------------------------------------------

def test_chongqing_front_matter(chongqing: ImportResult, tmp_path: Path) -> None:
    assert chongqing.output == tmp_path / "content" / "policies" / "chongqing-2016-25.md"
    assert chongqing.slug == "chongqing-2016-25"
    meta, body = split_output(chongqing.output)
    assert meta == chongqing.metadata
    assert meta["title"] == chongqing.title == "关于新形势下加快知识产权强市建设的实施意见"
    assert meta["doc_number"] == "渝府发〔2016〕25号"
    assert meta["addressees"] == "各区县（自治县）人民政府，市政府各部门，有关单位"
    assert meta["issuer"] == "重庆市人民政府"  # from index.yaml: the text has no signature block
    assert meta["region"] == "重庆市" and meta["level"] == "规范性文件" and meta["disclosure"] == "公开"
    assert meta["source"] == "received file chongqing-2016-25.txt"
    assert "date" not in meta and "status" not in meta  # neither the text nor the manifest states them
    assert chongqing.warnings == [  # the text states no date, the manifest gives none: said, not guessed
        "chongqing-2016-25.txt：文中没有写明日期，网站将显示“未注明”；如果知道，导入时用 --date 填写"
    ]
    assert "渝府发" not in body and "各区县（自治县）人民政府，市政府各部门" not in body
    assert body.lstrip().startswith("知识产权制度是激励创新的基本保障。")


def test_chongqing_headings_and_loader(chongqing: ImportResult) -> None:
    entry = entry_of(chongqing)
    parts = [t.text for t in entry.toc if t.level == 1]  # ## headings
    subparts = [t.text for t in entry.toc if t.level == 2]  # ### headings
    assert parts == ["一、总体要求", "二、主要任务", "三、保障措施"]
    assert subparts == [
        "（一）健全知识产权与产业发展融合机制", "（二）健全知识产权资本化机制", "（三）健全知识产权服务机制",
        "（四）健全知识产权海外发展及对外合作机制", "（五）完善知识产权保护机制", "（六）健全知识产权管理机制",
        "（一）加强统筹协调", "（二）加强资金保障", "（三）加强宣传引导", "（四）加强监督评估",
    ]
    assert [t.level for t in entry.toc][:3] == [1, 1, 2]  # 二、 comes before its （一）
    assert entry.date is None
    assert entry.legal.doc_number == "渝府发〔2016〕25号"
    assert entry.legal.issuers == ("重庆市人民政府",)
    assert entry.legal.region == "重庆市" and entry.legal.level == "规范性文件"
    _, body = split_output(chongqing.output)
    assert "## 一、总体要求\n" in body and "### （一）健全知识产权与产业发展融合机制\n" in body


# --- the Wushan document ----------------------------------------------------------------------

def test_wushan_front_matter_and_signature(wushan: ImportResult) -> None:
    meta, body = split_output(wushan.output)
    assert meta["title"] == WUSHAN_TITLE
    assert meta["issuer"] == WUSHAN_ISSUER
    assert meta["date"] == "2022-02-07"  # plain YAML date, kept as text by the portal's loader
    assert "date: 2022-02-07\n" in wushan.output.read_text(encoding="utf-8")
    assert wushan.metadata["date"] == dt.date(2022, 2, 7)
    assert meta["addressees"] == "各成员单位，相关单位"
    assert meta["disclosure"] == "公开"  # the manifest's value; the text says 公开发布
    assert "doc_number" not in meta and "status" not in meta
    assert any("disclosure" in w and "公开发布" in w for w in wushan.warnings)
    for gone in ("巫山县知识产权保护联席会议办公室", "代章", "2022年2月7日", "此件公开发布", WUSHAN_TITLE):
        assert gone not in body
    assert body.lstrip().startswith("为贯彻落实《重庆市知识产权强市建设纲要》")


def test_wushan_headings_and_loader(wushan: ImportResult) -> None:
    entry = entry_of(wushan)
    assert [t.text for t in entry.toc if t.level == 1] == [
        "一、充分认识实施知识产权战略的重大意义", "二、指导思想和战略目标", "三、重点任务", "四、保障措施",
    ]
    assert [t.text for t in entry.toc if t.level == 2] == [
        "（一）提升知识产权创造能力", "（二）增强知识产权运用能力",
        "(三)加强知识产权执法保护", "(四)优化知识产权管理机制",  # ASCII brackets in the source: kept
    ]
    items = [t.text for t in entry.toc if t.level == 3]  # #### headings
    assert [int(t.split(".")[0]) for t in items] == WUSHAN_ITEMS
    assert items[0] == "1. 实施知识产权战略的重大意义" and items[-1] == "29. 加强监督检查"
    assert entry.date == dt.date(2022, 2, 7)
    assert entry.legal.issuers == (WUSHAN_ISSUER,) and entry.legal.region == "重庆市巫山县"
    assert entry.legal.doc_number is None
    _, body = split_output(wushan.output)
    assert "#### 1. 实施知识产权战略的重大意义\n\n在知识经济和经济全球化的国际大背景下" in body
    assert "\n1\\." not in body and "\n1." not in body  # the item became a heading, not a list


def test_wushan_source_defects_are_reported(wushan: ImportResult) -> None:
    _, body = split_output(wushan.output)
    # "(四)优化知识产权管理机制" is run on at the end of item 14 in the source: split off, reported.
    assert "各乡镇(街道))\n\n### (四)优化知识产权管理机制\n\n#### 17. " in body
    assert any("(四)优化知识产权管理机制" in w for w in wushan.warnings)
    assert any("17" in w and "14" in w for w in wushan.warnings)


@pytest.mark.parametrize("name", [CHONGQING, WUSHAN])
def test_no_text_is_lost(policies: Path, tmp_path: Path, name: str) -> None:
    result = do_import(policies / name, tmp_path / "content")
    meta, body = split_output(result.output)
    body_letters = letters(body)
    meta_letters = "|".join(letters(str(v)) for v in meta.values())
    cursor = 0
    source = (policies / name).read_text(encoding="utf-8")
    for line in filter(None, (raw.strip() for raw in source.splitlines())):
        wanted = letters(line)
        if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", wanted):  # the date moved to the front matter
            year, month, day = map(int, re.findall(r"\d+", wanted))
            assert meta["date"] == dt.date(year, month, day).isoformat()
            continue
        if wanted.startswith("此件"):  # disclosure note: the manifest's value won, the text's is reported
            assert any(wanted[2:] in w for w in result.warnings)
            continue
        if wanted in meta_letters:  # title, 文号, 主送, 落款 … moved to the front matter
            continue
        found = body_letters.find(wanted, cursor)
        assert found >= 0, f"text lost or out of order: {line[:40]}"
        cursor = found + len(wanted)  # body text keeps its order


# --- encodings and formats --------------------------------------------------------------------

def test_gb18030_copy_imports_identically(policies: Path, tmp_path: Path) -> None:
    received = tmp_path / "received"
    received.mkdir()
    shutil.copy(policies / "index.yaml", received / "index.yaml")
    text = (policies / CHONGQING).read_text(encoding="utf-8")
    (received / CHONGQING).write_bytes(text.encode("gb18030"))
    with pytest.raises(UnicodeDecodeError):
        (received / CHONGQING).read_text(encoding="utf-8")
    from_utf8 = do_import(policies / CHONGQING, tmp_path / "a")
    from_gb = do_import(received / CHONGQING, tmp_path / "b")
    assert from_gb.output.read_bytes() == from_utf8.output.read_bytes()
    assert from_gb.warnings == from_utf8.warnings


def test_utf8_bom_and_crlf_are_accepted(policies: Path, tmp_path: Path) -> None:
    received = tmp_path / "received"
    received.mkdir()
    text = (policies / CHONGQING).read_text(encoding="utf-8")
    (received / CHONGQING).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = do_import(received / CHONGQING, tmp_path / "content")
    assert result.metadata["title"] == "关于新形势下加快知识产权强市建设的实施意见"
    reference = do_import(policies / CHONGQING, tmp_path / "reference")
    assert split_output(result.output)[1] == split_output(reference.output)[1]


def test_docx_imports_like_the_text(policies: Path, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in (policies / WUSHAN).read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.add_table(rows=1, cols=2)
    received = tmp_path / "received"
    received.mkdir()
    document.save(str(received / "wushan-2022-ip-work.docx"))
    result = do_import(received / "wushan-2022-ip-work.docx", tmp_path / "content")
    reference = do_import(policies / WUSHAN, tmp_path / "reference")
    meta, body = split_output(result.output)
    assert body == split_output(reference.output)[1]
    assert meta["title"] == WUSHAN_TITLE and meta["issuer"] == WUSHAN_ISSUER and meta["date"] == "2022-02-07"
    assert meta["disclosure"] == "公开发布"  # no manifest beside it: the text's own value
    assert "level" not in meta and "region" not in meta  # not stated in the text: not guessed
    assert any("table" in w for w in result.warnings)
    assert entry_of(result).toc == entry_of(reference).toc


# --- failures write nothing -------------------------------------------------------------------

def test_undecodable_binary_fails_and_writes_nothing(tmp_path: Path) -> None:
    received = tmp_path / "scan.txt"
    received.write_bytes(bytes(range(256)) * 4)
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(ImportFailed, match="scan.txt") as failure:
        import_file(received, content)
    assert "UTF-8" in str(failure.value) and "GB18030" in str(failure.value)
    assert list(content.rglob("*")) == []


def test_binary_that_happens_to_decode_is_refused(tmp_path: Path) -> None:
    received = tmp_path / "blob.txt"
    received.write_bytes(b"\x00\x01\x02 PK\x03\x04 binary")
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(ImportFailed, match="blob.txt.*binary"):
        import_file(received, content)
    assert list(content.rglob("*")) == []


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", "\u3000\u3000\r\n \n\t".encode()])
def test_empty_file_fails(tmp_path: Path, data: bytes) -> None:
    received = tmp_path / "empty.txt"
    received.write_bytes(data)
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(ImportFailed, match="empty.txt.*empty"):
        import_file(received, content)
    assert list(content.rglob("*")) == []


def test_utf16_is_refused_clearly(tmp_path: Path) -> None:
    received = tmp_path / "utf16.txt"
    received.write_bytes("关于知识产权的通知\n正文。\n".encode("utf-16"))
    with pytest.raises(ImportFailed, match="UTF-16"):
        do_import(received, tmp_path / "content")


def test_broken_docx_fails(tmp_path: Path) -> None:
    received = tmp_path / "broken.docx"
    received.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFailed, match="broken.docx"):
        do_import(received, tmp_path / "content")
    assert not (tmp_path / "content" / "policies").exists()


def test_existing_output_is_kept_without_overwrite(policies: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    old = content / "policies" / "wushan-2022-ip-work.md"
    old.parent.mkdir(parents=True)
    old.write_text("---\ntitle: 旧版本\n---\n旧正文。\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="已经存在（要替换它，请加 --overwrite）") as failure:
        import_file(policies / WUSHAN, content)
    assert WUSHAN in str(failure.value)
    assert old.read_text(encoding="utf-8") == "---\ntitle: 旧版本\n---\n旧正文。\n"
    assert sorted(p.name for p in old.parent.iterdir()) == [old.name]  # no temporary file left behind
    result = import_file(policies / WUSHAN, content, overwrite=True)
    assert result.output == old and split_output(old)[0]["title"] == WUSHAN_TITLE
    assert sorted(p.name for p in old.parent.iterdir()) == [old.name]


def test_missing_file_and_bad_section_fail(policies: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(ImportFailed, match="nope.txt：找不到这个文件"):
        import_file(tmp_path / "nope.txt", content)
    with pytest.raises(ImportFailed, match="不能导入到 “news” 栏目"):
        import_file(policies / WUSHAN, content, section="news")
    with pytest.raises(ImportFailed, match="不是文件夹"):
        import_file(policies / WUSHAN, policies / WUSHAN)
    assert list(content.rglob("*")) == []


def test_missing_content_folder_is_created_but_removed_on_failure(policies: Path, tmp_path: Path) -> None:
    result = import_file(policies / WUSHAN, tmp_path / "new" / "content")
    assert result.output == tmp_path / "new" / "content" / "policies" / "wushan-2022-ip-work.md"
    received = write_received(tmp_path / "received", "x.txt", "标题\n正文。\n")
    (received.parent / "index.yaml").write_text("- file: x.txt\n  status: 有效\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="status"):
        import_file(received, tmp_path / "other" / "content")
    assert not (tmp_path / "other").exists()


# --- made-up documents: recognition rules ----------------------------------------------------

NOTICE = """\
　　重庆市某某局文件

　　渝某发[2023]7号

　　重庆市某某局关于印发
　　《专利工作办法》的通知

　　各区县（自治县）某某局：
　　现将《专利工作办法》印发给你们，请认真贯彻执行。
　　第一章　总则
　　第一条　为了促进专利工作，制定本办法。
　　第二条　本办法适用于本市。
　　1.按照要求，加强管理，推进工作，确保质量达到预期目标并持续改进。
　　（1）专利申请。申请人应当提交材料。
　　#标签 与 *星号* 以及 <b>尖括号</b> 都是原文。

　　　　　　　　　　　　重庆市某某局
　　　　　　　　　　　　重庆市某某委员会
　　　　　　　　　　　二〇二三年三月十五日
　　（此件主动公开）
　　抄送：市政府办公厅，市司法局。
"""


def write_received(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def test_made_up_notice_without_manifest(tmp_path: Path) -> None:
    received = write_received(tmp_path / "received", "notice-2023-7.txt", NOTICE)
    result = do_import(received, tmp_path / "content")
    meta, body = split_output(result.output)
    assert meta["title"] == "重庆市某某局关于印发《专利工作办法》的通知"
    assert meta["doc_number"] == "渝某发[2023]7号"  # kept as written
    assert meta["issuer"] == ["重庆市某某局", "重庆市某某委员会"]
    assert meta["date"] == "2023-03-15"
    assert meta["disclosure"] == "主动公开"
    assert meta["cc"] == "市政府办公厅，市司法局"
    assert meta["addressees"] == "各区县（自治县）某某局"
    assert set(meta) == {"title", "doc_number", "issuer", "date", "addressees", "cc", "disclosure", "source"}
    assert "## 第一章　总则" in body
    assert "\n第一条　为了促进专利工作，制定本办法。\n" in body
    assert "\n1\\.按照要求，加强管理" in body  # a long lead-in with commas stays a paragraph, defused
    assert "##### （1）专利申请\n\n申请人应当提交材料。" in body
    entry = entry_of(result)
    assert [a.label for a in entry.articles] == ["第一条", "第二条"]
    assert "1.按照要求" in entry.text and "#标签 与 *星号* 以及 <b>尖括号</b> 都是原文。" in entry.text
    assert "<b>" not in entry.html.replace("&lt;b&gt;", "")
    assert "重庆市某某局文件" not in body and "二〇二三年三月十五日" not in body and "抄送" not in body


def test_made_up_notice_gb18030_matches_utf8(tmp_path: Path) -> None:
    a = do_import(write_received(tmp_path / "u", "n.txt", NOTICE), tmp_path / "a")
    b = do_import(write_received(tmp_path / "g", "n.txt", NOTICE, "gb18030"), tmp_path / "b")
    assert a.output.read_bytes() == b.output.read_bytes()


def test_manifest_wins_and_disagreements_are_reported(tmp_path: Path) -> None:
    received = write_received(tmp_path / "received", "notice-2023-7.txt", NOTICE)
    (received.parent / "index.yaml").write_text(
        "- file: other.txt\n  title: 别的\n"
        "- file: notice-2023-7.txt\n  doc_number: 渝某发〔2023〕8号\n  level: 规范性文件\n  region: 重庆市\n"
        "  date: null\n  issuer: null\n  colour: blue\n",
        encoding="utf-8",
    )
    result = do_import(received, tmp_path / "content")
    meta, _ = split_output(result.output)
    assert meta["doc_number"] == "渝某发〔2023〕8号" and meta["level"] == "规范性文件" and meta["region"] == "重庆市"
    assert meta["date"] == "2023-03-15" and meta["issuer"] == ["重庆市某某局", "重庆市某某委员会"]  # null: text kept
    assert any("doc_number" in w and "7号" in w and "8号" in w for w in result.warnings)
    assert any("colour" in w for w in result.warnings)


def test_bad_manifest_value_fails_and_writes_nothing(tmp_path: Path) -> None:
    received = write_received(tmp_path / "received", "notice-2023-7.txt", NOTICE)
    (received.parent / "index.yaml").write_text("- file: notice-2023-7.txt\n  level: 通知\n", encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(ImportFailed, match="level"):
        import_file(received, content)
    assert list(content.rglob("*")) == []


def test_no_title_fails(tmp_path: Path) -> None:
    received = write_received(tmp_path / "received", "x.txt", "这是一段正文，没有标题。\n另一段正文。\n")
    with pytest.raises(ImportFailed, match="x.txt.*title"):
        do_import(received, tmp_path / "content")


def test_masthead_layout_and_full_width_markers(tmp_path: Path) -> None:
    text = (
        "重庆市人民政府文件\n渝府发（2016）25号\n关于某项工作的意见\n各单位：\n"
        "（一）加强统筹协调。深化与国家有关部门的合作。\n"
        "１．总体目标。到2025年完成。\n"
        "2、工作要求。按时完成。\n"
    )
    received = write_received(tmp_path / "received", "masthead.txt", text)
    result = do_import(received, tmp_path / "content")
    meta, body = split_output(result.output)
    assert meta["title"] == "关于某项工作的意见"
    assert meta["doc_number"] == "渝府发（2016）25号"
    assert meta["issuer"] == "重庆市人民政府"  # from the masthead 重庆市人民政府文件, as no signature names one
    assert "date" not in meta
    assert "### （一）加强统筹协调\n\n深化与国家有关部门的合作。" in body
    assert "#### １．总体目标\n\n到2025年完成。" in body  # full-width characters kept as written
    assert "#### 2、工作要求\n\n按时完成。" in body
    assert [w.values["flag"] for w in result.warnings] == ["--level", "--region", "--date"]


def test_import_names_unstated_fields_and_takes_them_as_options(policies: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from portal.cli import main

    content = tmp_path / "content"
    args = ["import", str(policies / WUSHAN), "--content", str(content)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    english = CliRunner(env={"PORTAL_STAFF_LANGUAGE": "en"}).invoke(main, args)
    assert english.exit_code == 1 and "already exists (use --overwrite to replace it)" in english.output
    assert "overwrite=True" not in english.output
    options = ["--overwrite", "--level", "规范性文件", "--region", "重庆市巫山县", "--issuer", "巫山县人民政府"]
    filled = CliRunner().invoke(main, args + options)
    assert filled.exit_code == 0, filled.output
    meta = split_output(content / "policies" / "wushan-2022-ip-work.md")[0]
    assert meta["level"] == "规范性文件" and meta["region"] == "重庆市巫山县"
    assert "--level" not in filled.output and "--region" not in filled.output
    bad = CliRunner().invoke(main, args + ["--overwrite", "--date", "2022-02-30"])
    assert bad.exit_code == 1 and "--date '2022-02-30' is not a date" in bad.output


def test_unstated_field_warning_in_both_languages(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from portal.cli import main

    received = tmp_path / "通知.txt"
    received.write_text("关于开展知识产权宣传周活动的通知\n\n各单位：\n\n请认真组织。\n", encoding="utf-8")
    args = ["import", str(received), "--content", str(tmp_path / "content"), "--overwrite"]
    zh = CliRunner().invoke(main, args)
    assert zh.exit_code == 0, zh.output
    assert "文中没有写明制定机关，网站将显示“未注明”；如果知道，导入时用 --issuer 填写" in zh.output
    en = CliRunner(env={"PORTAL_STAFF_LANGUAGE": "en"}).invoke(main, args)
    assert "does not state 地区, so the site shows it as not stated; if you know it, give it with --region" in en.output
