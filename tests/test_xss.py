"""Known XSS vectors (OWASP filter-evasion forms, encoded variants) placed in content never survive."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from portal import create_app
from portal.freeze import build_site

VECTORS = (Path(__file__).parent / "data" / "xss-vectors.txt").read_text(encoding="utf-8").splitlines()
FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "style", "link", "meta", "base",
                  "form", "input", "button", "svg", "math", "video", "audio", "source", "bgsound", "body"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "dynsrc", "lowsrc", "data", "poster"}


def url_as_browsers_read_it(value: str) -> str:
    """WHATWG URL parsing: strip leading/trailing C0 controls and spaces, drop tabs and newlines."""
    value = value.strip("".join(chr(c) for c in range(0x21)))
    return value.replace("\t", "").replace("\n", "").replace("\r", "").lower()


class Audit(HTMLParser):
    """Collects every dangerous construct inside the article body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = url_as_browsers_read_it(value or "")
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name == "style":
                self.found.append(f"{tag} style=")
            if name in URL_ATTRIBUTES and value.startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"{tag} {name}={value[:30]}")


def body_of(page: str) -> str:
    return page.split('<div class="prose">', 1)[1].split("</article>", 1)[0]


@pytest.fixture(scope="module")
def built_page(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss")
    content = root / "content" / "news"
    content.mkdir(parents=True)
    body = "\n\n".join(VECTORS)
    (content / "vectors.md").write_text(f"---\ntitle: 安全测试\ndate: 2024-01-01\n---\n{body}\n", encoding="utf-8")
    app = create_app({"TESTING": True, "CONTENT_DIRS": [str(root / "content")]})
    build_site(app, root / "site")
    return (root / "site" / "zh" / "news" / "vectors" / "index.html").read_text(encoding="utf-8")


def test_vector_file_is_substantial():
    assert len(VECTORS) >= 70


def test_no_vector_survives_in_the_built_page(built_page):
    audit = Audit()
    audit.feed(body_of(built_page))
    assert audit.found == []


def test_no_script_runs_from_content_in_the_page_as_a_whole(built_page):
    audit = Audit()
    audit.feed(built_page.split("<body", 1)[1])
    scripts = [f for f in audit.found if f == "<script>"]
    assert scripts == [] and not [f for f in audit.found if "=" in f]


@pytest.mark.parametrize("vector", VECTORS)
def test_each_vector_alone(vector, tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "v.md").write_text(f"---\ntitle: 测试\n---\n{vector}\n", encoding="utf-8")
    page = create_app({"TESTING": True, "CONTENT_DIRS": [str(tmp_path)]}).test_client().get("/zh/news/v/")
    audit = Audit()
    audit.feed(body_of(page.get_data(as_text=True)))
    assert audit.found == [], vector
