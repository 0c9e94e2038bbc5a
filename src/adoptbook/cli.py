"""The `adoptbook` command: a thin layer over the package's plain functions."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from . import __version__
from .config import ConfigError, Edition, Project, choose_edition, load_project
from .leakguard import PASSED
from .loader import load_content
from .model import SLUG_PATTERN
from .pipeline import find_problems
from .playtypes import TYPES
from .problems import ContentError, Problem, as_json, errors
from .scaffold import scaffold
from .schema import PLAY_SCHEMA, write_schema_files

EXIT_CONTENT = 1
"""Content or configuration errors."""
EXIT_USAGE = 2
EXIT_CUSTOMER_CHANGE = 3
"""`adoptbook diff`: customers will see a change."""


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
    return _or_exit(load_project, ctx.obj)


def _or_exit(function, *args, **kwargs):
    """Run `function`; a configuration or content error becomes its lines and exit 1."""
    try:
        return function(*args, **kwargs)
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_CONTENT)
    except ContentError as exc:
        report(exc.problems)
        sys.exit(EXIT_CONTENT)


def _edition(project: Project, name: str | None) -> Edition:
    """The edition named on the command line, or the least privileged one."""
    return _or_exit(choose_edition, project, name)


def run_checks(project: Project, today: dt.date | None = None) -> list[Problem]:
    return _or_exit(find_problems, project, today)[1]


def report(problems: list[Problem], fmt: str = "text") -> None:
    if fmt == "json":
        click.echo(as_json(problems))
        return
    for problem in problems:
        click.echo(problem.format())
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            click.echo(problem.github_annotation())


F = TypeVar("F", bound=Callable[..., object])


def format_option(default: str, *others: str, help: str) -> Callable[[F], F]:
    """The `--format` option of a command whose output is read by people and by tools."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice([default, *others]),
        default=default,
        show_default=True,
        help=help,
    )


@main.command()
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. overdue reviews) as errors.")
@format_option("text", "json", help="Output format; json is for tools.")
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
@click.argument("play_type", metavar="TYPE")
@click.argument("play_id", metavar="ID")
@click.pass_context
def new(ctx: click.Context, play_type: str, play_id: str) -> None:
    """Write a new play of TYPE with id ID, ready to fill in.

    TYPE is a registered play type (myth, action-plan, communication, checklist,
    guide, ...). The file goes to plays/<type folder>/ID.yml, with a comment above
    each field. An existing file is never overwritten.
    """
    import re

    if play_type not in TYPES:
        raise UsageError(f"'{play_type}' is not a play type; use one of {', '.join(TYPES)}")
    if not re.match(SLUG_PATTERN, play_id):
        raise UsageError(f"'{play_id}' is not a valid id: use lower-case words joined by hyphens")
    project = _project(ctx)
    content = load_content(project)
    if content.taxonomy is None:
        raise click.ClickException("the taxonomy has errors; run `adoptbook check` first")
    existing = next((p.path for p in content.plays if p.play.id == play_id), None)
    if existing:
        raise click.ClickException(f"a play with id '{play_id}' already exists: {existing}")
    path = project.plays_dir / TYPES[play_type].folder / f"{play_id}.yml"
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


@main.command()
@click.option("-e", "--edition", help="Build only this edition (default: every edition).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Editions built at a time [cores].")
@click.pass_context
def build(ctx: click.Context, edition: str | None, jobs: int | None) -> None:
    """Build every edition (or one) into its output folder, e.g. site/internal.

    The content is checked once; then each edition builds in its own process, several
    at a time. The old sites are replaced only when every edition built cleanly; after a
    failure they are left exactly as they were.
    """
    from .build import build_editions
    from .pipeline import sources_digest

    project = _project(ctx)
    editions = [_edition(project, edition)] if edition else list(project.editions.values())
    checked = sources_digest(project)
    problems = errors(run_checks(project))
    if problems:
        report(problems)
        click.echo(f"{len(problems)} content error(s); nothing was built", err=True)
        sys.exit(EXIT_CONTENT)
    for ed in editions:
        click.echo(f"building {_describe(project, ed)}", err=True)
    results = build_editions(project, editions, checked=checked, jobs=jobs)
    for result in results:
        for line in filter(None, map(_relayed, result.output.splitlines())):
            click.echo(f"[{result.edition.name}] {line}", err=True)
        status = "built" if result.ok else "FAILED"
        click.echo(
            f"{status} {_describe(project, result.edition)} ({result.seconds:.1f} s)", err=True
        )
    if not all(r.ok for r in results):
        click.echo("nothing was published; the previous sites are unchanged", err=True)
        sys.exit(EXIT_CONTENT)


GUARD_LOG = f"INFO    -  adoptbook: {PASSED} "  # as MkDocs logs the plugin's line


