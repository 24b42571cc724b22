"""Random content and hostile URLs never crash the portal."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.content import ContentError, load_catalog

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
front_matter = st.dictionaries(
    st.sampled_from(["title", "date", "draft", "tags", "level", "status", "publish_at", "slug", "summary", "x"]),
    st.one_of(yaml_scalars, st.lists(yaml_scalars, max_size=3)),
    max_size=6,
)


def load_text(text: str, section: str = "news") -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / section / "item.md"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            catalog = load_catalog([Path(folder)])
        except ContentError as exc:
            assert exc.problems and all(p.path == path and p.line >= 0 for p in exc.problems)
        else:
            assert len(catalog.entries) == 1


@FUZZ
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_any_text_is_loaded_or_reported(text):
    load_text(text)


@FUZZ
@given(
    front_matter,
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300),
    st.sampled_from(["news", "laws"]),
)
def test_any_front_matter_is_loaded_or_reported(meta, body, section):
    load_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body, section)


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            [
                "## 第一章 总则",
                "### 第一节",
                "第一条 正文",
                "第二条之一 正文",
                "第十条",
                "",
                "| a | b |\n|---|---|\n| 1 | 2 |",
                "[^1]\n\n[^1]: 注",
                "<b>粗</b>",
                "第九十九条　全角空格",
                "# 标题",
                "- 列表",
                "```\n代码\n```",
                "第一百零一条 x",
            ]
        ),
        max_size=25,
    )
)
def test_any_legal_body_renders(blocks):
    load_text("---\ntitle: 法\nlevel: 法律\n---\n" + "\n\n".join(blocks), "laws")


PROBES = [
    "/../etc/passwd",
    "/zh/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/zh/library/%2e%2e%2f%2e%2e%2fportal",
    "/static/../portal/__init__.py",
    "/static/..%2f..%2fportal/__init__.py",
    "/static/%2e%2e/pyproject.toml",
    "/zh/%00/",
    "/zh/library/%00/",
    "/%00",
    "/zh/news/%ff%fe/",
    "/zh/library/" + "长" * 3000 + "/",
    "/" + "a/" * 2000,
    "/zh/library/..;/",
    "/zh//library/",
    "/zh/library/x/?q=%00",
    "/api/library.json/..",
    "/zh/news/page/0/",
    "/zh/news/page/-1/",
    "/zh/news/page/99999999999999999999/",
    "/en/feed.xml%00.html",
]


@pytest.mark.parametrize("path", PROBES)
def test_hostile_paths_are_400_or_404(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404, 308), (path, response.status_code)
    body = response.get_data(as_text=True)
    assert "root:" not in body and "import " not in body and "[project]" not in body
