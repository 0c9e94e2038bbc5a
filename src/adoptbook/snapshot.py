"""Every edition's final Markdown at one revision, rendering only what is read.

`adoptbook diff` compares two revisions of the same playbook. A play page depends on
the play as its edition shows it, on the plays it names as related, and on what every
play page shares: the taxonomy, snippets, templates, the set of pages and the edition
itself. When all of that equals the earlier revision's, the page is the same page: the
later snapshot shares it, and it is rendered only if the comparison ever reads it.
Hand-written pages list plays, so they are always expanded again. Play files with the
same bytes are parsed once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import ParseCache
from .config import Project
from .gitrev import RevisionContentError
from .health import texts_of
from .model import PlayBase
from .pipeline import PreparedEdition, expand_pages, prepare_checked, start_check
from .playtypes import TYPES
from .problems import ContentError, Problem, errors
from .reader_text import plain
from .render import PACKAGE_TEMPLATES, human_timing
from .taxonomy import Taxonomy
from .words import WORDS

LABELLED = ("stages", "segments", "tiers", "personas", "tags")
CODE_WORDS = "Type Stage Segment Tier Persona Topic Tags Call sheet"  # tag prefixes, titles
_WORD = re.compile(r"[^\W_]+")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def _template_text(template: Path | bytes) -> str:
    """What a template writes itself: its text without Jinja code and markup."""
    raw = template.read_bytes() if isinstance(template, Path) else template
    text = _JINJA.sub(" ", raw.decode("utf-8", "replace"))
    return "\n".join(plain(line) for line in text.splitlines())


def words(text: str) -> frozenset[str]:
    """The words of a text, in lower case."""
    return frozenset(word.lower() for word in _WORD.findall(text))


class RevisionFailsCheck(RevisionContentError):
    """The content at a revision has check errors, so its editions cannot be rendered."""

    def __init__(self, label: str, problems: list[Problem]) -> None:
        self.label, self.problems = label, problems
        first = problems[0].format()
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{label} fails check: {first}{more}")


class LazyPages(Mapping[str, str]):
    """Markdown pages by src_uri, each made the first time it is read."""

    def __init__(self) -> None:
        self._text: dict[str, str] = {}
        self._make: dict[str, Callable[[], str]] = {}

    def add(self, uri: str, make: Callable[[], str]) -> None:
        self._make[uri] = make

    def set(self, uri: str, text: str) -> None:
        self._text[uri] = text

    def is_made(self, uri: str) -> bool:
        return uri in self._text

    def __getitem__(self, uri: str) -> str:
        if uri not in self._text:
            self._text[uri] = self._make.pop(uri)()
        return self._text[uri]

    def __contains__(self, uri: object) -> bool:
        return uri in self._text or uri in self._make

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*self._text, *self._make}))

    def __len__(self) -> int:
        return len(self._text) + len(self._make)


@dataclass
class RenderedEdition:
    name: str
    audience: str
    segment: str | None
    tier: str | None
    plays_url: str
    pages: LazyPages
    plays: dict[str, PlayBase] = field(repr=False)
    taxonomy: Taxonomy = field(repr=False)
    snippets: dict[str, str] = field(repr=False)
    setting: tuple[Any, ...] = field(repr=False)
    unchanged: frozenset[str] = frozenset()
    """Pages made from plays whose every input equals the earlier revision's: the same text."""
    made_from: dict[str, str] = field(default_factory=dict, repr=False)
    """Page src_uri -> id of the play it is made from."""
    _words: frozenset[str] | None = field(default=None, repr=False)

    @property
    def shows_everything(self) -> bool:
        return self.audience == "internal" and not self.segment and not self.tier

    @property
    def reused(self) -> int:
        return len(self.unchanged)

    def words_of(self, uri: str) -> frozenset[str] | None:
        """The words a page made from a play can hold besides template words (lower case);
        None for a hand-written page. Only a page holding every word of a sentence can show
        it."""
        play = self.plays.get(self.made_from.get(uri, ""))
        if play is None:
            return None
        parts = [*texts_of(play), str(play.reviewed)]  # the one value that is not text
        for pid in _named_plays(play, self.plays):
            parts += [self.plays[pid].title, self.plays[pid].summary]
        for kind in LABELLED:
            parts += [self.taxonomy.label(kind, value) for value in getattr(play, kind)]
        if play.variants:
            parts += [self.taxonomy.label("segments", s) for s in play.variants.segments]
            parts += [self.taxonomy.label("tiers", t) for t in play.variants.tiers]
        return words("\n".join(parts))

    def template_words(self) -> frozenset[str]:
        """Words any page made from a play may hold whatever its play: templates, headings,
        type labels, snippets, and what the rendering code writes itself."""
        if self._words is None:
            parts = [
                *WORDS[self.audience].values(),
                *(w for t in TYPES.values() for w in t.words.values()),
                *(self.taxonomy.label("types", kind) for kind in self.taxonomy.types),
                *self.snippets.values(),
                *(_template_text(text) for _name, text in self.setting[-1]),
                *(_template_text(p) for p in sorted(PACKAGE_TEMPLATES.glob("*"))),
                *(human_timing(t) for t in ("week -2", "weeks 2 to 4", "week 0", "weeks -1 to 1")),
                CODE_WORDS,
            ]
            self._words = words("\n".join(parts))
        return self._words


