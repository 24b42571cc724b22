"""The shared analysis: folding, tokens, query pieces, segmentation, matching and snippets."""

from __future__ import annotations

import pytest

from portal.search.analysis import Lexicon, document_terms, fold, parse_query, runs, segment
from portal.search.lexicon import build_lexicon, dictionary, segmenter
from portal.search.patterns import compile_query, snippet, spans
from portal.search.static_index import shard_of
from portal.search.tables import fold_table, variants

LEXICON = Lexicon({"知识产权": -8000, "知识": -9000, "产权": -9500, "专利": -8500, "侵权": -9200, "赔偿": -9300,
                   "国家知识产权局": -12000, "进校园": -15000, "校园": -10000},
                  {"的": -4000, "权": -9000}, -17000, 7)


@pytest.mark.parametrize(("raw", "folded"), [
    ("ＷＩＰＯ２０１６", "wipo2016"), ("WiPo", "wipo"), ("專利法", "专利法"), ("知識產權", "知识产权"),
    ("a\u3000b", "a b"), ("知\u200b识\ufeff产\u200d权", "知识产权"), ("渝府发〔2016〕25号", "渝府发(2016)25号"),
    ("渝府发[2016]25号", "渝府发(2016)25号"), ("渝府发（2016）25号", "渝府发(2016)25号"),
    ("“引号”「框」", '"引号""框"'),
    ("Ⅻ", "xii"), ("a\x00b", "a b"), ("著作权", "著作权"),
])
def test_folding(raw, folded):
    assert fold(raw) == folded


def test_runs_join_chinese_across_spaces_but_not_letters():
    expected = [("c", "知识产权"), ("a", "it"), ("a", "us"), ("a", "2016"), ("c", "年")]
    assert runs(fold("知　识 产权 IT US 2016年")) == expected


def test_document_terms_are_characters_bigrams_words_and_tokens():
    counts, words = document_terms("国家知识产权局进校园；IT企业", segmenter())
    for term in ("国", "权", "知识", "识产", "权局", "知识产权", "国家知识产权局", "进校园", "it", "企业"):
        assert counts[term] >= 1, term
    assert "知识产权" in words and "校园" in words
    assert counts["it"] == 1 and "the" not in counts


def test_user_dictionary_is_loaded():
    assert "巫山脆李" in dictionary()
    assert "巫山脆李" in document_terms("巫山脆李上市", segmenter())[0]


def test_segmentation_follows_word_weights():
    assert segment("专利侵权赔偿", LEXICON) == ["专利", "侵权", "赔偿"]
    assert segment("国家知识产权局", LEXICON) == ["国家知识产权局"]
    assert segment("未知字", LEXICON) == ["未", "知", "字"]


def test_query_pieces_and_required_flags():
    query = parse_query("专利的侵权 IP保护", LEXICON)
    assert [(p.text, p.kind, p.required) for p in query.pieces] == [
        ("专利", "B", True), ("的", "U", False), ("侵权", "B", True), ("ip", "L", True), ("保护", "B", True)]
    assert query.required_keys == ["专利", "侵权", "ip", "保护"]
    assert parse_query("的", LEXICON).pieces[0].required
    assert parse_query("未知字符", LEXICON).pieces[0].keys == ("未知", "知字", "字符")


@pytest.mark.parametrize(("raw", "error"), [("", "empty"), ("\u3000 \t", "empty"), ("，。！", "no_terms"),
                                            ("x" * 201, "too_long"), ("\u200b", "empty")])
def test_unsearchable_queries(raw, error):
    assert parse_query(raw, LEXICON).error == error


def test_quotes_make_a_phrase():
    query = parse_query('"专利 侵权" 赔偿', LEXICON)
    assert [(t.text, t.quoted) for t in query.terms] == [("专利 侵权", True), ("赔偿", False)]
    assert query.terms[0].runs == (("c", "专利侵权"),)


def test_lexicon_weights_are_integers_from_jieba_frequencies():
    lexicon = build_lexicon({"知识产权", "巫山脆李"}, {"权"})
    assert set(lexicon.words) == {"知识产权", "巫山脆李"} and all(isinstance(v, int) for v in lexicon.words.values())
    assert lexicon.words["知识产权"] > lexicon.default and lexicon.max_len == 4


def test_highlight_marks_only_whole_matches():
    table = fold_table(set("马克思著作"))
    text = "马克思的著作，马克·吐温，马克笔。"
    query = parse_query("马克思", Lexicon({"马克思": -9000}, {}, -17000, 3))
    found = spans(text, compile_query(query, variants(table)).highlight)
    assert [text[s:e] for s, e in found] == ["马克思"]


def test_matching_raw_text_uses_the_fold_variants():
    text = "世界知识产权组织（ＷＩＰＯ）與WIPO，不是WIPOS；渝府发〔2016〕25号。"
    table = fold_table(set(text))
    for query, expected in (("wipo", ["ＷＩＰＯ", "WIPO"]), ('"渝府发2016 25号"', ["渝府发〔2016〕25号"])):
        patterns = compile_query(parse_query(query, LEXICON), variants(table))
        found = spans(text, patterns.highlight) if query == "wipo" else [
            m.span() for _, p in patterns.phrases for m in p.finditer(text)]
        assert [text[s:e] for s, e in found] == expected


def test_snippet_escapes_and_marks():
    text = "<b>开头</b> 这里有专利。" + "填充" * 100
    query = parse_query("专利", LEXICON)
    html, focus = snippet(text, spans(text, compile_query(query, {}).highlight))
    assert "<mark>专利</mark>" in html and "&lt;b&gt;" in html and html.endswith("…") and focus == text.index("专利")


def test_shard_hash_is_stable():
    assert shard_of("专利", 64) == shard_of("专利", 64)
    assert {shard_of(c, 8) for c in "专利商标著作权地理标志"} != {0}
    assert shard_of("𠀀", 1 << 32) == ((0x811C9DC5 ^ 0x20000) * 0x01000193) & 0xFFFFFFFF


def test_the_stored_folding_table_is_what_the_folding_code_computes():
    """The table shipped with the code (read instead of 3 s of folding every code point) must not go stale:
    after a change to the folding, regenerate it with tables.write_stored_table()."""
    from portal.search import tables

    assert tables._beyond_unicode() == tables.compute_beyond_unicode()
    assert tables._beyond_unicode.cache_info().currsize == 1


def test_a_stored_table_of_other_versions_is_not_used(monkeypatch, tmp_path):
    from portal.search import tables

    stale = tmp_path / "table.json"
    stale.write_text('{"key": [0], "table": [["a", "b"]]}', encoding="utf-8")
    monkeypatch.setattr(tables, "STORED_TABLE", stale)
    tables._beyond_unicode.cache_clear()
    try:
        assert ("a", "b") not in tables._beyond_unicode()
        assert ("專", "专") in tables._beyond_unicode()  # computed instead
    finally:
        tables._beyond_unicode.cache_clear()
