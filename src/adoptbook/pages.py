"""Hand-written playbook pages: expand their macros, and check that every page can be.

`adoptbook render` expands pages here with a plain Jinja environment holding the
same macro functions that mkdocs-macros gets, so any engine receives the same Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import jinja2
import yaml

from .config import Project
from .content import EditionContent, Page
from .health import health_source
from .macros import Macros
from .problems import ContentError, Problem
from .render import PlayRenderer

_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def expand_page(page: Page, macros: Macros) -> str:
    """The page's Markdown with macros expanded and its front matter kept."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.globals.update(macros.functions())
    try:
        body = env.from_string(page.body).render(page={"meta": page.meta})
    except (jinja2.TemplateError, ContentError, TypeError) as exc:
        line, column = _failing_place(page, env, exc)
        message = f"macro error: {_describe(exc)}"
        raise ContentError.single(page.path, message, line, column) from None
    meta = yaml.safe_dump(page.meta, sort_keys=False, allow_unicode=True) if page.meta else ""
    return f"---\n{meta}---\n{body}" if meta else body


def _describe(exc: Exception) -> str:
    if isinstance(exc, ContentError):
        return "; ".join(p.message for p in exc.problems)
    return str(exc).splitlines()[0]


def _failing_place(page: Page, env: jinja2.Environment, exc: Exception) -> tuple[int, int]:
    """Line and column of the expression that fails, found by trying each one alone."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.lineno:
        return page.body_line + exc.lineno - 1, 1
    for match in _EXPRESSION.finditer(page.body):
        try:
            env.from_string(match.group(0)).render(page={"meta": page.meta})
        except Exception:
            offset = match.start()
            line = page.body_line + page.body.count("\n", 0, offset)
            return line, offset - (page.body.rfind("\n", 0, offset) + 1) + 1
    return page.body_line, 1


def check_pages(
    filtered: list[EditionContent], project: Project, report_date: dt.date
) -> Iterator[Problem]:
    """Expand every page in each filtered view of the content; report what fails."""
    for edition in filtered:
        renderer = PlayRenderer(edition, project.templates_dir, project.plays_url)
        health = health_source(edition, filtered, project, report_date)
        for page in edition.pages:
            macros = Macros(
                edition, renderer, project.plays_url, lambda page=page: page.src_uri, health=health
            )
            try:
                expand_page(page, macros)
            except ContentError as exc:
                yield from exc.problems
