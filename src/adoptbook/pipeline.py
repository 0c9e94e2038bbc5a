"""From a project to one edition's pages, with no MkDocs involved.

load -> check -> filter for the edition -> render. The MkDocs plugin and
`adoptbook render` both start here, so any engine can publish the same pages.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .brand import Brand, load_brand
from .checks import check_content
from .config import Edition, Project
from .content import Content, EditionContent, view_for
from .editions import for_edition
from .health import HealthSource, build_date, health_source
from .loader import PlayCache, load_content
from .macros import Macros
from .pages import check_pages, expand_page
from .problems import ContentError, Problem, errors
from .references import play_uri, views
from .render import PlayRenderer


@dataclass
class PreparedEdition:
    """One edition, filtered and ready to publish."""

    project: Project
    edition: Edition
    content: EditionContent
    renderer: PlayRenderer
    brand: Brand
    warnings: list[Problem] = field(default_factory=list)
    health: HealthSource | None = None

    def play_pages(self) -> dict[str, str]:
        """src_uri -> Markdown of every play page in this edition."""
        return {
            play_uri(self.project.plays_url, play.id): self.renderer.page(play)
            for play in self.content.plays.values()
        }

    def page_uris(self) -> set[str]:
        return {page.src_uri for page in self.content.pages}

    def macros(self, current_page: Any) -> Macros:
        return Macros(
            self.content,
            self.renderer,
            self.project.plays_url,
            current_page,
            self.brand.site_name,
            self.health,
        )


def prepare_edition(project: Project, name: str | None = None, today: dt.date | None = None):
    """Load, check and filter; raise ContentError with every error if the content is bad."""
    checked = check_project(project, today)
    if errors(checked.problems):
        raise ContentError(errors(checked.problems))
    return checked.prepare(name)


def find_problems(project: Project, today: dt.date | None = None) -> tuple[Content, list[Problem]]:
    """Load the project and check everything: each view's filtered plays, pages' macros too."""
    checked = check_project(project, today)
    return checked.content, checked.problems


@dataclass
class CheckedProject:
    """A loaded and checked project, with the views of it that the checks filtered."""

    project: Project
    content: Content
    problems: list[Problem]
    views: list[EditionContent]
    report_date: dt.date
    """The date health reports are made for (SOURCE_DATE_EPOCH's, when set)."""

    def prepare(self, name: str | None = None) -> PreparedEdition:
        """One edition of content that passed the checks, filtered and ready to render."""
        assert self.content.taxonomy is not None  # a missing taxonomy is an error
        edition = self.project.edition(name)
        filtered = view_for(edition, self.views) or for_edition(self.content, edition)
        brand_dir = self.project.brands_dir / edition.brand
        brand = load_brand(brand_dir, self.project.display(brand_dir))
        renderer = PlayRenderer(filtered, self.project.templates_dir, self.project.plays_url)
        warnings = [p for p in self.problems if p.severity == "warning"]
        health = health_source(filtered, self.views, self.project, self.report_date)
        return PreparedEdition(self.project, edition, filtered, renderer, brand, warnings, health)


def check_project(
    project: Project, today: dt.date | None = None, cache: PlayCache | None = None
) -> CheckedProject:
    """Load (reusing `cache` for play files read before) and check everything."""
    report_date = today or build_date()
    with _gc_paused():
        content = load_content(project, cache)
        problems = check_content(content, project, today or dt.date.today())
        filtered = []
        if content.taxonomy is not None:
            filtered = [for_edition(content, view, problems) for view in views(project)]
            if not errors(problems):
                problems += check_pages(filtered, project, report_date)
    return CheckedProject(project, content, sorted(set(problems)), filtered, report_date)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading makes a million small objects that all stay alive; the cyclic garbage
    collector would scan them again and again, for a third of the loading time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def render_pages(prepared: PreparedEdition) -> dict[str, str]:
    """Every Markdown page of the edition as MkDocs receives it, macros expanded."""
    pages = prepared.play_pages()
    pages.update(expand_pages(prepared))
    return dict(sorted(pages.items()))


def expand_pages(prepared: PreparedEdition) -> dict[str, str]:
    """The edition's hand-written pages, macros expanded."""
    return {
        page.src_uri: expand_page(page, prepared.macros(lambda page=page: page.src_uri))
        for page in prepared.content.pages
    }


def prune_nav(nav: list[Any] | None, visible: set[str]) -> list[Any] | None:
    """The nav without entries for pages the edition does not have; empty sections dropped."""
    if nav is None:
        return None
    pruned = []
    for entry in nav:
        kept = _prune_entry(entry, visible)
        if kept is not None:
            pruned.append(kept)
    return pruned


def _prune_entry(entry: Any, visible: set[str]) -> Any:
    if isinstance(entry, str):
        return entry if _is_visible(entry, visible) else None
    if isinstance(entry, dict) and len(entry) == 1:
        ((title, value),) = entry.items()
        if isinstance(value, list):
            children = prune_nav(value, visible)
            return {title: children} if children else None
        return entry if _is_visible(value, visible) else None
    return entry


def _is_visible(target: str, visible: set[str]) -> bool:
    is_page = target.endswith(".md") and "://" not in target
    return not is_page or target in visible
