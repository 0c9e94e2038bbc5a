"""Every edition's final Markdown at one revision, rendering only what changed.

`adoptbook diff` renders two revisions of the same playbook. A play page depends
on the play as its edition shows it, on the plays it names as related, and on
what every play page shares: the taxonomy, snippets, templates, the set of pages
and the edition itself. When all of that is equal to the earlier revision's, the
earlier page is reused instead of rendered again. Hand-written pages list plays,
so they are always expanded again. Play files with the same bytes are parsed once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Project
from .gitrev import RevisionContentError
from .loader import PlayCache
from .model import PlayBase
from .pipeline import PreparedEdition, check_project, expand_pages, prepare_checked
from .problems import Problem, errors
from .references import play_uri


class RevisionFailsCheck(RevisionContentError):
    """The content at a revision has check errors, so its editions cannot be rendered."""

    def __init__(self, label: str, problems: list[Problem]) -> None:
        self.label, self.problems = label, problems
        first = problems[0].format()
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{label} fails check: {first}{more}")


@dataclass
class RenderedEdition:
    name: str
    audience: str
    segment: str | None
    tier: str | None
    plays_url: str
    pages: dict[str, str]
    plays: dict[str, PlayBase] = field(repr=False)
    setting: tuple[Any, ...] = field(repr=False)
    reused: int = 0

    @property
    def shows_everything(self) -> bool:
        return self.audience == "internal" and not self.segment and not self.tier


@dataclass
class Snapshot:
    label: str
    editions: dict[str, RenderedEdition]


def take_snapshot(
    project: Project,
    label: str,
    earlier: Snapshot | None = None,
    cache: PlayCache | None = None,
    today: dt.date | None = None,
) -> Snapshot:
    """Check the project and render every edition, reusing `earlier`'s unchanged pages."""
    content, problems, views = check_project(project, today, cache)
    failing = errors(problems)
    if failing:
        raise RevisionFailsCheck(label, failing)
    editions = {}
    for name, edition in project.editions.items():
        before = earlier.editions.get(name) if earlier else None
        prepared = prepare_checked(project, edition, content, problems, views)
        editions[name] = render_edition(prepared, before)
    return Snapshot(label, editions)


def render_edition(
    prepared: PreparedEdition, earlier: RenderedEdition | None = None
) -> RenderedEdition:
    setting = _setting(prepared)
    reusable = earlier if earlier is not None and earlier.setting == setting else None
    plays = prepared.content.plays
    pages, reused = {}, 0
    for play in plays.values():
        uri = play_uri(prepared.project.plays_url, play.id)
        if reusable is not None and _same_inputs(play, plays, reusable.plays):
            pages[uri] = reusable.pages[uri]
            reused += 1
        else:
            pages[uri] = prepared.renderer.page(play)
    pages.update(expand_pages(prepared))
    edition = prepared.edition
    return RenderedEdition(
        edition.name,
        edition.audience,
        edition.segment,
        edition.tier,
        prepared.project.plays_url,
        dict(sorted(pages.items())),
        dict(plays),
        setting,
        reused,
    )


def _same_inputs(play: PlayBase, now: dict[str, PlayBase], before: dict[str, PlayBase]) -> bool:
    """The play and the related plays its page shows are as they were."""
    if before.get(play.id) != play:
        return False
    return all(now.get(pid) == before.get(pid) for pid in play.related)


def _setting(prepared: PreparedEdition) -> tuple[Any, ...]:
    """What every play page of the edition depends on besides its own plays."""
    content, edition, project = prepared.content, prepared.edition, prepared.project
    return (
        edition.name,
        edition.audience,
        edition.segment,
        edition.tier,
        project.plays_url,
        content.taxonomy,
        content.snippets,
        frozenset(page.src_uri for page in content.pages),
        _templates(project.templates_dir),
    )


def _templates(folder: Path) -> tuple[tuple[str, bytes], ...]:
    if not folder.is_dir():
        return ()
    return tuple(
        (path.relative_to(folder).as_posix(), path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )
