"""Playbook health, for its owner: reviews due, coverage, gaps in the plays, size.

Computed from the filtered views of the content, like every other page: the report
an internal edition shows describes the plays that edition shows. Customer editions
get no health source at all, so the `health_report()` macro fails there.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel

from .checks import DAYS_PER_UNIT
from .config import Edition, Project
from .content import Content, EditionContent
from .editions import page_visible, play_visible, visible_at
from .links import MD_LINK
from .model import CommunicationPlay, PlayBase
from .playtypes import scaffold_at
from .taxonomy import Taxonomy

DUE_SOON_DAYS = 30
VARIANT_KINDS = ("segments", "tiers")


def build_date() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names, so that a rebuild gives the same report."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


@dataclass(frozen=True)
class PlayRef:
    id: str
    title: str


@dataclass(frozen=True)
class Review:
    play: PlayRef
    owner: str
    reviewed: dt.date
    due: dt.date
    overdue: bool


@dataclass(frozen=True)
class VariantGap:
    play: PlayRef
    kind: str  # "segments" or "tiers"
    value: str
    internal_only: bool  # a variant exists, but customers do not see it


@dataclass(frozen=True)
class LonelyPlaceholder:
    name: str
    play: PlayRef


@dataclass(frozen=True)
class ScaffoldLeft:
    play: PlayRef
    fields: list[str]


@dataclass(frozen=True)
class EditionSize:
    name: str
    audience: str
    segment: str | None
    tier: str | None
    plays: int
    pages: int
    plays_by_type: dict[str, int]


@dataclass
class Coverage:
    """Plays per (stage, type) row and (segment, tier) column; open-ended plays count for all."""

    stages: list[str]
    types: list[str]
    segments: list[str]
    tiers: list[str]
    cells: dict[tuple[str, str], dict[tuple[str, str], int]]
    rows: dict[tuple[str, str], int]  # distinct plays per row

    def gaps(self) -> int:
        return sum(1 for row in self.cells.values() for n in row.values() if n == 0)

    def largest(self) -> int:
        return max((n for row in self.cells.values() for n in row.values()), default=0)


@dataclass
class Health:
    edition: str
    date: dt.date
    due_soon_days: int
    plays: int
    reviews: list[Review]
    no_review_cycle: list[PlayRef]
    coverage: Coverage
    without_symptoms: list[PlayRef]
    unlinked: list[PlayRef]
    variant_gaps: list[VariantGap]
    lonely_placeholders: list[LonelyPlaceholder]
    scaffold_left: list[ScaffoldLeft]
    sizes: list[EditionSize] = field(default_factory=list)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def label(self, kind: str, value: str) -> str:
        return self.labels.get(kind, {}).get(value, value)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["coverage"] = {
            "stages": self.coverage.stages,
            "types": self.coverage.types,
            "segments": self.coverage.segments,
            "tiers": self.coverage.tiers,
            "gaps": self.coverage.gaps(),
            "cells": [
                {"stage": stage, "type": kind, "segment": seg, "tier": tier, "plays": n}
                for (stage, kind), row in self.coverage.cells.items()
                for (seg, tier), n in row.items()
            ],
        }
        return data


class HealthSource:
    """Builds the report of one internal edition when a page first asks for it."""

    def __init__(self, content: EditionContent, source: Content, project: Project) -> None:
        self.content, self.source, self.project = content, source, project
        self._health: Health | None = None

    def __call__(self, today: dt.date | None = None) -> Health:
        if today is not None:
            return build_health(self.content, self.source, self.project, today)
        if self._health is None:
            self._health = build_health(self.content, self.source, self.project, build_date())
        return self._health


def health_source(
    content: EditionContent, source: Content, project: Project
) -> HealthSource | None:
    """A health source for an internal edition; None for any other."""
    if content.edition.audience != "internal":
        return None
    return HealthSource(content, source, project)


def build_health(
    content: EditionContent, source: Content, project: Project, today: dt.date
) -> Health:
    """The report of `content`, an internal edition; `source` only counts other editions
    and tells which variants customers see."""
    plays = list(content.plays.values())
    texts = _texts_to_read(content, source)
    reviews, no_cycle = _reviews(plays, today)
    taxonomy = source.taxonomy or content.taxonomy  # every declared term, for the gaps
    return Health(
        edition=content.edition.name,
        date=today,
        due_soon_days=DUE_SOON_DAYS,
        plays=len(plays),
        reviews=reviews,
        no_review_cycle=no_cycle,
        coverage=coverage(plays, taxonomy),
        without_symptoms=[_ref(p) for p in plays if not p.symptoms],
        unlinked=_unlinked(plays, texts, project.plays_url),
        variant_gaps=_variant_gaps(content, source, taxonomy),
        lonely_placeholders=_lonely_placeholders(plays),
        scaffold_left=_scaffold_left(plays, texts),
        sizes=edition_sizes(project, source),
        labels={
            kind: {k: t.label for k, t in taxonomy.vocabulary(kind).items()} for kind in LABELLED
        },
    )


LABELLED = ("types", "stages", "segments", "tiers")


def _ref(play: PlayBase) -> PlayRef:
    return PlayRef(play.id, play.title)


def review_due(play: PlayBase) -> dt.date | None:
    """When the play's next review is due; None without a `review_every`."""
    every = play.review_every
    if not every:
        return None
    return play.reviewed + dt.timedelta(days=int(every[:-1]) * DAYS_PER_UNIT[every[-1]])


def _reviews(plays: list[PlayBase], today: dt.date) -> tuple[list[Review], list[PlayRef]]:
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    reviews, no_cycle = [], []
    for play in plays:
        due = review_due(play)
        if due is None:
            no_cycle.append(_ref(play))
        elif due <= soon:
            reviews.append(Review(_ref(play), play.owner, play.reviewed, due, due < today))
    reviews.sort(key=lambda r: (r.owner, r.due, r.play.id))
    return reviews, no_cycle


