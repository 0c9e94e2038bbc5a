"""What the self-service journeys expect, worked out from the YAML sources of an edition.

The journeys pick their plays by what they are (a checklist with result bands, an
action plan with dated and undated steps) and compute what the page should show
with the package's own timing rule (`adoptbook.schedule.when`); the browser adds the
days and writes the files, and the tests compare.
"""

from __future__ import annotations

import ast
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from journey_kit import SourcePlay, audiences, published

from adoptbook.plans import PHASES, plain_text
from adoptbook.schedule import when
from sitekit import ROOT, BuiltSite

GO_LIVE = dt.date(2027, 3, 1)
TODAY = GO_LIVE - dt.timedelta(weeks=8)  # an adoption owner starting 8 weeks ahead
TIMELINE_MACRO = "rollout_timeline("


def shows(item: Any, edition: str) -> bool:
    """Whether readers of `edition` see a list item (no audience: as its parent)."""
    return (
        not isinstance(item, dict)
        or "audience" not in item
        or (edition in audiences(item["audience"]))
    )


@cache
def persona_label(slug: str) -> str:
    taxonomy = yaml.safe_load((ROOT / "taxonomy.yml").read_text(encoding="utf-8"))
    return str(taxonomy["personas"][slug]["label"])


def title(play: SourcePlay) -> str:
    return " ".join(str(play.data["title"]).split())


@dataclass
class Assessment:
    play: SourcePlay
    items: list[dict[str, Any]]
    bands: list[dict[str, Any]]

    def band_for(self, count: int) -> dict[str, Any]:
        fits = [b for b in self.bands if b["from"] <= count <= b.get("to", len(self.items))]
        assert len(fits) == 1, (count, self.bands)
        return fits[0]

    def routes(self, numbers: list[int]) -> list[str]:
        """Play ids recommended for the questions `numbers` (1-based), first seen first."""
        found: list[str] = []
        for number in numbers:
            for pid in self.items[number - 1].get("if_not") or []:
                if pid not in found:
                    found.append(pid)
        return found


def assessment(built: BuiltSite, edition: str) -> Assessment:
    """A checklist of the edition with result bands and routes on its first two questions."""
    for play in published(built, edition):
        if play.type != "checklist":
            continue
        items = [i for i in play.data["items"] if shows(i, edition)]
        bands = [b for b in play.data.get("results") or [] if shows(b, edition)]
        if bands and len(items) >= 3 and all(i.get("if_not") for i in items[:2]):
            return Assessment(play, items, bands)
    raise AssertionError(f"no checklist with bands and routes in the {edition} edition")


@dataclass
class PlanStep:
    name: str
    owner: str
    timing: str
    start: dt.date | None
    due: dt.date | None
    section: str


def dated_plan(built: BuiltSite, edition: str) -> tuple[SourcePlay, list[PlanStep]]:
    """An action plan of the edition with both dated and undated steps, as exported."""
    for play in published(built, edition):
        if play.type != "action-plan":
            continue
        steps = [_step(s) for s in play.data["steps"] if shows(s, edition)]
        if any(s.due for s in steps) and any(s.due is None for s in steps):
            return play, steps
    raise AssertionError(f"no action plan with dated and undated steps in the {edition} edition")


def _step(step: dict[str, Any]) -> PlanStep:
    span = when(step["timing"])
    return PlanStep(
        name=plain_text(step["do"]),
        owner=persona_label(step["owner"]),
        timing=step["timing"],
        start=_day(span.start),
        due=_day(span.due),
        section=PHASES[span.phase],
    )


def _day(offset: int | None) -> dt.date | None:
    return None if offset is None else GO_LIVE + dt.timedelta(days=offset)


@dataclass
class TimelineEntry:
    text: str
    start: dt.date
    due: dt.date


def timeline_entries(built: BuiltSite, edition: str) -> list[TimelineEntry]:
    """Every dated plan step and message the timeline page selects, with dates for GO_LIVE."""
    found = []
    wanted = timeline_filters(built)
    for play in published(built, edition):
        if not all(_matches(play, kind, values) for kind, values in wanted.items()):
            continue
        if play.type == "action-plan":
            moments = [(s["do"], s["timing"]) for s in play.data["steps"] if shows(s, edition)]
        elif play.type == "communication":
            moments = [(play.data["title"], play.data["send_when"])]
        else:
            continue
        for text, timing in moments:
            span = when(timing)
            start, due = _day(span.start), _day(span.due)
            if start is not None and due is not None:
                found.append(TimelineEntry(plain_text(text), start, due))
    return found


def timeline_page(built: BuiltSite) -> Path:
    docs = built.root / "playbooks"
    for path in sorted(docs.rglob("*.md")):
        if TIMELINE_MACRO in path.read_text(encoding="utf-8"):
            return path
    raise AssertionError("no playbook page calls rollout_timeline()")


def timeline_url(built: BuiltSite) -> str:
    """The site path of the page that holds the rollout timeline."""
    return _page_url(timeline_page(built).relative_to(built.root / "playbooks"))


def timeline_filters(built: BuiltSite) -> dict[str, list[str]]:
    """The keyword filters the page passes to rollout_timeline(), e.g. {"persona": [...]}."""
    text = timeline_page(built).read_text(encoding="utf-8")
    call = text[text.index(TIMELINE_MACRO) :]
    call = call[: call.index("}}")].strip().removesuffix(")")
    tree = ast.parse(call + ")", mode="eval").body
    assert isinstance(tree, ast.Call)
    filters = {k.arg: ast.literal_eval(k.value) for k in tree.keywords if k.arg}
    return {k: [v] if isinstance(v, str) else list(v) for k, v in filters.items()}


_FIELDS = {"type": "type", "stage": "stages", "segment": "segments", "tier": "tiers"}
_FIELDS |= {"persona": "personas", "tag": "tags"}


def _matches(play: SourcePlay, kind: str, values: list[str]) -> bool:
    """The macros' selection rule: any value in common; no segments (or tiers) fits all."""
    have = play.data.get(_FIELDS[kind]) or []
    have = [have] if isinstance(have, str) else have
    return bool(set(values) & set(have)) or (kind in ("segment", "tier") and not have)


def _page_url(relative: Path) -> str:
    parts = relative.with_suffix("").parts
    if parts[-1] == "index":
        parts = parts[:-1]
    return "/".join(parts) + "/" if parts else ""