def _relayed(line: str) -> str | None:
    """What `adoptbook build` shows of a line an edition's MkDocs process printed: every
    warning and error, and of the information only that the leak guard ran."""
    if line.startswith(GUARD_LOG):
        return f"{PASSED} {line.removeprefix(GUARD_LOG)}, nothing internal found"
    return None if line.startswith("INFO") else line


@main.command()
@format_option("text", "json", help="json: one line, for a CI build matrix.")
@click.pass_context
def editions(ctx: click.Context, fmt: str) -> None:
    """List the editions declared in mkdocs.yml: name, audience, brand, filter, folder.

    With --format json, a CI workflow can build one edition per job (see README).
    """
    import json

    project = _project(ctx)
    rows = [
        {
            "name": e.name,
            "audience": e.audience,
            "brand": e.brand,
            "segment": e.segment,
            "tier": e.tier,
            "site_dir": project.display(e.site_dir),
            "site_url": e.site_url,
            "public": not e.for_staff,
        }
        for e in project.editions.values()
    ]
    if fmt == "json":
        click.echo(json.dumps(rows))
        return
    for row in rows:
        narrowing = ", ".join(f"{k} {row[k]}" for k in ("segment", "tier") if row[k])
        extra = f" ({narrowing})" if narrowing else ""
        click.echo(
            f"{row['name']}: {row['audience']}{extra}, brand {row['brand']} -> {row['site_dir']}/"
        )


def _describe(project: Project, edition: Edition) -> str:
    where = project.display(edition.site_dir)
    hosting = "staff only: host it behind sign-in" if edition.for_staff else "public"
    return f"the {edition.name} edition, for {edition.audience} readers ({hosting}) -> {where}/"


@main.command()
@click.option("-e", "--edition", help="The edition to preview (default: the customer one).")
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="IP:PORT.")
@click.pass_context
def serve(ctx: click.Context, edition: str | None, dev_addr: str) -> None:
    """Preview an edition with live reload.

    Any change in plays/, playbooks/, snippets/, overrides/ or the taxonomy
    rebuilds the site and reloads the browser.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort

    from .config import EDITION_ENV

    project = _project(ctx)
    name = _edition(project, edition).name
    problems = errors(run_checks(project))
    if problems:
        report(problems)
        sys.exit(EXIT_CONTENT)
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
@click.option("-e", "--edition", help="The edition to render (default: the customer one).")
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

    project = _project(ctx)
    chosen = _edition(project, edition)
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"{out} is not empty; choose a new folder")
    prepared = _or_exit(prepare_edition, project, chosen)
    pages = _or_exit(render_pages, prepared)
    for uri, markdown in pages.items():
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    for uri in prepared.content.assets:
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(project.docs_dir / uri, target)
    files = len(prepared.content.assets)
    click.echo(
        f"wrote {len(pages)} pages and {files} other files of the {chosen.name} edition "
        f"(for {chosen.audience} readers) to {out}",
        err=True,
    )


@main.command("report")
@click.option("-e", "--edition", help="An internal edition (default: the first internal one).")
@format_option("md", "json", help="Markdown for people, json for tools.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), hidden=True)
@click.pass_context
def health_report(ctx: click.Context, edition: str | None, fmt: str, today: dt.datetime | None):
    """Print the playbook's health: reviews due, coverage, gaps, size.

    The same report as the internal edition's "Playbook health" page, made from
    that edition's plays. Exit status: 0 printed, 1 content or configuration
    errors, 2 usage errors (e.g. a customer edition named).
    """
    from .health import HealthSource
    from .health_report import health_json, health_markdown
    from .pipeline import prepare_edition

    project = _project(ctx)
    internal = [e.name for e in project.editions.values() if e.audience == "internal"]
    if not internal:
        raise UsageError("no internal edition is declared; the report shows internal data")
    chosen = _edition(project, edition or internal[0])
    if chosen.audience != "internal":
        raise UsageError(f"edition '{chosen.name}' is not internal; the report shows internal data")
    prepared = _or_exit(prepare_edition, project, chosen)
    health = HealthSource(prepared.content, prepared.source, project)
    found = health(today.date() if today else None)
    click.echo(health_json(found) if fmt == "json" else health_markdown(found))


@main.command()
@click.argument("base")
@click.argument("head", required=False)
@format_option("md", "json", help="Markdown for a pull-request comment, json for tools.")
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
    1 a revision fails `adoptbook check` (or its mkdocs.yml does), 2 usage errors
    (a bad revision, unresolved merge conflicts in the work tree, no git repository).
    """
    from .comparison import compare
    from .diff_report import diff_json, diff_markdown
    from .gitrev import RevisionContentError, RevisionError

    try:
        result = _or_exit(compare, ctx.obj, base, head)
    except RevisionError as exc:
        raise UsageError(str(exc)) from None
    except RevisionContentError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_CONTENT)
    click.echo(diff_json(result) if fmt == "json" else diff_markdown(result), nl=False)
    if result.customer_visible_change:
        sys.exit(EXIT_CUSTOMER_CHANGE)
