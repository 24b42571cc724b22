"""One analysis per build: the ready-made postings give the index Whoosh's own writer gives, in one or two processes."""

from __future__ import annotations

import pickle
import re
from collections import Counter
from pathlib import Path

import pytest
from whoosh import index

from portal import create_app
from portal.search import segment, shared
from portal.search.live import build_index, load_generation
from portal.search.postings import Postings
from portal.search.segment import PostingsSegmentWriter
from portal.search.static_index import write_static_index
from portal.search.whoosh_fields import FieldLength, schema

from .conftest import write


def _many(content_dir: Path, count: int) -> None:
    for number in range(count):
        body = "知识产权保护。" * (number % 7 + 1) + f"第{number}号 patent{number % 5} 商标{'注册' * (number % 3)}"
        write(content_dir, f"news/n{number:03}.md", f"---\ntitle: 消息{number} 专利\n---\n{body}\n")


def _counts(number: int) -> tuple[Counter, Counter]:
    body = Counter({"权": number % 4 + 1, "知识": 1, f"t{number % 9}": number % 3 + 1, "专利": 2})
    return Counter({"消息": 1, f"h{number % 2}": 1}), body


def _segment_files(folder: Path) -> dict[str, bytes]:
    """Each segment file by its name without the (random) segment id."""
    return {re.sub(r"_[a-z0-9]{16}", "", p.name): p.read_bytes() for p in folder.iterdir()
            if p.suffix in (".trm", ".pst", ".col")}


@pytest.mark.parametrize("forked", [False, True])
def test_ready_postings_write_the_files_whoosh_writes(tmp_path, monkeypatch, forked):
    if forked:  # the second half of the terms written by a forked process
        monkeypatch.setattr(segment, "PARALLEL_MIN_POSTINGS", 1)
        monkeypatch.setattr(segment, "spare_core", lambda: True)
    started: list[int] = []
    real = segment._start
    monkeypatch.setattr(segment, "_start", lambda *args: started.append(1) or real(*args))
    docs = [_counts(n) for n in range(300)]  # "权" spans three blocks of 128 postings
    plain, fast = tmp_path / "plain", tmp_path / "fast"
    for folder in (plain, fast):
        folder.mkdir()
    ix = index.create_in(str(plain), schema())
    writer = ix.writer(compound=False)
    for number, (heading, body) in enumerate(docs):
        writer.add_document(key=f"news/{number}", heading=heading, body=body)
    writer.commit()
    postings = Postings()
    for number, (heading, body) in enumerate(docs):
        postings.add(number, heading, body)
    postings.finish()
    ix = index.create_in(str(fast), schema())
    writer = PostingsSegmentWriter(ix, postings, compound=False)
    for number, (heading, body) in enumerate(docs):
        writer.add_document(key=f"news/{number}", heading=FieldLength(sum(heading.values())),
                            body=FieldLength(sum(body.values())))
    writer.commit()
    files = _segment_files(plain)
    assert _segment_files(fast) == files and len(files) == 5 and b"" not in files.values()
    assert len(started) == (2 if forked else 0)  # body and heading
    with index.open_dir(str(fast), readonly=True).searcher() as searcher:
        assert searcher.document(key="news/7") == {"key": "news/7"}
        assert searcher.reader().doc_frequency("body", "权") == 300


def test_postings_survive_pickling_and_extend_in_order():
    first, second = Postings(), Postings()
    first.add(0, Counter({"题": 1}), Counter({"权": 2, "利": 1}))
    second.add(1, Counter(), Counter({"权": 1, "新": 3}))
    second = pickle.loads(pickle.dumps(second))
    first.extend(second)
    first.finish()
    assert {t: (list(i), list(f)) for t, (i, f) in first.body.items()} == {
        "权": ([0, 1], [2, 1]), "利": ([0], [1]), "新": ([1], [3])}
    assert list(first.heading["题"][0]) == [0] and first.body_count() == 4 and first.heading_count() == 1
    assert not pickle.loads(pickle.dumps(Postings())).finish().body


def _state(analysis: shared.Analysis) -> tuple:
    table = {f: {t: (list(i), list(c)) for t, (i, c) in getattr(analysis.postings, f).items()}
             for f in ("body", "heading")}
    vocabulary = analysis.vocabulary
    return (analysis.rows, analysis.lengths, table, vocabulary.words, vocabulary.chars, vocabulary.raw,
            list(vocabulary.title_words.items()), analysis.lexicon)


def test_two_processes_analyse_as_one(content_dir, tmp_path, monkeypatch):
    _many(content_dir, 40)
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "ix")})
    monkeypatch.setattr(shared, "spare_core", lambda: False)
    alone = shared.analysed(app, "live")
    forked: list[int] = []
    real = shared._analyse_forked
    monkeypatch.setattr(shared, "_analyse_forked", lambda docs, progress: forked.append(1) or real(docs, progress))
    monkeypatch.setattr(shared, "PARALLEL_MIN_DOCS", 2)
    monkeypatch.setattr(shared, "spare_core", lambda: True)
    together = shared.analysed(app, "live")
    assert forked == [1] and together is not alone and len(together.rows) == 43
    assert _state(together) == _state(alone)


def test_a_build_analyses_once_and_both_indexes_agree(content_dir, tmp_path, monkeypatch):
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(content_dir)], "INDEX_DIR": str(tmp_path / "ix")})
    calls: list[int] = []
    real = shared._analyse_all
    monkeypatch.setattr(shared, "_analyse_all", lambda docs, progress: calls.append(len(docs)) or real(docs, progress))
    static = write_static_index(app, tmp_path / "site")
    live = build_index(app)
    assert calls == [3] and static.documents == live.documents == 3
    assert not shared._KEPT  # both indexes read it: not held any longer
    build_index(app)
    assert calls == [3, 3]  # the live index alone does not keep it
    assert load_generation(live.path).fingerprint == shared.analysed(app, "static").fingerprint
    shared._KEPT.clear()
    with shared.sharing():
        build_index(app)
        write_static_index(app, tmp_path / "again")
    assert len(calls) == 4 and not shared._KEPT
