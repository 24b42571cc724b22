"""The site configuration file: every command reads it; the environment overrides it."""

from __future__ import annotations

import tomllib

import pytest
from click.testing import CliRunner

from portal.cli import main
from portal.config import ConfigError, read_config, render_config, write_initial_config
from portal.settings import SETTINGS, load_settings

from .conftest import write


@pytest.fixture
def config(tmp_path, monkeypatch):
    path = tmp_path / "instance" / "portal.toml"
    monkeypatch.setenv("PORTAL_CONFIG", str(path))
    monkeypatch.delenv("PORTAL_INDEX_DIR", raising=False)
    return path


def test_every_command_publishes_the_folders_the_file_names(config, content_dir, tmp_path):
    body = "---\ntitle: 另一条新闻\ndate: 2024-05-05\n---\n[法](/zh/library/sample-law/#art-2)\n"
    extra = write(tmp_path / "extra", "news/more.md", body)
    config.parent.mkdir(parents=True)
    config.write_text(
        f'content_dirs = ["{content_dir}", "{extra.parent.parent}"]\nindex_dir = "{tmp_path / "idx"}"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "4" in result.output.splitlines()[-1]
    assert CliRunner().invoke(main, ["index"]).exit_code == 0
    assert (tmp_path / "idx" / "current").exists()


def test_environment_overrides_the_file_and_test_config_overrides_both(config, monkeypatch):
    config.parent.mkdir(parents=True)
    config.write_text('page_size = 5\nsite_url = "https://ip.example.gov.cn"\n', encoding="utf-8")
    assert load_settings()["PAGE_SIZE"] == 5 and load_settings()["SITE_URL"] == "https://ip.example.gov.cn"
    monkeypatch.setenv("PORTAL_PAGE_SIZE", "9")
    assert load_settings()["PAGE_SIZE"] == 9
    assert load_settings({"PAGE_SIZE": 3})["PAGE_SIZE"] == 3


def test_unknown_key_suggests_the_nearest_setting(config):
    config.parent.mkdir(parents=True)
    config.write_text('site_ulr = "https://x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="你是不是要写 “site_url”"):
        read_config(SETTINGS, config)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2 and "site_ulr" in result.output and "site_url" in result.output


def test_wrong_type_and_bad_toml_name_the_file(config):
    config.parent.mkdir(parents=True)
    config.write_text("page_size = \"twenty\"\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="“page_size” 应是整数"):
        read_config(SETTINGS, config)
    config.write_text("page_size = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"portal\.toml：不是有效的 TOML 格式：.*line 1"):
        read_config(SETTINGS, config)


def test_file_covers_every_declared_setting_generically(tmp_path):
    text = render_config(SETTINGS, {})
    for setting in SETTINGS:
        assert f"# {setting.name.lower()} = " in text
    assert tomllib.loads(text) == {}
    values = {s.name: s.default for s in SETTINGS}
    path = tmp_path / "portal.toml"
    path.write_text(render_config(SETTINGS, values), encoding="utf-8")
    assert read_config(SETTINGS, path) == values


def test_init_writes_the_folders_it_finds_and_never_replaces(tmp_path, config):
    project, corpus = tmp_path / "project", tmp_path / "corpus"
    (project / "content").mkdir(parents=True)
    (corpus / "laws").mkdir(parents=True)
    (corpus / "policies").mkdir()
    write_initial_config(SETTINGS, config, project, corpus)
    dirs = read_config(SETTINGS, config)["CONTENT_DIRS"]
    assert dirs == [str(project / "content"), str(corpus), str(project / "instance" / "content")]
    with pytest.raises(ConfigError, match="已经存在"):
        write_initial_config(SETTINGS, config, project, corpus)
    other = tmp_path / "other.toml"
    write_initial_config(SETTINGS, other, project, None)
    assert read_config(SETTINGS, other)["CONTENT_DIRS"] == [str(project / "content")]


def test_init_command_creates_the_file(config):
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 0 and config.exists()
    assert CliRunner().invoke(main, ["init"]).exit_code == 1
