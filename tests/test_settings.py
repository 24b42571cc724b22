"""Every setting is documented in README.md, and the environment overrides defaults."""

from __future__ import annotations

from portal.settings import REPO_ROOT, SETTINGS, load_settings


def test_readme_documents_every_setting():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Settings", 1)[1]
    for setting in SETTINGS:
        assert f"`{setting.name}`" in table, setting.name
        assert setting.env is None or f"`{setting.env}`" in table, setting.env


def test_environment_overrides_defaults_and_test_config_overrides_both(monkeypatch):
    monkeypatch.setenv("PORTAL_CONTENT_DIRS", "/a:/b")
    monkeypatch.setenv("PORTAL_PAGE_SIZE", "7")
    values = load_settings()
    assert values["CONTENT_DIRS"] == ["/a", "/b"] and values["PAGE_SIZE"] == 7
    assert load_settings({"PAGE_SIZE": 3})["PAGE_SIZE"] == 3
