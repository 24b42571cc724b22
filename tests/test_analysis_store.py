"""The stored analysis: a warm store gives exactly what analysing from scratch gives, and is never stale."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from portal import create_app
from portal.cli import main
from portal.search import analysis_store, shared
from portal.search.static_index import write_static_index

from .conftest import write


def _many(content_dir: Path, count: int) -> None:
    for number in range(count):
        body = "知识产权保护。" * (number % 5 + 1) + f"第{number}号 patent{number % 3} 商标{'注册' * (number % 3)}"
        write(content_dir, f"news/n{number:02}.md", f"---\ntitle: 消息{number} 专利申请\n---\n{body}\n")


@pytest.fixture
def content(content_dir: Path) -> Path:
    _many(content_dir, 12)
    return content_dir


@pytest.fixture(autouse=True)
def _nothing_kept():
    shared._KEPT.clear()
    yield
    shared._KEPT.clear()


@pytest.fixture
def analysed_docs(monkeypatch) -> list[int]:
    """How many documents each analysis really analysed (not read from the store)."""
    calls: list[int] = []
    real = shared._analyse_all
    monkeypatch.setattr(shared, "_analyse_all", lambda docs, progress: calls.append(len(docs)) or real(docs, progress))
    return calls


def _app(content: Path, tmp_path: Path, store: bool = True):
    return create_app({"TESTING": True, "CONTENT_DIRS": [str(content)], "INDEX_DIR": str(tmp_path / "index"),
                       "GENERATED_CACHE_DIR": str(tmp_path / "generated"), "STORE_ANALYSIS": store})


def _store_path(tmp_path: Path) -> Path:
    return tmp_path / "generated" / analysis_store.STORE_NAME


def _state(analysis: shared.Analysis) -> tuple:
    """Everything the index writers read of an analysis, term order included."""
    tables = [[(term, list(ids), list(tfs)) for term, (ids, tfs) in getattr(analysis.postings, name).items()]
              for name in ("body", "heading")]
    vocabulary = analysis.vocabulary
    return ([doc.key for doc in analysis.docs], analysis.rows, analysis.lengths, analysis.digests, tables,
            vocabulary.words, vocabulary.chars, vocabulary.raw, list(vocabulary.title_words.items()),
            analysis.lexicon, analysis.fingerprint)


def _cold(content: Path, tmp_path: Path) -> tuple:
    return _state(shared.analysed(_app(content, tmp_path / "cold", store=False), "live"))


def _warm(content: Path, tmp_path: Path) -> tuple:
    return _state(shared.analysed(_app(content, tmp_path), "live"))


@pytest.mark.parametrize("forked", [False, True])
def test_a_warm_store_analyses_as_from_scratch(content, tmp_path, monkeypatch, analysed_docs, forked):
    if forked:  # what the forked process analysed is stored too
        monkeypatch.setattr(shared, "PARALLEL_MIN_DOCS", 2)
        monkeypatch.setattr(shared, "spare_core", lambda: True)
    first = _warm(content, tmp_path)
    assert analysed_docs == [15] and first == _cold(content, tmp_path)  # the store filled, then cold
    assert _warm(content, tmp_path) == first
    assert analysed_docs == [15, 15]  # the warm run read everything from the store
    write(content, "news/n03.md", "---\ntitle: 消息3 专利申请\n---\n改过的消息：商标注册。\n")
    write(content, "news/zz-added.md", "---\ntitle: 新增的消息\n---\n新增的巫山县知识产权消息。\n")
    (content / "news" / "n07.md").unlink()
    edited = _warm(content, tmp_path)
    assert analysed_docs[2:] == [2]  # the edited and the added one
    assert edited == _cold(content, tmp_path) and edited != first
    stored = pickle.loads(_store_path(tmp_path).read_bytes())[2]
    assert "news/n07" not in stored and "news/zz-added" in stored and len(stored) == 15


def test_an_edited_document_is_analysed_again(content, tmp_path, analysed_docs):
    _warm(content, tmp_path)
    write(content, "news/n05.md", "---\ntitle: 消息5 专利申请\n---\n巫山脆李开花了。\n")
    found = shared.analysed(_app(content, tmp_path), "live")
    doc_id = [doc.key for doc in found.docs].index("news/n05")
    assert analysed_docs[1:] == [1]
    assert list(found.postings.body["脆李"][0]) == [doc_id]
    assert doc_id not in found.postings.body["保护"][0]  # the old text is gone
    assert "开花" in found.vocabulary.words


def test_an_edited_summary_of_the_english_version_is_analysed_again(content, tmp_path, analysed_docs):
    english = "---\ntitle: News 1\nsummary: {}\n---\nThe English text.\n"
    write(content, "news/n01.en.md", english.format("Plum blossoms in Wushan."))
    _warm(content, tmp_path)
    write(content, "news/n01.en.md", english.format("Cherry harvest in Wushan."))
    assert _warm(content, tmp_path) == _cold(content, tmp_path)
    assert analysed_docs == [15, 1, 15]


def _rewrite(path: Path, change) -> None:
    form, code, records = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps(change(form, code, records)))


def test_a_store_of_other_analysis_code_is_ignored(content, tmp_path, analysed_docs):
    expected = _warm(content, tmp_path)
    path = _store_path(tmp_path)
    other = pickle.loads(path.read_bytes())[2]["news/n00"][1:]  # each record given the terms of news/n00
    _rewrite(path, lambda form, code, records: (form, code, {k: (v[0], *other) for k, v in records.items()}))
    assert _warm(content, tmp_path) != expected  # the same code reads the (here: wrong) records
    _rewrite(path, lambda form, code, records: (form, "other analysis code", records))
    assert _warm(content, tmp_path) == expected
    assert analysed_docs == [15, 15]  # the foreign store was not read, and was written again
    assert pickle.loads(path.read_bytes())[1] == analysis_store.analysis_fingerprint()
    assert _warm(content, tmp_path) == expected and analysed_docs == [15, 15]


def test_the_fingerprint_follows_the_dictionary(tmp_path, monkeypatch):
    before = analysis_store.analysis_fingerprint()
    userdict = tmp_path / "userdict.txt"
    userdict.write_text(analysis_store.USERDICT.read_text(encoding="utf-8") + "巫山脆李 3000\n", encoding="utf-8")
    monkeypatch.setattr(analysis_store, "USERDICT", userdict)
    assert analysis_store.analysis_fingerprint() != before


@pytest.mark.parametrize("damage", ["garbage", "truncated", "record"])
def test_a_corrupt_store_is_ignored_by_the_command(content, tmp_path, monkeypatch, damage):
    monkeypatch.setenv("PORTAL_GENERATED_CACHE_DIR", str(tmp_path / "generated"))
    monkeypatch.setenv("PORTAL_INDEX_DIR", str(tmp_path / "index"))
    expected = _cold(content, tmp_path)
    run = CliRunner().invoke(main, ["index", "--content", str(content)])
    path = _store_path(tmp_path)
    assert run.exit_code == 0 and len(pickle.loads(path.read_bytes())[2]) == 15
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x80\x05not a pickle at all")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:  # one record's numbers no longer match its terms
        _rewrite(path, lambda form, code, records: (form, code, {
            **records, "news/n02": (*records["news/n02"][:2], records["news/n02"][2][:-4], records["news/n02"][3])}))
    run = CliRunner().invoke(main, ["index", "--content", str(content)])
    assert run.exit_code == 0, run.output
    assert len(pickle.loads(path.read_bytes())[2]) == 15
    assert _warm(content, tmp_path) == expected


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_static_index_from_a_warm_store_is_the_cold_one(content, tmp_path, analysed_docs):
    for edit in (False, True):
        if edit:
            write(content, "news/n04.md", "---\ntitle: 消息4 商标\n---\n改过的消息：地理标志。\n")
        write_static_index(_app(content, tmp_path), tmp_path / "first")  # fills the store
        shared._KEPT.clear()
        warm = write_static_index(_app(content, tmp_path), tmp_path / "warm")
        shared._KEPT.clear()
        cold = write_static_index(_app(content, tmp_path / "cold", store=False), tmp_path / "cold-site")
        shared._KEPT.clear()
        assert _tree(warm.folder) == _tree(cold.folder) and len(_tree(cold.folder)) > 10
    assert analysed_docs == [15, 15, 1, 15]  # cold, cold, edited, cold


def test_a_damaged_record_counted_in_the_forked_process_is_repaired(content, tmp_path, monkeypatch, analysed_docs):
    monkeypatch.setattr(shared, "PARALLEL_MIN_DOCS", 2)
    monkeypatch.setattr(shared, "spare_core", lambda: True)
    expected = _warm(content, tmp_path)
    path = _store_path(tmp_path)
    last = sorted(pickle.loads(path.read_bytes())[2])[-1]  # counted in the second half
    _rewrite(path, lambda form, code, records: (form, code, {
        **records, last: (*records[last][:2], records[last][2][:-4], records[last][3])}))
    assert _warm(content, tmp_path) == expected and analysed_docs == [15]
    repaired = pickle.loads(path.read_bytes())[2][last]  # the parent stored what the child analysed again
    assert analysis_store.decode(*repaired[1:]).heading.keys()
    assert _warm(content, tmp_path) == expected
