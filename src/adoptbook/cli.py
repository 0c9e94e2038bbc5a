"""The `adoptbook` command: a thin layer over the package's plain functions."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from . import __version__
from .checks import check_content
from .config import ConfigError, Project, load_project
from .loader import load_content
from .model import FOLDER_BY_TYPE, MODEL_BY_TYPE, SLUG_PATTERN
from .problems import Problem, as_json, errors
from .scaffold import scaffold
from .schema import PLAY_SCHEMA, write_schema_files

EXIT_CONTENT = 1
EXIT_USAGE = 2


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
    content = load_content(project)
    return check_content(content, project, today or dt.date.today())


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
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
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
    if any(p.play.id == play_id for p in content.plays):
        raise click.ClickException(f"a play with id '{play_id}' already exists")
    path = project.plays_dir / FOLDER_BY_TYPE[play_type] / f"{play_id}.yml"
    if path.exists():
        raise click.ClickException(f"{project.display(path)} already exists; not overwriting it")
    schema_ref = os.path.relpath(project.plays_dir / "schema" / PLAY_SCHEMA, path.parent)
    text = scaffold(play_type, play_id, content.taxonomy, Path(schema_ref).as_posix(), dt.date.today())
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
