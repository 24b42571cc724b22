"""The ``portal`` command: serve, build, import, check."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .content import ContentError

CONTENT_OPTION = click.option(
    "--content",
    "content_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Content folder to publish (repeatable); overrides PORTAL_CONTENT_DIRS and the default.",
)


def _app(content_dirs: tuple[Path, ...], **overrides):
    from . import create_app

    config = dict(overrides)
    if content_dirs:
        config["CONTENT_DIRS"] = [str(p) for p in content_dirs]
    try:
        return create_app(config)
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
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
    from .preview import ContentWatcher

    app = _app(content_dirs, SHOW_DRAFTS=True)
    if not no_reload:
        ContentWatcher(app).start()
    click.echo(f"serving {len(app.extensions['portal.catalog'].entries)} entries on http://{host}:{port}/", err=True)
    app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)


@main.command()
@CONTENT_OPTION
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: the BUILD_DIR setting, build/).",
)
def build(content_dirs: tuple[Path, ...], out: Path | None) -> None:
    """Freeze the complete site into static files."""
    from .freeze import build_site
    from .settings import load_settings

    _, problems = run_checks(_content_folders(content_dirs), bool(load_settings()["PRODUCTION"]))
    _print_problems(problems)
    if any(p.severity == "error" for p in problems):
        click.echo("error: content has errors; nothing was built", err=True)
        raise SystemExit(1)
    app = _app(content_dirs)
    target = out or Path(app.config["BUILD_DIR"])
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int, url: str) -> None:
        if interactive:
            click.echo(f"\r{done}/{total} pages", nl=False, err=True)
        elif done % 100 == 0 or done == total:
            click.echo(f"{done}/{total} pages", err=True)

    try:
        report = build_site(app, target, progress)
    except Exception as exc:  # the previous build stays in place
        click.echo(f"\nerror: build failed, {target} left unchanged: {exc}", err=True)
        raise SystemExit(1) from None
    click.echo(f"\nbuilt {report.pages} pages into {report.output} in {report.seconds:.1f} s", err=True)
    _index(app)


def _index(app) -> None:
    from .search.live import build_index

    report = build_index(app)
    click.echo(f"indexed {report.documents} documents into {report.path} in {report.seconds:.1f} s", err=True)


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
def import_(files: tuple[Path, ...], content_dir: Path, section: str, overwrite: bool) -> None:
    """Turn received policy documents (text or .docx) into Markdown pages."""
    from .importer import ImportFailed, import_file

    failed = False
    for path in files:
        try:
            result = import_file(path, content_dir, section=section, overwrite=overwrite)
        except ImportFailed as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
            continue
        click.echo(f"imported {path} -> {result.output}")
        for warning in result.warnings:
            click.echo(f"warning: {path}: {warning}", err=True)
    _report_duplicates(content_dir)
    if failed:
        raise SystemExit(1)


def _report_duplicates(content_dir: Path) -> None:
    from .content import load_catalog

    try:
        catalog = load_catalog([content_dir])
    except ContentError:
        return
    for warning in catalog.warnings:
        click.echo(f"warning: {warning}", err=True)


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
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(1) from None
    click.echo(f"created {path} (draft: set 'draft: false' or delete the line to publish)")


def _content_folders(content_dirs: tuple[Path, ...]) -> list[Path]:
    from .settings import load_settings

    return list(content_dirs) or [Path(p) for p in load_settings()["CONTENT_DIRS"]]


def run_checks(folders: list[Path], production: bool = False) -> tuple[int, list]:
    """Load the folders and run every check; return the entry count and all problems.

    ``production`` adds the production-only checks (no ``sample: true`` content).
    """
    from .content import load_catalog
    from .content.checks import check_catalog
    from .content.production import production_problems

    try:
        catalog = load_catalog(folders)
    except ContentError as exc:
        return 0, list(exc.problems)
    return len(catalog.entries), check_catalog(catalog) + (production_problems(catalog) if production else [])


def _print_problems(problems: list, fmt: str = "text") -> None:
    if fmt == "json":
        rows = [{"file": str(p.path), "line": p.line, "severity": p.severity, "message": p.message} for p in problems]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for problem in problems:
        click.echo(f"{problem.severity}: {problem}", err=True)


@main.command()
@CONTENT_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--production", is_flag=True, help="Also refuse sample content (default: the PRODUCTION setting).")
def check(content_dirs: tuple[Path, ...], fmt: str, production: bool) -> None:
    """Validate every content file and every link; print file:line: message for each problem.

    Exits 1 when there are errors, 0 when there are only warnings.
    """
    from .settings import load_settings

    folders = _content_folders(content_dirs)
    entries, problems = run_checks(folders, production or bool(load_settings()["PRODUCTION"]))
    _print_problems(problems, fmt)
    errors = sum(p.severity == "error" for p in problems)
    if fmt == "text":
        warnings = len(problems) - errors
        verdict = "failed" if errors else "ok"
        click.echo(
            f"{verdict}: {entries} entries, {errors} error(s), {warnings} warning(s) in {len(folders)} folder(s)"
        )
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(prog_name=os.path.basename(sys.argv[0])))
