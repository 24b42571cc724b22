"""The ``portal`` command: serve, build, import, check."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from .config import ConfigError
from .content import ContentError
from .messages import _, report, staff_language, translate

CONTENT_OPTION = click.option(
    "--content",
    "content_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Content folder to publish (repeatable); overrides PORTAL_CONTENT_DIRS and the default.",
)


def _app(content_dirs: tuple[Path, ...], **overrides):
    from . import create_app

    config = {"STORE_PARSED": True, "STORE_ANALYSIS": True, **overrides}  # both kept in GENERATED_CACHE_DIR
    if content_dirs:
        config["CONTENT_DIRS"] = [str(p) for p in content_dirs]
    try:
        return create_app(config)
    except ConfigError as exc:
        _config_failure(exc)
        raise SystemExit(2) from None
    except ContentError as exc:
        _print_problems(exc.problems)
        raise SystemExit(1) from None


@click.group()
def main() -> None:
    """知识产权公共信息与教育门户: publish laws, policies, guides and news."""


@main.command()
@CONTENT_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--no-reload", is_flag=True, help="Do not watch the content folders for changes.")
def serve(content_dirs: tuple[Path, ...], host: str, port: int, no_reload: bool) -> None:
    """Run the live site for staff: drafts shown, content changes visible without a restart."""
    import signal

    from .preview import ContentWatcher
    from .startup import prepare_index

    app = _app(content_dirs, SHOW_DRAFTS=True, PREVIEW=True)
    signal.signal(signal.SIGTERM, _stop)
    try:
        prepare_index(app, lambda message: click.echo(message, err=True))
        if not no_reload:
            ContentWatcher(app).start()
        entries = len(app.extensions["portal.catalog"].entries)
        url = f"http://{host}:{port}/"
        message = _("预览网站：%(entries)s 篇，地址 %(url)s（按 Ctrl-C 停止）", entries=entries, url=url)
        click.echo(translate(message, _language()), err=True)
        app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)
    except KeyboardInterrupt:
        pass
    _ignore_stop_signals()  # make passes the signal on once more: the second one must not abort
    click.echo(translate(_("已停止"), _language()), err=True)


def _ignore_stop_signals() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _stop(_signum: int, _frame: object) -> None:
    """SIGTERM ends ``portal serve`` the way Ctrl-C does: quietly, with exit status 0."""
    _ignore_stop_signals()
    raise KeyboardInterrupt


@main.command()
@CONTENT_OPTION
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: the BUILD_DIR setting, build/).",
)
@click.option("--rollback", is_flag=True, help="Point the site back at the previous kept build; build nothing.")
def build(content_dirs: tuple[Path, ...], out: Path | None, rollback: bool) -> None:
    """Freeze the complete site into static files."""
    from .freeze import build_site
    from .pipeline.live_index import analysed_once, update_live_index
    from .pipeline.parallel import Beside

    if rollback:
        _rollback(out)
        return
    app = _app(content_dirs)  # the catalogue is read once: checked, then built from
    problems = catalog_problems(app.extensions["portal.catalog"], _settings())
    _print_problems(problems)
    if any(p.severity == "error" for p in problems):
        click.echo(translate(_("内容有错误：没有生成网站，上一次的结果保持不变"), _language()), err=True)
        raise SystemExit(1)
    target = out or Path(app.config["BUILD_DIR"])
    interactive = sys.stderr.isatty()
    lang = _language()

    def progress(done: int, total: int, url: str) -> None:
        line = translate(_("%(done)s/%(total)s 页", done=done, total=total), lang)
        if interactive:
            click.echo(f"\r{line}", nl=False, err=True)
        elif done % 100 == 0 or done == total:
            click.echo(line, err=True)

    with analysed_once(app):  # the texts analysed once, on both cores, for both indexes
        indexing = Beside(lambda: update_live_index(app))  # the live index, on the other core
        try:
            report = build_site(app, target, progress)
        except Exception as exc:  # the previous build stays in place
            _index_result(indexing)
            failure = _("错误：生成失败，%(target)s 保持不变：%(reason)s", target=str(target), reason=str(exc))
            click.echo("\n" + translate(failure, lang), err=True)
            raise SystemExit(1) from None
    built = _(
        "已生成 %(pages)s 页，位于 %(out)s，用时 %(seconds)s 秒",
        pages=report.pages, out=str(report.output), seconds=f"{report.seconds:.1f}",
    )
    click.echo("\n" + translate(built, lang), err=True)
    if report.reused:
        reused = _("其中 %(reused)s 页沿用上一次的结果（所读内容未变）", reused=report.reused)
        click.echo(translate(reused, lang), err=True)
    update = _index_result(indexing)
    if update is None:
        raise SystemExit(1)
    _print_index_update(update)


def _rollback(out: Path | None) -> None:
    from .publish import PublishError, rollback

    target = out or Path(_settings()["BUILD_DIR"])
    try:
        release = rollback(Path(target).absolute())
    except PublishError as exc:
        click.echo(translate(_("错误：无法回退：%(reason)s", reason=str(exc)), _language()), err=True)
        raise SystemExit(1) from None
    done = _("%(out)s 已回退到 %(release)s", out=str(target), release=release.name)
    click.echo(translate(done, _language()), err=True)


def _index_result(indexing):
    """The live index update run beside the build, or None (said on stderr) when it failed."""
    from .pipeline.parallel import ChildFailed

    try:
        return indexing.result()
    except ChildFailed as exc:
        click.echo(translate(_("错误：搜索索引没有更新：%(reason)s", reason=str(exc)), _language()), err=True)
        return None


def _print_index_update(update) -> None:
    if update.full:
        message = _("已为 %(documents)s 篇建立搜索索引，位于 %(path)s，用时 %(seconds)s 秒", documents=update.documents,
                    path=str(update.path), seconds=f"{update.seconds:.1f}")
    else:
        message = _("搜索索引已更新 %(documents)s 篇，位于 %(path)s，用时 %(seconds)s 秒", documents=update.documents,
                    path=str(update.path), seconds=f"{update.seconds:.1f}")
    click.echo(translate(message, _language()), err=True)


def _index(app) -> None:
    from .search.live import build_index

    report = build_index(app)
    indexed = _(
        "已为 %(documents)s 篇建立搜索索引，位于 %(path)s，用时 %(seconds)s 秒",
        documents=report.documents, path=str(report.path), seconds=f"{report.seconds:.1f}",
    )
    click.echo(translate(indexed, _language()), err=True)


@main.command()
@CONTENT_OPTION
def index(content_dirs: tuple[Path, ...]) -> None:
    """Rebuild the live search index (INDEX_DIR); searches keep using the old one until it is ready."""
    _index(_app(content_dirs))


@main.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--content",
    "content_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Content folder to write the Markdown into (e.g. instance/content).",
)
@click.option("--section", default="policies", show_default=True)
@click.option("--overwrite", is_flag=True, help="Replace an existing page of the same name.")
@click.option("--issuer", help="制定机关, when the document does not state it.")
@click.option("--level", help="效力级别, e.g. 规范性文件.")
@click.option("--region", help="地区, e.g. 重庆市巫山县.")
@click.option("--date", "date_", metavar="YYYY-MM-DD", help="日期 of the document, when it states none.")
def import_(files: tuple[Path, ...], content_dir: Path, section: str, overwrite: bool, **given: str | None) -> None:
    """Turn received policy documents (text or .docx) into Markdown pages."""
    from .importer import ImportFailed, import_file

    given = {"date" if k == "date_" else k: v for k, v in given.items()}
    lang = _language()
    failed = False
    for path in files:
        try:
            result = import_file(path, content_dir, section=section, overwrite=overwrite, given=given)
        except ImportFailed as exc:
            click.echo(translate(_("错误：%(message)s", message=exc.args[0]), lang), err=True)
            failed = True
            continue
        click.echo(translate(_("已导入 %(source)s → %(output)s", source=str(path), output=str(result.output)), lang))
        for warning in result.warnings:
            click.echo(translate(_("警告：%(path)s：%(message)s", path=str(path), message=warning), lang), err=True)
    _report_duplicates(content_dir)
    if failed:
        raise SystemExit(1)


def _report_duplicates(content_dir: Path) -> None:
    from .content import load_catalog

    try:
        catalog = load_catalog([content_dir])
    except ContentError:
        return
    lang = _language()
    for warning in catalog.warnings:
        where = {"path": str(warning.path), "line": warning.line}
        line = _("警告：%(path)s:%(line)s: %(message)s", message=warning.message, **where)
        click.echo(translate(line, lang), err=True)


@main.command()
@click.argument("section")
@click.argument("title")
@click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Content folder to write into (default: the first CONTENT_DIRS folder).",
)
def new(section: str, title: str, content_dir: Path | None) -> None:
    """Create a draft page in SECTION with a complete front-matter template.

    ``portal new campaign 2028`` creates the campaign year 2028 (its hub page).
    """
    from .campaign_scaffold import new_campaign
    from .scaffold import ScaffoldError, new_entry

    folder = content_dir or _content_folders(())[0]
    try:
        path = new_campaign(folder, title) if section == "campaign" else new_entry(folder, section, title)
    except ScaffoldError as exc:
        click.echo(translate(_("错误：%(message)s", message=exc.args[0]), _language()), err=True)
        raise SystemExit(1) from None
    created = _("已创建 %(path)s（草稿：发布时把 draft 改为 false，或删掉这一行）", path=str(path))
    click.echo(translate(created, _language()))


def _settings() -> dict:
    """Every setting (configuration file, then environment); exits with the message on a bad file."""
    from .settings import load_settings

    try:
        return load_settings()
    except ConfigError as exc:
        _config_failure(exc)
        raise SystemExit(2) from None


def _content_folders(content_dirs: tuple[Path, ...]) -> list[Path]:
    return list(content_dirs) or [Path(p) for p in _settings()["CONTENT_DIRS"]]


@main.command()
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="A law collection to publish too (a folder with laws/ and policies/), e.g. ../shared/corpus.",
)
def init(corpus: Path | None) -> None:
    """Create the site configuration file (instance/portal.toml) from the folders found."""
    from .config import config_file, write_initial_config
    from .settings import REPO_ROOT, SETTINGS

    try:
        path = write_initial_config(SETTINGS, config_file(), REPO_ROOT, corpus)
    except ConfigError as exc:
        _config_failure(exc)
        raise SystemExit(1) from None
    click.echo(translate(_("已创建 %(path)s：现在每条 portal 命令都发布其中列出的文件夹", path=str(path)), _language()))


def run_checks(folders: list[Path], production: bool | None = None) -> tuple[int, list]:
    """Load the folders and run every check; return the entry count and all problems.

    A file with errors does not hide the link errors of the others; links to a page whose
    own file has errors are not reported again. ``production`` (default: the PRODUCTION
    setting) also flags sample content.
    """
    from .citations.store import store_path
    from .content import load_catalog
    from .content.loader import slugify
    from .content.parse_cache import stored_cache
    from .messages import unique
    from .pipeline.digest import print_parsed

    config = dict(_settings())
    if production is not None:
        config["PRODUCTION"] = production
    errors: list = []
    cache = stored_cache(config["GENERATED_CACHE_DIR"], print_parsed)
    catalog = load_catalog(folders, cache, errors_into=errors)
    cache.save()
    catalog.citation_store = store_path(config["GENERATED_CACHE_DIR"])
    failed = {slugify(p.path.stem) for p in errors}
    found = [p for p in catalog_problems(catalog, config) if not _points_at(p, failed)]
    return len(catalog.entries), unique(errors + found)


def catalog_problems(catalog, config: dict) -> list:
    """Every check of a loaded catalogue: links, citations, facts' review dates, and with the
    PRODUCTION setting the production-only ones (no sample content, no sample identity)."""
    from .content.checks import check_catalog
    from .content.production import production_problems
    from .content.review import check_emblem, check_identity, check_service_facts

    production = bool(config.get("PRODUCTION"))
    problems = check_catalog(catalog, production=production)
    problems += check_service_facts(catalog, dt.date.today(), int(config["FACTS_REVIEW_MONTHS"]))
    problems += check_identity(config) + check_emblem(config)
    return problems + (production_problems(catalog) if production else [])


def _points_at(problem, slugs: set[str]) -> bool:
    from urllib.parse import unquote

    target = unquote(str(getattr(problem.message, "values", {}).get("target", "")))
    return bool(target) and target.rstrip("/").rsplit("/", 1)[-1] in slugs


def _config_failure(exc: ConfigError) -> None:
    """Print a configuration error; the language comes from the environment, as the file is unusable."""
    message = _("错误：%(message)s", message=exc.args[0])
    click.echo(translate(message, staff_language(os.environ.get("PORTAL_STAFF_LANGUAGE", ""))), err=True)


def _language() -> str:
    return staff_language(_settings().get("STAFF_LANGUAGE", ""))


def _print_problems(problems: list, fmt: str = "text") -> None:
    lang = _language()
    if fmt == "json":
        rows = [
            {"file": str(p.path), "line": p.line, "severity": p.severity, "message": translate(p.message, lang)}
            for p in problems
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for line in report(problems, lang):
        click.echo(line, err=True)


@main.command()
@CONTENT_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--production", is_flag=True, default=None, help="Also flag sample content (default: the PRODUCTION setting)."
)
def check(content_dirs: tuple[Path, ...], fmt: str, production: bool | None) -> None:
    """Validate every content file and every link; print file:line: message for each problem.

    Exits 1 when there are errors, 0 when there are only warnings.
    """
    folders = _content_folders(content_dirs)
    entries, problems = run_checks(folders, production or None)
    _print_problems(problems, fmt)
    errors = sum(p.severity == "error" for p in problems)
    if fmt == "text":
        files = len({p.path for p in problems})
        values = {"entries": entries, "errors": errors, "warnings": len(problems) - errors, "files": files,
                  "folders": len(folders)}
        if errors:
            verdict = _(
                "未通过：%(entries)s 篇，%(files)s 个文件有问题：%(errors)s 个错误，%(warnings)s 个警告", **values
            )
        else:
            verdict = _("通过：%(entries)s 篇，%(errors)s 个错误，%(warnings)s 个警告，%(folders)s 个文件夹", **values)
        click.echo(translate(verdict, _language()))
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(prog_name=os.path.basename(sys.argv[0])))
