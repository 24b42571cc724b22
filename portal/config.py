"""The site configuration file, ``instance/portal.toml``: what every ``portal`` command publishes.

The file holds any setting of :mod:`portal.settings` under its name in lower case
(``content_dirs = [...]``, ``site_url = "..."``). Environment variables override it; the
``PORTAL_CONFIG`` variable names another file. This module knows settings only through the
table it is given, so a setting added to that table is accepted here with no change.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .messages import _, suggest

CONFIG_ENV = "PORTAL_CONFIG"
DEFAULT_FILE = Path(__file__).resolve().parent.parent / "instance" / "portal.toml"


class ConfigError(Exception):
    """The configuration file cannot be used; the message names the file and what to change."""


def config_file() -> Path:
    """The configuration file in use: ``$PORTAL_CONFIG``, else ``instance/portal.toml``."""
    return Path(os.environ.get(CONFIG_ENV) or DEFAULT_FILE)


def _fits(default: Any, value: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, str)


def _kind(default: Any) -> str:
    if isinstance(default, bool):
        return _("true 或 false")
    if isinstance(default, int):
        return _("整数")
    if isinstance(default, list):
        return _('文字列表，例如 ["content"]')
    return _('带引号的文字，例如 "…"')


def read_config(settings: Iterable, path: Path | None = None) -> dict[str, Any]:
    """Setting values from the configuration file (an empty dict when there is none).

    Raises :class:`ConfigError` for a TOML syntax error, an unknown key (with the nearest
    known one) or a value of the wrong type.
    """
    path = path or config_file()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(_("%(path)s：无法读取配置文件：%(what)s", path=str(path), what=str(exc))) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("%(path)s：不是有效的 TOML 格式：%(what)s", path=str(path), what=str(exc))) from None
    by_key = {s.name.lower(): s for s in settings}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        setting = by_key.get(key.lower())
        if setting is None:
            hint = suggest(key.lower(), by_key) or _("可用的设置：%(known)s", known=", ".join(by_key))
            raise ConfigError(_("%(path)s：没有 “%(key)s” 这项设置。%(hint)s", path=str(path), key=key, hint=hint))
        if not _fits(setting.default, value):
            raise ConfigError(_("%(path)s：“%(key)s” 应是%(kind)s，而不是 %(value)s", path=str(path), key=key,
                                kind=_kind(setting.default), value=repr(value)))
        values[setting.name] = value
    return values


def _toml_value(value: Any) -> str:
    """A TOML literal for a setting value (JSON's strings and lists are valid TOML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def render_config(settings: Iterable, values: dict[str, Any]) -> str:
    """The text of a configuration file: ``values`` set, every other setting shown commented out."""
    lines = [
        "# Site configuration: every `portal` command reads this file (README, Settings).",
        "# Environment variables (PORTAL_…) override it. Remove the # of a line to set it.",
        "",
    ]
    for setting in settings:
        lines.append(f"# {setting.doc}")
        if setting.name in values:
            lines.append(f"{setting.name.lower()} = {_toml_value(values[setting.name])}")
        else:
            lines.append(f"# {setting.name.lower()} = {_toml_value(setting.default)}")
        lines.append("")
    return "\n".join(lines)


def found_content_dirs(project: Path, corpus: Path | None) -> list[str]:
    """The folders a fresh checkout publishes: ``content/``, plus the corpus and its imports when present."""
    folders = [project / "content"]
    if corpus is not None and (corpus / "laws").is_dir():
        folders.append(corpus)
        if (corpus / "policies").is_dir():
            folders.append(project / "instance" / "content")
    return [str(p.resolve()) for p in folders]


def write_initial_config(settings: Iterable, path: Path, project: Path, corpus: Path | None) -> Path:
    """Create the configuration file at ``path`` from what is found; never replace an existing one."""
    if path.exists():
        raise ConfigError(_("%(path)s 已经存在：请直接编辑它，或删掉它再重新创建", path=str(path)))
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render_config(settings, {"CONTENT_DIRS": found_content_dirs(project, corpus)})
    tomllib.loads(text)  # what we write must read back
    path.write_text(text, encoding="utf-8")
    return path
