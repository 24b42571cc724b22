"""The published journeys against the real corpus, as a reader sees them on the guide pages.

Each journey is written out below: its numbered and/or steps, the article each rests on (with words
the article itself says) and the guide each leads to. A step that loses its article or its guide, an
article anchor missing from the law page, or a page that no longer shows its 本页属于 box fails here.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote, urlsplit

import pytest

PATENT_LAW, PATENT_RULES = "专利法-2020-10-17", "专利法实施细则-2023-12-11"
TRADEMARK_LAW, TRADEMARK_RULES = "商标法-2019-04-23", "商标法实施条例-2014-04-29"
COPYRIGHT_LAW, SOFTWARE = "著作权法-2020-11-11", "计算机软件保护条例-2013-01-30"
CUSTOMS = "知识产权海关保护条例-2018-03-19"

# journey page: [(number, join, law, anchor, words in that article, guide the step leads to)]
JOURNEYS = {
    "patent-application": [
        (1, None, PATENT_LAW, "art-26", "请求书、说明书及其摘要和权利要求书", "patent-application"),
        (1, "或", PATENT_LAW, "art-18", "可以委托依法设立的专利代理机构办理", "patent-application"),
        (2, None, PATENT_LAW, "art-43", "缴纳年费", "patent-application"),
        (3, None, PATENT_RULES, "art-62", "作出专利权评价报告", "patent-evaluation-invalidation"),
        (3, "或", PATENT_LAW, "art-45", "宣告该专利权无效", "patent-evaluation-invalidation"),
        (4, None, PATENT_LAW, "art-65", "请求管理专利工作的部门处理", "rights-protection-assistance"),
        (4, "和", PATENT_LAW, "art-73", "申请保全证据", "rights-protection-assistance"),
        (5, None, PATENT_RULES, "art-15", "以专利权出质的", "ip-pledge-financing"),
    ],
    "trademark-registration": [
        (1, None, TRADEMARK_LAW, "art-22", "以书面方式或者数据电文方式提出", "trademark-registration"),
        (1, "或", TRADEMARK_LAW, "art-18", "委托依法设立的商标代理机构办理", "trademark-registration"),
        (2, None, TRADEMARK_LAW, "art-33", "自公告之日起三个月内", "trademark-opposition-invalidation"),
        (2, "或", TRADEMARK_LAW, "art-45", "自商标注册之日起五年内", "trademark-opposition-invalidation"),
        (3, None, CUSTOMS, "art-7", "向海关总署申请备案", "customs-protection"),
        (4, None, TRADEMARK_LAW, "art-60", "请求工商行政管理部门处理", "rights-protection-assistance"),
        (4, "和", TRADEMARK_LAW, "art-66", "申请保全证据", "rights-protection-assistance"),
        (5, None, TRADEMARK_RULES, "art-70", "质权登记申请", "ip-pledge-financing"),
        (6, None, TRADEMARK_LAW, "art-40", "办理续展手续", "trademark-registration"),
    ],
    "copyright-registration": [
        (1, None, COPYRIGHT_LAW, "art-11", "创作作品的自然人是作者", "copyright-registration"),
        (2, None, COPYRIGHT_LAW, "art-12", "办理作品登记", "copyright-registration"),
        (2, "或", SOFTWARE, "art-7", "软件登记机构办理登记", "copyright-registration"),
        (3, None, CUSTOMS, "art-7", "向海关总署申请备案", "customs-protection"),
        (4, None, COPYRIGHT_LAW, "art-60", "直接向人民法院起诉", "rights-protection-assistance"),
        (4, "和", COPYRIGHT_LAW, "art-57", "申请保全证据", "rights-protection-assistance"),
        (5, None, COPYRIGHT_LAW, "art-28", "办理出质登记", "ip-pledge-financing"),
    ],
    "wushan-local-brand": [
        (1, None, TRADEMARK_LAW, "art-4", "申请商标注册", "trademark-registration"),
        (2, None, TRADEMARK_RULES, "art-4", "证明商标", "geographical-indications"),
        (2, "或", TRADEMARK_LAW, "art-3", "集体商标", None),
        (3, None, TRADEMARK_LAW, "art-33", "提出异议", "trademark-opposition-invalidation"),
        (4, None, CUSTOMS, "art-7", "向海关总署申请备案", "customs-protection"),
        (5, None, TRADEMARK_LAW, "art-60", "向人民法院起诉", "rights-protection-assistance"),
    ],
}

# (guide, journey): (the step this page is, the next guide shown, None on the journey's last guide)
PART_OF = {
    ("patent-evaluation-invalidation", "patent-application"): (3, "rights-protection-assistance"),
    ("rights-protection-assistance", "patent-application"): (4, "ip-pledge-financing"),
    ("ip-pledge-financing", "patent-application"): (5, None),
    ("trademark-opposition-invalidation", "trademark-registration"): (2, "customs-protection"),
    ("customs-protection", "trademark-registration"): (3, "rights-protection-assistance"),
    ("rights-protection-assistance", "trademark-registration"): (4, "ip-pledge-financing"),
    ("ip-pledge-financing", "trademark-registration"): (5, "trademark-registration"),
    ("customs-protection", "copyright-registration"): (3, "rights-protection-assistance"),
    ("rights-protection-assistance", "copyright-registration"): (4, "ip-pledge-financing"),
    ("ip-pledge-financing", "copyright-registration"): (5, None),
    ("trademark-registration", "wushan-local-brand"): (1, "geographical-indications"),
    ("geographical-indications", "wushan-local-brand"): (2, "trademark-opposition-invalidation"),
    ("trademark-opposition-invalidation", "wushan-local-brand"): (3, "customs-protection"),
    ("customs-protection", "wushan-local-brand"): (4, "rights-protection-assistance"),
    ("rights-protection-assistance", "wushan-local-brand"): (5, None),
}


@pytest.fixture(scope="module")
def web(site_dirs, tmp_path_factory):
    from portal import create_app

    index = tmp_path_factory.mktemp("journeys") / "index"
    return create_app({"TESTING": True, "CONTENT_DIRS": site_dirs, "INDEX_DIR": str(index)}).test_client()


def page(web, url: str) -> str:
    response = web.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def rendered_steps(section: str) -> list[tuple[int, str | None, str | None, str, str]]:
    """(number, 或/和, guide link, article link, article label) of each step in an ordered step list."""
    assert section.count('<ol class="step-nav">') == 1
    found = []
    for item in section.split('<li class="step')[1:]:
        number = int(re.search(r'<span class="step-number"[^>]*>(\d+)</span>', item).group(1))
        for part in re.split(r'(?=<p class="step-join">)', item):
            join = re.match(r'<p class="step-join">([^<]+)</p>', part)
            title = re.search(r'<h3 class="step-title">(.*?)</h3>', part, re.S).group(1)
            guide = re.match(r'<a href="/(?:zh|en)/guides/([^/"]+)/"', title)
            law = re.search(r'<p class="step-law">[^<]*<a href="([^"]+)"[^>]*>(.*?)</a>', part)
            assert law, f"step {number} shows no article it rests on: {text(part)}"
            found.append((number, join and join.group(1), guide and guide.group(1), law.group(1), text(law.group(2))))
    return found


def article_text(web, href: str) -> tuple[str, str]:
    """(label, text) of the article an article link points to, read from the law page it opens.

    The English page of a Chinese-only text has the anchor on its contents entry, which links on to the
    Chinese article: that link is followed once.
    """
    url = urlsplit(href)
    law = page(web, unquote(url.path))
    found = re.search(rf'<div class="article" id="{re.escape(url.fragment)}"[^>]*>(.*?)</div>', law, re.S)
    onward = re.search(rf'<a id="{re.escape(url.fragment)}" href="(/zh/library/[^"]+)"', law)
    if found is None and onward and href.startswith("/en/"):
        return article_text(web, onward.group(1))
    assert found, f"{href}: no article with that anchor on the law page"
    label = re.search(r'class="art-label"[^>]*>([^<]+)</a>', found.group(1))
    return (label.group(1) if label else ""), text(found.group(1))


@pytest.mark.parametrize("journey", sorted(JOURNEYS))
def test_journey_page_numbers_its_steps_each_linked_to_an_article_that_says_it_and_to_its_guide(web, journey):
    html = page(web, f"/zh/guides/{journey}/")
    section = html.split('<section class="step-by-step"', 1)[1].split("</section>", 1)[0]
    assert ">分步办理</h2>" in section
    shown = rendered_steps(section)
    expected = JOURNEYS[journey]
    assert [(n, j) for n, j, *_ in shown] == [(n, j) for n, j, *_ in expected]
    pairs = zip(shown, expected, strict=True)
    for (number, _join, guide, href, label), (_n, _j, law, anchor, words, leads_to) in pairs:
        assert unquote(href) == f"/zh/library/{law}/#{anchor}", (number, href)
        article_label, said = article_text(web, href)
        assert label.endswith(article_label) and words in said, (number, label, words)
        assert guide == (leads_to if leads_to != journey else None), (number, guide)


@pytest.mark.parametrize("journey", sorted(JOURNEYS))
def test_english_journey_page_has_english_steps_whose_article_links_resolve(web, journey):
    html = page(web, f"/en/guides/{journey}/")
    section = html.split('<section class="step-by-step"', 1)[1].split("</section>", 1)[0]
    assert ">Step by step</h2>" in section
    shown = rendered_steps(section)
    assert len(shown) == len(JOURNEYS[journey])
    titles = [text(t) for t in re.findall(r'<h3 class="step-title">(.*?)</h3>', section, re.S)]
    assert all(re.search(r"[A-Za-z]{3}", t) for t in titles), titles  # every step has its English title
    for (_n, _j, _guide, href, _label), expected in zip(shown, JOURNEYS[journey], strict=True):
        assert expected[4] in article_text(web, href)[1], href


def part_of_boxes(html: str) -> dict[str, str]:
    """What the page's 本页属于 box shows of each journey it names (one box; one part for each journey)."""
    assert html.count('<aside class="part-of') == 1
    box = html.split('<aside class="part-of', 1)[1].split("</aside>", 1)[0]
    parts = box.split('<div class="part-of-journey">')[1:] or [box]
    if len(parts) > 1:
        assert f">本页属于 {len(parts)} 个分步办理：</h2>" in box
    found = {}
    for part in parts:
        journey = re.search(r'本页属于：<a href="/zh/guides/([^/"]+)/"', part)
        assert journey, part[:300]
        found[journey.group(1)] = part
    return found


