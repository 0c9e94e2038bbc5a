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
from .callsheet import call_sheet_pages
from .checks import check_content
from .config import Edition, Project
from .content import Content, EditionContent
from .editions import for_edition
from .loader import load_content
from .macros import Macros
from .pages import check_pages, expand_page
from .problems import ContentError, Problem, errors
from .references import play_uri, views
from .render import PlayRenderer
from .share import share_targets


@dataclass
class PreparedEdition:
    """One edition, filtered and ready to publish."""

    project: Project
    edition: Edition
    content: EditionContent
    renderer: PlayRenderer
    brand: Brand
    warnings: list[Problem] = field(default_factory=list)

    def play_pages(self) -> dict[str, str]:
        """src_uri -> Markdown of every play page in this edition, and of their call sheets."""
        pages = {
            play_uri(self.project.plays_url, play.id): self.renderer.page(play)
            for play in self.content.plays.values()
        }
        return pages | call_sheet_pages(self.renderer)

    def page_uris(self) -> set[str]:
        return {page.src_uri for page in self.content.pages}

    def macros(self, current_page: Any) -> Macros:
        return Macros(
            self.content, self.renderer, self.project.plays_url, current_page, self.brand.site_name
        )


def prepare_edition(project: Project, name: str | None = None, today: dt.date | None = None):
    """Load, check and filter; raise ContentError with every error if the content is bad."""
    edition = project.edition(name)
    content, problems = find_problems(project, today)
    if errors(problems):
        raise ContentError(errors(problems))
    assert content.taxonomy is not None  # a missing taxonomy is an error above
    filtered = for_edition(content, edition)
    brand_dir = project.brands_dir / edition.brand
    brand = load_brand(brand_dir, project.display(brand_dir))
    targets = tuple(share_targets(project.editions.values(), edition))
    renderer = PlayRenderer(filtered, project.templates_dir, project.plays_url, targets)
    warnings = [p for p in problems if p.severity == "warning"]
    return PreparedEdition(project, edition, filtered, renderer, brand, warnings)


def find_problems(project: Project, today: dt.date | None = None) -> tuple[Content, list[Problem]]:
    """Load the project and check everything: each view's filtered plays, pages' macros too."""
    with _gc_paused():
        content = load_content(project)
        problems = check_content(content, project, today or dt.date.today())
        if content.taxonomy is not None:
            filtered = [for_edition(content, view, problems) for view in views(project)]
            if not errors(problems):
                problems += check_pages(filtered, project)
    return content, sorted(set(problems))


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
    for page in prepared.content.pages:
        pages[page.src_uri] = expand_page(page, prepared.macros(lambda page=page: page.src_uri))
    return dict(sorted(pages.items()))


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
