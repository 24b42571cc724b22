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
    for entry in (copyright_guide, gi):
        assert ">常见问题</h2>" in entry.html and ">Frequently asked questions</h2>" in entry.translation.html
