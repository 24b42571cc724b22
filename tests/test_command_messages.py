"""portal new, portal import and the configuration file speak to staff in Chinese, or in English by setting."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from portal.cli import main

ENGLISH = {"PORTAL_STAFF_LANGUAGE": "en"}


def new(folder, section, title, env=None):
    return CliRunner(env=env or {}).invoke(main, ["new", section, title, "--content", str(folder)])


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "错误：没有 “new” 这个栏目（可用：laws, policies, news, "),
        (ENGLISH, "error: unknown section 'new' (known sections: laws, policies, news, "),
    ],
)
def test_new_unknown_section_names_the_known_ones(tmp_path, env, expected):
    result = new(tmp_path, "new", "标题", env)
    assert result.exit_code == 1 and expected in result.output
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(
    ("env", "expected"), [({}, "你是不是要写 “guides”？"), (ENGLISH, "Did you mean 'guides'?")]
)
def test_new_unknown_section_suggests_the_nearest(tmp_path, env, expected):
    result = new(tmp_path, "guide", "标题", env)
    assert result.exit_code == 1 and expected in result.output


@pytest.mark.parametrize(
    ("env", "expected"), [({}, "错误：标题不能为空"), (ENGLISH, "error: the title must not be empty")]
)
def test_new_empty_title(tmp_path, env, expected):
    result = new(tmp_path, "news", "  ", env)
    assert result.exit_code == 1 and expected in result.output


@pytest.mark.parametrize(
    ("env", "created", "exists"),
    [
        ({}, "已创建 ", "已经存在：请换一个标题，或直接编辑这个文件"),
        (ENGLISH, "created ", "exists already; choose another title or edit that file"),
    ],
)
def test_new_created_then_refuses_to_overwrite(tmp_path, env, created, exists):
    first = new(tmp_path, "guides", "商标注册", env)
    assert first.exit_code == 0 and first.output.startswith(created)
    path = tmp_path / "guides" / "商标注册.md"
    assert str(path) in first.output
    before = path.read_text(encoding="utf-8")
    again = new(tmp_path, "guides", "商标注册", env)
    assert again.exit_code == 1 and f"{path} {exists}" in again.output
    assert path.read_text(encoding="utf-8") == before


def check_with_config(tmp_path, monkeypatch, text, env):
    config = tmp_path / "portal.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PORTAL_CONFIG", str(config))
    result = CliRunner(env=env).invoke(main, ["check", "--content", str(tmp_path)])
    assert result.exit_code == 2
    return config, result.output


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "：没有 “site_ulr” 这项设置。你是不是要写 “site_url”？"),
        (ENGLISH, ": unknown setting 'site_ulr'. Did you mean 'site_url'?"),
    ],
)
def test_config_unknown_key_suggests_the_nearest(tmp_path, monkeypatch, env, expected):
    config, output = check_with_config(tmp_path, monkeypatch, 'site_ulr = "https://x"\n', env)
    assert f"{config}{expected}" in output


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, "：没有 “zzzz” 这项设置。可用的设置：content_dirs, "), (ENGLISH, ": unknown setting 'zzzz'. Known keys: ")],
)
def test_config_unknown_key_far_from_all_lists_the_known(tmp_path, monkeypatch, env, expected):
    config, output = check_with_config(tmp_path, monkeypatch, "zzzz = 1\n", env)
    assert f"{config}{expected}" in output and "site_url" in output


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "错误：%s：“page_size” 应是整数，而不是 'twenty'"),
        (ENGLISH, "error: %s: 'page_size' must be a whole number, not 'twenty'"),
    ],
)
def test_config_wrong_type(tmp_path, monkeypatch, env, expected):
    config, output = check_with_config(tmp_path, monkeypatch, 'page_size = "twenty"\n', env)
    assert expected % config in output


@pytest.mark.parametrize(
    ("env", "expected"), [({}, "：不是有效的 TOML 格式："), (ENGLISH, ": not valid TOML: ")]
)
def test_config_bad_toml_names_the_file_and_line(tmp_path, monkeypatch, env, expected):
    config, output = check_with_config(tmp_path, monkeypatch, "page_size = \n", env)
    assert f"{config}{expected}" in output and "line 1" in output


@pytest.mark.parametrize(
    ("manifest", "chinese", "english"),
    [
        ("- file: other.txt\n", "index.yaml 里没有列出 note.txt：元数据只取自正文",
         "index.yaml beside note.txt does not list it; metadata taken from the text only"),
        ("- file: note.txt\n  colour: red\n", "index.yaml：note.txt 的 “colour” 不是前置元数据字段，已忽略",
         "index.yaml: key 'colour' of note.txt is not a front-matter field; ignored"),
        ("- file: note.txt\n  issuer: 乙局\n",
         "issuer：正文写的是 '甲局'，index.yaml 写的是 '乙局'；采用 index.yaml 的值",
         "issuer: the text says '甲局' but index.yaml says '乙局'; kept index.yaml's value"),
    ],
)
def test_import_manifest_warnings(tmp_path, manifest, chinese, english):
    from portal.importer.manifest import merge, read_manifest
    from portal.messages import translate

    (tmp_path / "index.yaml").write_text(manifest, encoding="utf-8")
    values, warnings = read_manifest(tmp_path / "note.txt")
    warnings += merge({"issuer": "甲局"}, values)[1]
    assert chinese in warnings and english in [translate(w, "en") for w in warnings]


@pytest.mark.parametrize(
    ("manifest", "chinese", "english"),
    [
        ("file: note.txt\n", "应是列表，每项写 “- file: 文件名”", "must be a list of '- file: NAME' entries"),
        ("- file: note.txt\n- file: note.txt\n", "把 note.txt 列了 2 次", "lists note.txt 2 times"),
        ("- file: note.txt\n  date: soon\n", "给出的 “date” 是 'soon'", "gives 'date' 'soon'"),
        ("- [\n", "无法读取清单", "cannot read the manifest"),
    ],
)
def test_import_manifest_failures(tmp_path, manifest, chinese, english):
    from portal.importer import ImportFailed
    from portal.importer.manifest import read_manifest
    from portal.messages import translate

    (tmp_path / "index.yaml").write_text(manifest, encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        read_manifest(tmp_path / "note.txt")
    message = failure.value.args[0]
    assert chinese in message and english in translate(message, "en")


@pytest.mark.parametrize(("lang", "expected"), [("zh", "%s：找不到这个文件"), ("en", "%s: file not found")])
def test_import_missing_file(tmp_path, lang, expected):
    from portal.importer import ImportFailed, import_file
    from portal.messages import translate

    missing = tmp_path / "nope.txt"
    with pytest.raises(ImportFailed) as failure:
        import_file(missing, tmp_path / "content")
    assert translate(failure.value.args[0], lang) == expected % missing


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "：不能导入到 “news” 栏目；收到的文件只能导入 "),
        (ENGLISH, ": cannot import into section 'news'; received documents go into "),
    ],
)
def test_import_wrong_section(tmp_path, env, expected):
    received = tmp_path / "note.txt"
    received.write_text("关于印发某办法的通知\n\n正文。\n", encoding="utf-8")
    result = CliRunner(env=env).invoke(
        main, ["import", str(received), "--content", str(tmp_path / "content"), "--section", "news"]
    )
    assert result.exit_code == 1 and f"{received}{expected}" in result.output


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, " 已经存在（要替换它，请加 --overwrite）"),
        (ENGLISH, " already exists (use --overwrite to replace it)"),
    ],
)
def test_import_refuses_to_overwrite(tmp_path, env, expected):
    received = tmp_path / "note.txt"
    received.write_text("关于印发某办法的通知\n\n正文。\n", encoding="utf-8")
    existing = tmp_path / "content" / "policies" / "note.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("---\ntitle: 旧\n---\n旧。\n", encoding="utf-8")
    result = CliRunner(env=env).invoke(main, ["import", str(received), "--content", str(tmp_path / "content")])
    assert result.exit_code == 1 and f"{existing}{expected}" in result.output
    assert existing.read_text(encoding="utf-8") == "---\ntitle: 旧\n---\n旧。\n"