@dataclass
class Snapshot:
    label: str
    editions: dict[str, RenderedEdition]


def take_snapshot(
    project: Project,
    label: str,
    earlier: Snapshot | None = None,
    cache: ParseCache | None = None,
    today: dt.date | None = None,
) -> Snapshot:
    """Check the project and prepare every edition, sharing `earlier`'s unchanged pages."""
    content, problems, views, pages = start_check(project, today, cache)
    if errors(problems):
        raise RevisionFailsCheck(label, errors(sorted(set(problems))))
    try:
        editions = {}
        for name, edition in project.editions.items():  # while a child checks the pages
            before = earlier.editions.get(name) if earlier else None
            prepared = prepare_checked(project, edition, content, problems, views)
            editions[name] = render_edition(prepared, before)
    except ContentError:
        _raise_if_failing(label, pages.result())  # the check's report of a page comes first
        raise
    except BaseException:
        pages.cancel()
        raise
    _raise_if_failing(label, pages.result())
    return Snapshot(label, editions)


def _raise_if_failing(label: str, problems: list[Problem]) -> None:
    failing = errors(sorted(set(problems)))
    if failing:
        raise RevisionFailsCheck(label, failing) from None


def render_edition(
    prepared: PreparedEdition, earlier: RenderedEdition | None = None
) -> RenderedEdition:
    setting = _setting(prepared)
    reusable = earlier if earlier is not None and earlier.setting == setting else None
    plays = prepared.content.plays
    pages, unchanged, made_from = LazyPages(), set(), {}
    for play in plays.values():
        same = reusable is not None and _same_inputs(play, plays, reusable.plays)
        for uri, make in prepared.pages_of(play).items():
            made_from[uri] = play.id
            if same and uri in reusable.pages:
                pages.add(uri, lambda uri=uri, shared=reusable.pages: shared[uri])
                unchanged.add(uri)
            else:
                pages.add(uri, make)
    for uri, text in expand_pages(prepared).items():
        pages.set(uri, text)
    edition = prepared.edition
    return RenderedEdition(
        name=edition.name,
        audience=edition.audience,
        segment=edition.segment,
        tier=edition.tier,
        plays_url=prepared.project.plays_url,
        pages=pages,
        plays=dict(plays),
        taxonomy=prepared.content.taxonomy,
        snippets=prepared.content.snippets,
        setting=setting,
        unchanged=frozenset(unchanged),
        made_from=made_from,
    )


def _same_inputs(play: PlayBase, now: dict[str, PlayBase], before: dict[str, PlayBase]) -> bool:
    """The play, and every play its pages may show something of, are as they were."""
    if before.get(play.id) != play:
        return False
    return all(now.get(pid) == before.get(pid) for pid in _named_plays(play, now, before))


def _named_plays(play: PlayBase, *editions: dict[str, PlayBase]) -> set[str]:
    """Every play id the play names, wherever (`related`, a checklist item's routes...):
    its pages may show those plays' titles and summaries."""
    return {text for text in texts_of(play) if any(text in plays for plays in editions)}


def _setting(prepared: PreparedEdition) -> tuple[Any, ...]:
    """What every page made from a play depends on besides its own plays (and what a new
    dependency of the templates must be added to: test_reused_pages_equal_a_full_render)."""
    content, edition, project = prepared.content, prepared.edition, prepared.project
    renderer = prepared.renderer
    return (
        edition.name,
        edition.audience,
        edition.segment,
        edition.tier,
        project.plays_url,
        content.taxonomy,
        content.snippets,
        frozenset(page.src_uri for page in content.pages),
        tuple((e.name, e.audience, e.segment, e.tier, e.site_url) for e in renderer.share_targets),
        _templates(project.templates_dir),  # last: template_words reads it
    )


def _templates(folder: Path) -> tuple[tuple[str, bytes], ...]:
    if not folder.is_dir():
        return ()
    return tuple(
        (path.relative_to(folder).as_posix(), path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )
