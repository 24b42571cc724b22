"""The citation links kept between runs: the index from the store is the one computed from scratch."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from portal.citations import store
from portal.citations.link import CitationIndex, build_index, citation_index
from portal.cli import main
from portal.content.loader import load_catalog

from .conftest import write

LAW = """
    ---
    title: {title}
    version_date: {date}
    ---
    第一条 {text}第一条。

    第二条 {text}第二条，依照本法第一条。
    """


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """Two versions of a law, rules citing it, a law cited once, and news items citing them."""
    root = tmp_path / "content"
    write(root, "laws/old.md", LAW.format(title="中华人民共和国示例法", date="2008-12-27", text="旧法"))
    write(root, "laws/new.md", LAW.format(title="中华人民共和国示例法", date="2020-10-17", text="新法"))
    write(root, "laws/only.md", LAW.format(title="中华人民共和国专用法", date="2015-01-01", text="专用"))
    write(root, "laws/rules.md", """
        ---
        title: 示例法实施细则
        version_date: 2023-12-11
        ---
        第一条 根据示例法第二条和《中华人民共和国民法典》第一百条，制定本细则。

        第二条 依照本细则第九条的规定。
        """)
    write(root, "news/a.md", """
        ---
        title: 新闻一
        date: 2024-01-01
        ---
        见《中华人民共和国示例法》第二条、示例法第九条和[第一条](/zh/library/only/#art-1)。

        又见《中华人民共和国专用法》第二条。
        """)
    write(root, "news/b.md", """
        ---
        title: 新闻二
        date: 2009-05-01
        ---
        依照示例法第二条和示例法实施细则第二条。
        """)
    return root


@pytest.fixture
def relinked(monkeypatch) -> list[tuple[str, str]]:
    """The keys of the entries linked afresh (not taken from the store)."""
    keys: list[tuple[str, str]] = []
    real = store.link_parts

    def counting(catalog, entry, *args):
        keys.append(entry.key)
        return real(catalog, entry, *args)

    monkeypatch.setattr(store, "link_parts", counting)
    return keys


def _stored(root: Path, path: Path) -> CitationIndex:
    catalog = load_catalog([root])
    catalog.citation_store = path
    return citation_index(catalog)


def _rows(index: CitationIndex) -> dict:
    """Everything of an index, in order, messages with their catalogue id and values."""
    problems = [(p.path, p.line, p.severity, p.message, p.message.msgid, _values(p.message)) for p in index.problems]
    return {
        "html": list(index.html.items()),
        "cited_by": [(k, list(v.items())) for k, v in index.cited_by.items()],
        "cites": [(k, list(v.items())) for k, v in index.cites.items()],
        "links": list(index.links.items()),
        "problems": problems,
    }


def _values(message) -> dict:
    return {k: (v, getattr(v, "msgid", None)) for k, v in message.values.items()}


def _same_as_fresh(root: Path, path: Path) -> CitationIndex:
    index = _stored(root, path)
    assert _rows(index) == _rows(build_index(load_catalog([root])))
    return index


def test_a_warm_store_relinks_nothing_and_gives_the_same_index(library, tmp_path, relinked):
    path = tmp_path / "generated" / store.STORE_NAME
    cold = _same_as_fresh(library, path)
    assert path.is_file() and len(relinked) == len(cold.html) == 6
    relinked.clear()
    warm = _same_as_fresh(library, path)
    assert relinked == [] and warm.problems and warm.cited_by[("laws", "only")]


def test_adding_editing_and_deleting_news_relinks_only_that_item(library, tmp_path, relinked):
    path = tmp_path / store.STORE_NAME
    _stored(library, path)
    news = write(library, "news/c.md", "---\ntitle: 新闻三\ndate: 2024-02-01\n---\n依照示例法第一条。\n")
    relinked.clear()
    assert 'href="/zh/library/new/#art-1"' in _same_as_fresh(library, path).html[("news", "c")]
    assert relinked == [("news", "c")]
    news.write_text(news.read_text(encoding="utf-8").replace("第一条", "第二条"), encoding="utf-8")
    relinked.clear()
    assert 'href="/zh/library/new/#art-2"' in _same_as_fresh(library, path).html[("news", "c")]
    assert relinked == [("news", "c")]
    (library / "news" / "b.md").unlink()
    relinked.clear()
    _same_as_fresh(library, path)
    assert relinked == []
    saved = pickle.loads(path.read_bytes())[2]
    assert ("news", "b") not in saved and ("news", "c") in saved


def test_a_changed_law_title_relinks_every_entry(library, tmp_path, relinked):
    path = tmp_path / store.STORE_NAME
    _stored(library, path)
    law = library / "laws" / "only.md"
    law.write_text(law.read_text(encoding="utf-8").replace("专用法", "改名法"), encoding="utf-8")
    relinked.clear()
    index = _same_as_fresh(library, path)
    assert len(relinked) == 6 and "《中华人民共和国专用法》第二条</a>" not in index.html[("news", "a")]


def test_deleting_a_cited_law_turns_its_links_into_problems(library, tmp_path):
    path = tmp_path / store.STORE_NAME
    before = _stored(library, path)
    assert "《中华人民共和国专用法》第二条</a>" in before.html[("news", "a")]
    (library / "laws" / "only.md").unlink()
    after = _same_as_fresh(library, path)
    assert "《中华人民共和国专用法》第二条</a>" not in after.html[("news", "a")]
    texts = {p.message.values["text"] for p in after.problems} - {p.message.values["text"] for p in before.problems}
    assert texts == {"《中华人民共和国专用法》第二条"}
    assert ("laws", "only") not in after.cites.get(("news", "a"), {})


def test_a_changed_version_date_relinks_the_citing_news(library, tmp_path):
    """Only the version date moves (the entry's own date stays): another version is in force for news b."""
    path = tmp_path / store.STORE_NAME
    law = library / "laws" / "new.md"
    text = law.read_text(encoding="utf-8").replace("version_date:", "date: 2020-10-17\nversion_date:")
    law.write_text(text, encoding="utf-8")
    _stored(library, path)
    law.write_text(text.replace("version_date: 2020-10-17", "version_date: 2009-01-01"), encoding="utf-8")
    index = _same_as_fresh(library, path)
    assert 'href="/zh/library/new/#art-2"' in index.html[("news", "b")]


def test_a_new_article_of_a_law_links_the_citations_of_it(library, tmp_path):
    path = tmp_path / store.STORE_NAME
    assert 'href="/zh/library/new/#art-9"' not in _stored(library, path).html[("news", "a")]
    law = LAW.format(title="中华人民共和国示例法", date="2020-10-17", text="新法")
    write(library, "laws/new.md", law + "\n第九条 新增。\n")
    assert 'href="/zh/library/new/#art-9"' in _same_as_fresh(library, path).html[("news", "a")]


def test_problem_lines_follow_the_file_when_only_its_front_matter_moved(library, tmp_path):
    path = tmp_path / store.STORE_NAME
    before = _stored(library, path)
    news = library / "news" / "a.md"
    news.write_text(news.read_text(encoding="utf-8").replace("date:", "summary: 摘要\n\ndate:"), encoding="utf-8")
    after = _same_as_fresh(library, path)
    lines = [p.line for p in before.problems if p.path == news]
    assert lines and [p.line for p in after.problems if p.path == news] == [n + 2 for n in lines]


def test_another_version_of_the_code_ignores_the_store(library, tmp_path, relinked, monkeypatch):
    path = tmp_path / store.STORE_NAME
    _stored(library, path)
    monkeypatch.setattr(store, "code_fingerprint", lambda: b"another version")
    relinked.clear()
    _same_as_fresh(library, path)
    assert len(relinked) == 6


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(("old", "format")), pickle.dumps([1, 2, 3])])
def test_a_corrupt_store_is_ignored_and_replaced(library, tmp_path, relinked, content):
    path = tmp_path / store.STORE_NAME
    path.write_bytes(content)
    _same_as_fresh(library, path)
    assert len(relinked) == 6
    relinked.clear()
    _same_as_fresh(library, path)
    assert relinked == []


def test_portal_check_prints_the_same_with_a_warm_store(library, tmp_path, relinked):
    runner = CliRunner(env={"PORTAL_STAFF_LANGUAGE": "en", "PORTAL_GENERATED_CACHE_DIR": str(tmp_path / "gen")})
    command = ["check", "--content", str(library)]
    cold = runner.invoke(main, command)
    assert (tmp_path / "gen" / store.STORE_NAME).is_file() and len(relinked) == 6
    relinked.clear()
    warm = runner.invoke(main, command)
    assert relinked == []
    # in English, so a message within a message must come back from the store as a message
    assert "citation '示例法第九条': linked to the document, not the article: has no article art-9" in warm.output
    assert (warm.exit_code, warm.output) == (cold.exit_code, cold.output)