@pytest.mark.parametrize("guide", sorted({g for g, _j in PART_OF}))
def test_guide_pages_show_each_journey_they_belong_to_with_their_step_and_the_next_guide(web, guide):
    boxes = part_of_boxes(page(web, f"/zh/guides/{guide}/"))
    expected = {j: found for (g, j), found in PART_OF.items() if g == guide}
    assert set(boxes) == set(expected)
    for journey, (current, following) in expected.items():
        box = boxes[journey]
        assert f"本页是第 {current} 步" in box, (guide, journey)
        assert len(rendered_steps(box)) == len(JOURNEYS[journey])
        current_item = box.split('aria-current="step"', 1)[1].split("</li>", 1)[0]
        assert f'<span class="step-number" aria-hidden="true">{current}</span>' in current_item
        nexts = re.findall(r'下一步：<a href="/zh/guides/([^/"]+)/"', box)
        assert nexts == ([following] if following else []), (guide, journey, nexts)
    english = page(web, f"/en/guides/{guide}/")
    assert english.count('<aside class="part-of') == 1 and "Part of" in english
    assert english.count("this page is step") == len(expected)


def test_every_guide_is_a_journey_or_in_one_and_starts_none_it_belongs_to(web, site_dirs):
    from pathlib import Path

    from portal.content.loader import load_catalog

    catalog = load_catalog([Path(d) for d in site_dirs])
    guides = {e.slug for e in catalog.entries.values() if e.section == "guides"}
    members = {g for g, _j in PART_OF}
    assert len(guides) >= 10 and guides <= set(JOURNEYS) | members
    for slug in sorted(guides):
        html = page(web, f"/zh/guides/{slug}/")
        has_steps, has_box = 'class="step-by-step"' in html, '<aside class="part-of' in html
        assert has_steps == (slug in JOURNEYS) and has_box == (slug in members), slug
        assert f'本页属于：<a href="/zh/guides/{slug}/"' not in html  # never part of its own journey