def coverage(plays: list[PlayBase], taxonomy: Taxonomy) -> Coverage:
    stages, types = list(taxonomy.stages), list(taxonomy.types)
    segments, tiers = list(taxonomy.segments), list(taxonomy.tiers)
    columns = [(s, t) for s in segments for t in tiers]
    cells = {(stage, kind): dict.fromkeys(columns, 0) for stage in stages for kind in types}
    rows: Counter[tuple[str, str]] = Counter()
    for play in plays:
        play_columns = [(s, t) for s in play.segments or segments for t in play.tiers or tiers]
        for stage in play.stages:
            row = cells.get((stage, play.type))
            if row is None:
                continue
            rows[(stage, play.type)] += 1
            for column in play_columns:
                if column in row:
                    row[column] += 1
    return Coverage(stages, types, segments, tiers, cells, {key: rows[key] for key in cells})


def _unlinked(plays: list[PlayBase], texts: dict[str, list[str]], plays_url: str) -> list[PlayRef]:
    """Plays no other play names in `related` or links to from its text."""
    named: set[str] = set()
    for play in plays:
        named.update(pid for pid in play.related if pid != play.id)
        here = f"{plays_url}/{play.id}.md"
        for text in texts[play.id]:
            if "](" not in text:
                continue
            for match in MD_LINK.finditer(text):
                target = _play_target(match.group(1), here, plays_url)
                if target and target != play.id:
                    named.add(target)
    return [_ref(p) for p in plays if p.id not in named]


def _play_target(link: str, from_uri: str, plays_url: str) -> str | None:
    path = link.split("#", 1)[0].split("?", 1)[0]
    if not path.endswith(".md") or "://" in path:
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), path))
    folder, _, name = resolved.rpartition("/")
    return name[:-3] if folder == plays_url else None


def _texts_to_read(content: EditionContent, source: Content) -> dict[str, list[str]]:
    """Text of each play to look for links and scaffold text in.

    An edition that shows everything shows each play's whole file, so the file's text is
    read as it is; a narrowed one shows less, so its plays' strings are walked instead.
    A play whose file has neither a link nor scaffold text needs nothing read.
    """
    files = {original.play.id: original.document.text for original in source.plays}
    texts = {}
    for play in content.plays.values():
        text = files.get(play.id, "](")
        if "](" not in text and scaffold_at(text) < 0:
            texts[play.id] = []
        elif content.edition.shows_everything and play.id in files:
            texts[play.id] = [text]
        else:
            texts[play.id] = texts_of(play)
    return texts


def texts_of(play: PlayBase) -> list[str]:
    """Every string in a play model, without dumping it first (the report reads 1,000s)."""
    found: list[str] = []
    stack: list[Any] = [play]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, BaseModel):
            stack.extend(node.__dict__.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
    return found


def _variant_gaps(content: EditionContent, source: Content, taxonomy: Taxonomy) -> list[VariantGap]:
    """Customer-visible plays that give guidance per segment (tier), but customers do not
    get it for every segment (tier) the play covers: it lists them, or none for all.

    A play without variants of a kind says the same to everyone; that is not a gap.
    """
    customer = Edition.for_audience("customer")
    gaps = []
    for original in source.plays:
        play = content.plays.get(original.play.id)
        if play is None or not play_visible(original, customer):
            continue
        for kind in VARIANT_KINDS:
            written = _variants(play, kind)
            if not written:
                continue
            covered = getattr(play, kind) or list(taxonomy.vocabulary(kind))
            gaps += [
                VariantGap(_ref(play), kind, value, value in written)
                for value in covered
                if value not in written
                or not visible_at(original.data, ("variants", kind, value), customer.audience)
            ]
    return gaps


def _variants(play: PlayBase, kind: str) -> dict[str, Any]:
    return dict(getattr(play.variants, kind)) if play.variants else {}


def _lonely_placeholders(plays: list[PlayBase]) -> list[LonelyPlaceholder]:
    users: defaultdict[str, list[PlayBase]] = defaultdict(list)
    for play in plays:
        if isinstance(play, CommunicationPlay):
            for name in play.placeholders:
                users[name].append(play)
    return [
        LonelyPlaceholder(name, _ref(found[0]))
        for name, found in sorted(users.items())
        if len(found) == 1
    ]


def _scaffold_left(plays: list[PlayBase], texts: dict[str, list[str]]) -> list[ScaffoldLeft]:
    found = []
    for play in plays:
        if not any(scaffold_at(text) >= 0 for text in texts[play.id]):
            continue
        fields = [path for path, text in _located_strings(play, "") if scaffold_at(text) >= 0]
        if fields:
            found.append(ScaffoldLeft(_ref(play), fields))
    return found


def _located_strings(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, BaseModel):
        for key, value in node.__dict__.items():
            yield from _located_strings(value, f"{path}.{key}" if path else key)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _located_strings(value, f"{path}.{key}")
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from _located_strings(item, f"{path}[{index}]")


def edition_sizes(project: Project, source: Content) -> list[EditionSize]:
    """Plays and pages each edition shows, by the same rules that filter them."""
    sizes = []
    for edition in project.editions.values():
        shown = [p.play for p in source.plays if play_visible(p, edition)]
        sizes.append(
            EditionSize(
                name=edition.name,
                audience=edition.audience,
                segment=edition.segment,
                tier=edition.tier,
                plays=len(shown),
                pages=sum(1 for page in source.pages if page_visible(page, edition)),
                plays_by_type=dict(sorted(Counter(play.type for play in shown).items())),
            )
        )
    return sizes
