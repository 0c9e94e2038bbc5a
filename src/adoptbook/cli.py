"""The `adoptbook` command: a thin layer over the package's plain functions."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from . import __version__
from .config import ConfigError, Project, load_project
from .loader import load_content
from .model import FOLDER_BY_TYPE, MODEL_BY_TYPE, SLUG_PATTERN
from .pipeline import find_problems
from .problems import Problem, as_json, errors
from .scaffold import scaffold
from .schema import PLAY_SCHEMA, write_schema_files

EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_CUSTOMER_CHANGE = 3


class UsageError(click.ClickException):
    exit_code = EXIT_USAGE


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="adoptbook")
@click.option(
    "-f",
    "--config-file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The project's mkdocs.yml.",
)
@click.pass_context
def main(ctx: click.Context, config_file: Path) -> None:
    """Publish adoption playbooks from YAML plays, in internal and customer editions."""
    ctx.obj = config_file


def _project(ctx: click.Context) -> Project:
    try:
        return load_project(ctx.obj)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def run_checks(project: Project, today: dt.date | None = None) -> list[Problem]:
    return find_problems(project, today)[1]


def report(problems: list[Problem], fmt: str = "text") -> None:
    if fmt == "json":
        click.echo(as_json(problems))
        return
    for problem in problems:
        click.echo(problem.format())
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            click.echo(problem.github_annotation())


@main.command()
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. overdue reviews) as errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format; json is for tools.",
)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), hidden=True)
@click.pass_context
def check(ctx: click.Context, strict: bool, fmt: str, today: dt.datetime | None) -> None:
    """Validate every play, page, snippet and the taxonomy.

    Prints one line per problem as file:line:column: severity: message.
    Exit status: 0 clean, 1 content errors, 2 usage errors.
    """
    project = _project(ctx)
    problems = run_checks(project, today.date() if today else None)
    report(problems, fmt)
    failing = problems if strict else errors(problems)
    if fmt == "text":
        n_err, n_warn = len(errors(problems)), len(problems) - len(errors(problems))
        click.echo(f"{n_err} error(s), {n_warn} warning(s)", err=True)
    if failing:
        sys.exit(EXIT_CONTENT)


@main.command()
@click.argument("play_type", metavar="TYPE", type=click.Choice(list(MODEL_BY_TYPE)))
@click.argument("play_id", metavar="ID")
@click.pass_context
def new(ctx: click.Context, play_type: str, play_id: str) -> None:
    """Write a new play of TYPE with id ID, ready to fill in.

    The file goes to plays/<type folder>/ID.yml, with a comment above each
    field. An existing file is never overwritten.
    """
    import re

    if not re.match(SLUG_PATTERN, play_id):
        raise UsageError(f"'{play_id}' is not a valid id: use lower-case words joined by hyphens")
    project = _project(ctx)
    content = load_content(project)
    if content.taxonomy is None:
        raise click.ClickException("the taxonomy has errors; run `adoptbook check` first")
    existing = next((p.path for p in content.plays if p.play.id == play_id), None)
    if existing:
        raise click.ClickException(f"a play with id '{play_id}' already exists: {existing}")
    path = project.plays_dir / FOLDER_BY_TYPE[play_type] / f"{play_id}.yml"
    if path.exists():
        raise click.ClickException(f"{project.display(path)} already exists; not overwriting it")
    schema_ref = os.path.relpath(project.plays_dir / "schema" / PLAY_SCHEMA, path.parent)
    text = scaffold(
        play_type, play_id, content.taxonomy, Path(schema_ref).as_posix(), dt.date.today()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {project.display(path)}")


@main.command()
@click.pass_context
def schema(ctx: click.Context) -> None:
    """Write the JSON Schema files used by editors (plays/schema/*.json)."""
    project = _project(ctx)
    content = load_content(project)
    for path in write_schema_files(project.plays_dir / "schema", content.taxonomy):
        click.echo(f"wrote {project.display(path)}")


def _edition_names(project: Project, edition: str | None) -> list[str]:
    if edition is None:
        return list(project.editions)
    if edition not in project.editions:
        raise UsageError(f"no edition '{edition}'; known: {', '.join(project.editions)}")
    return [edition]


def _fail_on_content_errors(project: Project) -> None:
    problems = errors(run_checks(project))
    if problems:
        report(problems)
        click.echo(f"{len(problems)} content error(s); nothing was built", err=True)
        sys.exit(EXIT_CONTENT)


@main.command()
@click.option("-e", "--edition", help="Build only this edition (default: every edition).")
@click.pass_context
def build(ctx: click.Context, edition: str | None) -> None:
    """Build every edition (or one) into its output folder, e.g. site/internal.

    Each edition builds in its own process. The old site is replaced only when
    every edition built cleanly; after a failure it is left exactly as it was.
    """
    from .build import build_editions

    project = _project(ctx)
    names = _edition_names(project, edition)
    results = build_editions(project, names)  # each edition checks the content itself
    if not all(r.ok for r in results):
        _fail_on_content_errors(project)  # report content errors once, as `check` does
    for result in results:
        noteworthy = [line for line in result.output.splitlines() if not line.startswith("INFO")]
        for line in noteworthy:
            click.echo(f"[{result.name}] {line}", err=True)
        status = "built" if result.ok else "FAILED"
        where = project.display(result.site_dir)
        click.echo(f"{status} {result.name} edition -> {where}/ ({result.seconds:.1f} s)", err=True)
    if not all(r.ok for r in results):
        click.echo("nothing was published; the previous site is unchanged", err=True)
        sys.exit(EXIT_CONTENT)


@main.command()
@click.option("-e", "--edition", help="The edition to preview (default: the first one).")
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="IP:PORT.")
@click.pass_context
def serve(ctx: click.Context, edition: str | None, dev_addr: str) -> None:
    """Preview an edition with live reload.

    Any change in plays/, playbooks/, snippets/, overrides/ or the taxonomy
    rebuilds the site and reloads the browser.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort

    from .build import EDITION_ENV

    project = _project(ctx)
    name = _edition_names(project, edition or project.default_edition)[0]
    _fail_on_content_errors(project)
    os.environ[EDITION_ENV] = name
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _enable_mkdocs_logging()
    click.echo(f"serving the {name} edition at http://{dev_addr}/ (Ctrl+C to stop)", err=True)
    try:
        mkdocs_serve(
            config_file=str(project.config_file),
            livereload=True,
            watch_theme=True,
            dev_addr=dev_addr,
        )
    except Abort as exc:
        raise click.ClickException(str(exc)) from None


def _enable_mkdocs_logging() -> None:
    import logging

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


@main.command()
@click.option("-e", "--edition", help="The edition to render (default: the first one).")
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write the Markdown pages to (created; must be empty or absent).",
)
@click.pass_context
def render(ctx: click.Context, edition: str | None, out: Path) -> None:
    """Write an edition's final Markdown pages (macros expanded) to a folder.

    This is what MkDocs receives; any Markdown site engine can build it.
    """
    from .pipeline import prepare_edition, render_pages
    from .problems import ContentError

    project = _project(ctx)
    name = _edition_names(project, edition or project.default_edition)[0]
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"{out} is not empty; choose a new folder")
    try:
        pages = render_pages(prepare_edition(project, name))
    except ContentError as exc:
        report(exc.problems)
        sys.exit(EXIT_CONTENT)
    for uri, markdown in pages.items():
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    click.echo(f"wrote {len(pages)} pages of the {name} edition to {out}", err=True)


@main.command("report")
@click.option("-e", "--edition", help="An internal edition (default: the first internal one).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "json"]),
    default="md",
    show_default=True,
    help="Markdown for people, json for tools.",
)
@click.pass_context
def health_report(ctx: click.Context, edition: str | None, fmt: str) -> None:
    """Print the playbook's health: reviews due, coverage, gaps, size.

    The same report as the internal edition's "Playbook health" page, made from
    that edition's plays. Exit status: 0 printed, 1 content errors, 2 usage errors.
    """
    from .health_report import health_json, health_markdown
    from .pipeline import check_project

    project = _project(ctx)
    internal = [n for n, e in project.editions.items() if e.audience == "internal"]
    name = _edition_names(project, edition or (internal[0] if internal else None))[0]
    if name not in internal:
        raise UsageError(f"edition '{name}' is not internal; the health report shows internal data")
    checked = check_project(project)
    if errors(checked.problems):
        report(errors(checked.problems))
        click.echo(f"{len(errors(checked.problems))} content error(s); no report", err=True)
        sys.exit(EXIT_CONTENT)
    health = checked.prepare(name).health
    assert health is not None  # every internal edition has one
    click.echo(health_json(health()) if fmt == "json" else health_markdown(health()))


@main.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "json"]),
    default="md",
    show_default=True,
    help="Markdown for a pull-request comment, json for tools.",
)
@click.pass_context
def diff(ctx: click.Context, base: str, head: str | None, fmt: str) -> None:
    """Show what each edition shows differently between two git revisions.

    Compares revision BASE with revision HEAD, or, without HEAD, with the work
    tree (uncommitted and untracked files included). Every edition declared in
    mkdocs.yml is rendered to Markdown at both; for each, the pages added,
    removed and changed, and for editions that do not show everything (the
    customer edition, a segment or tier) every sentence newly visible to their
    readers. Your checkout is never touched.

    Exit status: 0 nothing changes for customers, 3 customers will see a change,
    1 a revision fails `adoptbook check`, 2 usage errors (a bad revision,
    unresolved merge conflicts in the work tree, no git repository).
    """
    from .config import ConfigError
    from .diff import compare
    from .diff_report import diff_json, diff_markdown
    from .gitrev import RevisionError
    from .snapshot import RevisionFailsCheck

    try:
        result = compare(ctx.obj, base, head)
    except (RevisionError, ConfigError) as exc:
        raise UsageError(str(exc)) from None
    except RevisionFailsCheck as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_CONTENT)
    click.echo(diff_json(result) if fmt == "json" else diff_markdown(result), nl=False)
    if result.customer_visible_change:
        sys.exit(EXIT_CUSTOMER_CHANGE)
