"""The published guides against the real corpus: every article link and step resolves, each has its FAQ."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.content.checks import check_catalog
from portal.content.loader import load_catalog

NEW_GUIDES = ("customs-protection", "trademark-opposition-invalidation", "patent-evaluation-invalidation",
              "wushan-local-brand")


@pytest.fixture(scope="module")
def site_catalog(site_dirs):
    return load_catalog([Path(d) for d in site_dirs])


def test_every_guide_passes_portal_check_with_the_corpus(site_catalog):
    problems = [p for p in check_catalog(site_catalog) if "guides" in p.path.parts]
    assert problems == [], "\n".join(f"{p.path.name}:{p.line}: {p.message}" for p in problems)
    guides = {e.slug for e in site_catalog.entries.values() if e.section == "guides"}
    assert set(NEW_GUIDES) <= guides and len(guides) >= 10


def test_new_guides_have_english_an_faq_and_former_names_where_the_law_uses_them(site_catalog):
    for slug in NEW_GUIDES:
        entry = site_catalog.get("guides", slug)
        assert entry.translation is not None, slug
        assert ">常见问题</h2>" in entry.html and ">Frequently asked questions</h2>" in entry.translation.html
        assert entry.extra["service_facts"], slug
        if "商标局" in entry.text:
            assert "机构名称说明" in entry.text, slug


def test_the_wushan_brand_journey_rests_on_corpus_articles(site_catalog):
    steps = site_catalog.get("guides", "wushan-local-brand").extra["steps"]
    assert [s.number for s in steps] == [1, 2, 2, 3, 4, 5] and steps[2].join == "or"
    assert {s.guide for s in steps} >= {"trademark-registration", "customs-protection", "rights-protection-assistance"}


def test_copyright_and_gi_guides_state_their_procedure_and_what_is_unknown(site_catalog):
    copyright_guide = site_catalog.get("guides", "copyright-registration")
    assert "五、办理程序" in copyright_guide.text and "计算机软件著作权登记" in copyright_guide.text
    assert "本站暂不公布" in copyright_guide.text and "5. The procedure" in copyright_guide.translation.html
    gi = site_catalog.get("guides", "geographical-indications")
    assert "五、申请程序" in gi.text and "使用管理规则" in gi.text and "请向国家知识产权局商标局咨询" in gi.text


def test_every_guide_has_an_faq_in_both_languages(site_catalog):
    for entry in site_catalog.entries.values():
        if entry.section == "guides":
            assert ">常见问题</h2>" in entry.html, entry.slug
            assert ">Frequently asked questions</h2>" in entry.translation.html, entry.slug


def site_catalog_entries(site_dirs):
    return load_catalog([Path(d) for d in site_dirs]).entries.values()


def test_real_guides_emit_faq_data_matching_their_faq_and_law_pages_list_them(site_dirs, tmp_path):
    from portal import create_app

    from .test_faq_related import json_ld, visible_faq

    app = create_app({"TESTING": True, "CONTENT_DIRS": site_dirs, "INDEX_DIR": str(tmp_path / "index")})
    client = app.test_client()
    for slug in sorted(e.slug for e in site_catalog_entries(site_dirs) if e.section == "guides"):
        for lang in ("zh", "en"):
            page = client.get(f"/{lang}/guides/{slug}/").get_data(as_text=True)
            (data,) = json_ld(page)
            pairs = [(q["name"], q["acceptedAnswer"]["text"]) for q in data["mainEntity"]]
            assert pairs == visible_faq(page) and len(pairs) >= 3, (slug, lang)
            assert 'class="related"' in page
    law = client.get("/zh/library/知识产权海关保护条例-2018-03-19/").get_data(as_text=True)
    explained = law.split('class="explained-by"', 1)[1].split("</ul>", 1)[0]
    assert 'href="/zh/guides/customs-protection/"' in explained
