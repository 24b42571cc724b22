"""Reading content: every bad input is reported with file and line, nothing is published half-read."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.content import ContentError, load_catalog
from portal.content.loader import slugify
from portal.messages import translate

from .conftest import write


def problems_of(folder) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_catalog([folder])
    return [f"{p.path}:{p.line}: {translate(p.message, 'en')}" for p in info.value.problems]


def test_valid_folder_loads_every_section(content_dir):
    catalog = load_catalog([content_dir])
    assert {e.section for e in catalog.entries.values()} == {"news", "pages", "laws"}
    law = catalog.get("laws", "sample-law")
    assert [a.label for a in law.articles] == ["第一条", "第二条"]
    assert law.articles[1].text.endswith("本条第二款。")
    assert law.legal.status is None and law.legal.issuers == ()


def test_bad_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path, "news/bad.md", "---\ntitle: 好\ndate: [2020\n---\n正文\n")
    [message] = problems_of(tmp_path)
    assert message.startswith(f"{path}:3: invalid front matter")


def test_missing_title_is_an_error(tmp_path):
    path = write(tmp_path, "news/untitled.md", "---\ndate: 2024-01-01\n---\n正文\n")
    assert problems_of(tmp_path) == [f"{path}:1: required key 'title' is missing: add a line title: …"]


def test_date_that_is_not_a_date_points_at_its_line(tmp_path):
    path = write(tmp_path, "news/d.md", "---\ntitle: 标题\nsummary: 摘要\ndate: 2024-02-30\n---\n正文\n")
    [message] = problems_of(tmp_path)
    assert message.startswith(f"{path}:4: 'date': '2024-02-30' is not a date")


def test_unknown_section_is_an_error(tmp_path):
    path = write(tmp_path, "blog/post.md", "---\ntitle: 标题\n---\n正文\n")
    [message] = problems_of(tmp_path)
    assert message.startswith(f"{path}:1: unknown section 'blog'")


def test_unknown_key_is_flagged_on_its_line(tmp_path):
    path = write(tmp_path, "news/typo.md", "---\ntitle: 标题\ndtae: 2024-01-01\n---\n正文\n")
    [message] = problems_of(tmp_path)
    assert message.startswith(f"{path}:3: unknown key 'dtae'")


def test_duplicate_slug_is_an_error(tmp_path):
    write(tmp_path, "news/a.md", "---\ntitle: 甲\nslug: same\n---\n正文\n")
    second = write(tmp_path, "news/b.md", "---\ntitle: 乙\nslug: same\n---\n正文\n")
    [message] = problems_of(tmp_path)
    assert message.startswith(f"{second}:3: duplicate slug 'same'")


def test_missing_front_matter_and_bad_encoding(tmp_path):
    write(tmp_path, "news/plain.md", "只有正文\n")
    (tmp_path / "news" / "gbk.md").write_bytes("---\ntitle: 标题\n---\n正文\n".encode("gb18030"))
    messages = problems_of(tmp_path)
    assert any("plain.md:1: front matter missing" in m for m in messages)
    assert any("gbk.md:1: not UTF-8" in m for m in messages)


def test_every_problem_is_reported_at_once(tmp_path):
    write(tmp_path, "news/one.md", "---\ndate: 2024-01-01\n---\n")
    write(tmp_path, "news/two.md", "---\ntitle: x\nlevel: 法律\n---\n")
    write(tmp_path, "laws/three.md", "---\ntitle: x\nlevel: 宪章\n---\n")
    assert len(problems_of(tmp_path)) == 3


def test_missing_folder_is_reported(tmp_path):
    assert problems_of(tmp_path / "nowhere") == [
        f"{tmp_path / 'nowhere'}:0: content folder not found: check content_dirs in instance/portal.toml"
    ]


def test_slugs_are_readable_and_url_safe():
    assert slugify("专利法(2020-10-17)") == "专利法-2020-10-17"
    assert slugify("解释（三）") == "解释-三"
    assert slugify("Hello World") == "hello-world"


def test_scheduled_and_draft_entries_are_hidden(tmp_path):
    write(tmp_path, "news/draft.md", "---\ntitle: 草稿\ndraft: true\n---\n正文\n")
    write(tmp_path, "news/later.md", "---\ntitle: 以后\npublish_at: 2030-01-01 09:00\n---\n正文\n")
    write(tmp_path, "news/now.md", "---\ntitle: 现在\ndate: 2024-01-01\n---\n正文\n")
    catalog = load_catalog([tmp_path])
    moment = dt.datetime(2026, 1, 1)
    assert [e.title for e in catalog.section("news", moment)] == ["现在"]
    assert len(catalog.section("news", moment, show_drafts=True)) == 3
    assert [e.title for e in catalog.section("news", dt.datetime(2030, 1, 2))] == ["现在", "以后"]


def test_english_translation_is_attached(tmp_path):
    write(tmp_path, "pages/about.md", "---\ntitle: 关于\n---\n中文\n")
    write(tmp_path, "pages/about.en.md", "---\ntitle: About\n---\nEnglish text\n")
    entry = load_catalog([tmp_path]).get("pages", "about")
    assert entry.title_for("en") == "About" and "English text" in entry.translation.html


# --- the real corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_catalog(request):
    corpus = request.getfixturevalue("corpus_dir")
    return load_catalog([corpus])


def test_corpus_publishes_54_distinct_laws(corpus_catalog):
    laws = [e for e in corpus_catalog.entries.values() if e.section == "laws"]
    assert len(laws) == 54
    [warning] = corpus_catalog.warnings
    assert "same document as" in translate(warning.message, "en") and "（三）" in str(warning.path)


def test_duplicate_copy_keeps_the_one_with_a_version_date(corpus_catalog):
    kept = [e for e in corpus_catalog.entries.values() if "刑事案件" in e.title and e.title.endswith("（三）")]
    assert len(kept) == 1
    assert kept[0].legal.version_date == dt.date(2020, 9, 12)
    assert len(corpus_catalog.also_from[kept[0].key]) == 1


def test_versions_are_grouped_newest_first(corpus_catalog):
    rules = corpus_catalog.get("laws", "专利法实施细则-2010-01-09")
    versions = corpus_catalog.versions[rules.key]
    assert [v.slug for v in versions] == ["专利法实施细则-2023-12-11", "专利法实施细则-2010-01-09"]
    assert not corpus_catalog.is_newest_version(rules)
    court = corpus_catalog.get("laws", "最高人民法院关于知识产权法庭若干问题的规定-2018-12-28")
    assert corpus_catalog.versions[court.key][0].legal.version_date == dt.date(2023, 10, 21)


def test_criminal_interpretations_form_a_series(corpus_catalog):
    first = next(e for e in corpus_catalog.entries.values() if e.title.endswith("刑事案件具体应用法律若干问题的解释"))
    series = corpus_catalog.series[first.key]
    assert [s.title[-3:] for s in series] == ["的解释", "（二）", "（三）"]


def test_unknown_facts_stay_unknown(corpus_catalog):
    for entry in corpus_catalog.entries.values():
        assert entry.legal.status is None, entry.path
        assert entry.legal.issuers == (), entry.path
    patent = corpus_catalog.get("laws", "专利法-2020-10-17")
    assert patent.legal.level == "法律" and len(patent.articles) == 82
    assert patent.toc[0].text == "第一章 总则" and patent.toc[0].anchor == "chapter-1"


def test_fast_and_exact_yaml_loaders_agree(corpus_dir):
    from portal.content import frontmatter

    for path in sorted(corpus_dir.rglob("*.md"))[:60]:
        lines = path.read_text(encoding="utf-8").lstrip("\ufeff").split("\n")
        if lines[0].strip() != "---":
            continue  # the corpus README
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        text = "\n".join(lines[1:end])
        fast = frontmatter._parse_with(text, frontmatter._Loader)
        exact = frontmatter._parse_with(text, frontmatter._PyLoader)
        assert fast[1] == exact[1], path
        assert [k.start_mark.line for k, _ in fast[0].value] == [k.start_mark.line for k, _ in exact[0].value], path
