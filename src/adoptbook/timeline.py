"""The rollout timeline: every plan step and message of one edition, week by week.

Built from the edition's filtered plays only (through the same selection as the other
page macros), so a customer's timeline lists what the customer edition shows and nothing
else. Entries carry their offsets in days from
go-live (schedule.when); the browser module `timeline.js` turns them into dates and
marks what is overdue and what comes next.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .model import ActionPlanPlay, CommunicationPlay, PlayBase
from .plans import golive_control
from .render import inline, link_text
from .schedule import UNDATED, When, human_timing, when


@dataclass(frozen=True)
class Entry:
    """One step of a plan, or one message to send."""

    when: When
    timing: str
    text: str  # Markdown, one line
    play: PlayBase
    owner: str  # a persona

    @property
    def is_message(self) -> bool:
        return isinstance(self.play, CommunicationPlay)


def entries(plays: Iterable[PlayBase]) -> list[Entry]:
    """Every step and message of the plays, dated ones in date order first."""
    found = list(_entries(plays))
    order = {timing: n for n, timing in enumerate(UNDATED)}
    return sorted(
        found,
        key=lambda e: (
            not e.when.dated,
            e.when.start if e.when.start is not None else order.get(e.timing, len(order)),
            e.when.due or 0,
        ),
    )


def _entries(plays: Iterable[PlayBase]) -> Iterator[Entry]:
    for play in plays:
        if isinstance(play, ActionPlanPlay):
            for step in play.steps:
                yield Entry(when(step.timing), step.timing, step.do, play, step.owner)
        elif isinstance(play, CommunicationPlay):
            yield Entry(when(play.send_when), play.send_when, play.title, play, play.sender)


def week_heading(week: int) -> str:
    if week == 0:
        return "Go-live week"
    side = "before" if week < 0 else "after"
    return f"{abs(week)} week{'s' if abs(week) != 1 else ''} {side} go-live"


def week_anchor(week: int) -> str:
    return f"week-minus-{-week}" if week < 0 else f"week-{week}"


def render_timeline(
    plays: Iterable[PlayBase], link: Callable[[str], str], persona: Callable[[str], str]
) -> str:
    """The timeline's Markdown: a go-live field, then one list per week, then the undated.
    `plays` are the edition's own, already filtered."""
    rows = entries(plays)
    dated = [e for e in rows if e.when.dated]
    undated = [e for e in rows if not e.when.dated]
    out = [
        '<div class="ab-timeline" data-ab-module="timeline" markdown>\n',
        '<div class="ab-timeline-tools ab-js-only">',
        golive_control("timeline"),
        '<p class="ab-timeline-status" role="status"></p>',
        "</div>\n",
    ]
    for week, group in itertools.groupby(dated, key=lambda e: e.when.week):
        assert week is not None
        out.append(
            f'### {week_heading(week)} <span class="ab-week-date"></span> '
            f'{{ #{week_anchor(week)} data-ab-week="{week}" }}\n'
        )
        out.append(_list(group, link, persona))
    if undated:
        out.append("## Without a fixed date\n")
        for timing, group in itertools.groupby(undated, key=lambda e: e.timing):
            out.append(f"### {human_timing(timing)}\n")
            out.append(_list(group, link, persona))
    out.append("</div>\n")
    return "\n".join(out)


def _list(group: Iterator[Entry], link: Callable[[str], str], persona: Callable[[str], str]):
    items = "".join(_item(entry, link, persona) for entry in group)
    return f'<ul class="ab-entries" markdown>\n{items}</ul>\n'


def _item(entry: Entry, link: Callable[[str], str], persona: Callable[[str], str]) -> str:
    span = entry.when
    dates = f' data-ab-start="{span.start}" data-ab-due="{span.due}"' if span.dated else ""
    kind = "message" if entry.is_message else "step"
    what = f"Send *{inline(entry.text)}*" if entry.is_message else f"**{inline(entry.text)}**"
    source = f"[{link_text(entry.play.title)}]({link(entry.play.id)})"
    return (
        f'<li class="ab-entry ab-entry--{kind}"{dates} markdown>{what}<br>'
        '<span class="ab-entry-state"></span><span class="ab-entry-date"></span> '
        f"{persona(entry.owner)} · {human_timing(entry.timing)} · {source}</li>\n"
    )
