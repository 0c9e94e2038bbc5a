"""Checklists as self-assessments: where each answer leads, and what a count of answers means.

Counting rule (one place, also shown on every checklist page): the result is the number
of questions answered "no" plus the number answered "not sure". A "not sure" counts as a
"no" because what nobody can confirm is not yet in place. The `results` bands of a
checklist must together cover every count from 0 to the number of questions its readers
see, with no gaps or overlaps; since audiences may see different numbers of questions,
the last band usually leaves out `to` ("or more").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .content import SourcePlay
from .editions import applies_to, play_audience, visible_at
from .model import ChecklistPlay
from .problems import Problem
from .references import References
from .yamlpos import Loc


def checklist_problems(source: SourcePlay, refs: References) -> Iterator[Problem]:
    if isinstance(source.play, ChecklistPlay):
        yield from _routes(source, refs)
        yield from _bands(source)


def _routes(source: SourcePlay, refs: References) -> Iterator[Problem]:
    """Every play an item recommends exists, and every reader of the item may open it."""
    play = source.play
    assert isinstance(play, ChecklistPlay)
    readers = [
        view
        for view in refs.views
        if view.audience in play_audience(source) and applies_to(source.data, view)
    ]
    for index, item in enumerate(play.items):
        for position, target in enumerate(item.if_not):
            loc: Loc = ("items", index, "if_not", position)
            where = f"items[{index}].if_not[{position}]"
            if target == play.id:
                yield source.document.problem(loc, f"{where}: a checklist cannot route to itself")
                continue
            reasons = {
                refs.play_in(target, view)
                for view in readers
                if visible_at(source.data, ("items", index, "if_not"), view.audience)
            }
            for reason in sorted(r for r in reasons if r):
                yield source.document.problem(loc, f"{where}: {reason}")


def _bands(source: SourcePlay) -> Iterator[Problem]:
    data = source.data
    items, bands = _list(data.get("items")), _list(data.get("results"))
    if not bands:
        return
    total = len(items)
    for audience in sorted(play_audience(source)):
        shown = sum(1 for i in range(total) if visible_at(data, ("items", i, "question"), audience))
        seen = [
            (k, band)
            for k, band in enumerate(bands)
            if isinstance(band, dict) and visible_at(data, ("results", k, "label"), audience)
        ]
        whose = "" if shown == total else f" for {audience} readers"
        yield from _coverage(source, seen, shown, whose)
    for k, band in enumerate(bands):
        last = band.get("to") if isinstance(band, dict) else None
        if isinstance(last, int) and last > total:
            yield source.document.problem(
                ("results", k, "to"),
                f"results[{k}].to: {last} is more than the {total} questions; "
                "leave out 'to' on the last band to mean 'or more'",
            )


def _coverage(
    source: SourcePlay, bands: list[tuple[int, dict[str, Any]]], questions: int, whose: str
) -> Iterator[Problem]:
    """Bands in order, from 0 up to `questions`, each count in exactly one band."""
    doc = source.document
    expected: int | None = 0  # the next count no band covers yet; None once one is open-ended
    for k, band in bands:
        first, last = band.get("from"), band.get("to")
        if not isinstance(first, int) or not (last is None or isinstance(last, int)):
            return  # the schema reports it
        where = f"results[{k}]"
        if first > questions:
            yield doc.problem(
                ("results", k, "from"),
                f"{where}.from: {first} can never be reached: the checklist has "
                f"{questions} questions{whose}",
            )
        elif expected is None or first < expected:
            covered = "every count above it" if expected is None else f"up to {expected - 1}"
            yield doc.problem(
                ("results", k, "from"),
                f"{where}.from: {first} overlaps the band before it, which covers {covered}",
            )
        elif first > expected:
            gap = str(expected) if first - expected == 1 else f"{expected} to {first - 1}"
            yield doc.problem(
                ("results", k, "from"),
                f"{where}.from: no band covers {gap} 'no' or 'not sure' answers "
                f"(a band must start at {expected})",
            )
        if last is not None and last < first:
            yield doc.problem(
                ("results", k, "to"), f"{where}.to: {last} is less than from ({first})"
            )
            return
        expected = None if last is None else last + 1
    if expected is not None and expected <= questions:
        k, band = bands[-1] if bands else (0, {})
        yield doc.problem(
            ("results", k, "to") if "to" in band else ("results",),
            f"results[{k}]: no band covers {expected} or more 'no' or 'not sure' answers "
            f"(the checklist has {questions} questions{whose}); "
            "leave out 'to' on the last band to mean 'or more'",
        )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def band_range(first: int, last: int | None) -> str:
    """How a band reads on the page: '0 or 1', '2 to 3', '4 or more'."""
    if last is None:
        return f"{first} or more"
    if last == first:
        return str(first)
    return f"{first} or {last}" if last == first + 1 else f"{first} to {last}"
