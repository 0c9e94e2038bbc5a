"""When a step happens, in days from go-live: the one rule behind plan dates, exports and
the rollout timeline.

- A week number counts whole weeks from the go-live date: `week -4` is the same weekday
  four weeks before go-live (day -28), `weeks 2 to 6` starts two weeks after it (day 14)
  and is due six weeks after it (day 42). `week 0` is the go-live date itself.
- `at go-live` is day 0. `before go-live` is due one week before go-live (day -7), so it
  is not left to the last day; `after go-live` is due one week after it (day 7).
- `during the sale`, `ongoing`, `before renewal` and `at renewal` have no date: the sale
  comes before any go-live date is known, ongoing work never falls due, and the renewal
  date is not counted from go-live. They are shown and exported without a date.

Pages carry the offsets (`data-ab-start`, `data-ab-due`); the browser only adds days.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .content import SourcePlay
from .problems import Problem
from .schema_errors import field_path

_WEEKS = re.compile(r"^weeks? (-?\d+)(?: to (-?\d+))?$")
WORD_OFFSETS = {"at go-live": 0, "before go-live": -7, "after go-live": 7}
UNDATED = ("during the sale", "ongoing", "before renewal", "at renewal")


@dataclass(frozen=True)
class When:
    """Days from go-live a step starts and is due; both None when it has no date."""

    start: int | None
    due: int | None

    @property
    def dated(self) -> bool:
        return self.due is not None

    @property
    def week(self) -> int | None:
        """The week (counted from go-live, week 0 holding go-live) the step starts in."""
        return None if self.start is None else self.start // 7

    @property
    def phase(self) -> str:
        if self.start is None:
            return "no-date"
        if self.start < 0:
            return "before-go-live"
        return "at-go-live" if self.start == 0 else "after-go-live"


def when(timing: str) -> When:
    """The timing rule (see the module's docstring)."""
    if timing in WORD_OFFSETS:
        day = WORD_OFFSETS[timing]
        return When(day, day)
    match = _WEEKS.match(timing)
    if match is None:
        return When(None, None)
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) is not None else first
    return When(first * 7, last * 7)


def send_order(timing: str) -> tuple[int, int, int, int]:
    """Where `timing` falls among all timings, so that lists sort the way things happen:

    during the sale < dated timings by start, then due day (week -N, before go-live,
    at go-live, after go-live, weeks N) < ongoing < before renewal < at renewal.
    'before go-live' falls on the day of 'week -1' and sorts just after it, nearer to
    go-live; 'after go-live' sorts just before 'week 1'.
    """
    span = when(timing)
    if span.start is not None and span.due is not None:
        side = (span.start > 0) - (span.start < 0)  # -1 before go-live, 1 after
        nearer_go_live = -side if timing in WORD_OFFSETS else 0
        return (0, span.start, span.due, nearer_go_live)
    if timing == "during the sale":
        return (-1, 0, 0, 0)
    rank = UNDATED.index(timing) if timing in UNDATED else len(UNDATED)
    return (1, rank, 0, 0)


def human_timing(timing: str) -> str:
    """'week -4' -> '4 weeks before go-live'; words such as 'at go-live' are capitalised."""
    match = _WEEKS.match(timing)
    if not match:
        return timing[:1].upper() + timing[1:]
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) is not None else first
    if first == last == 0:
        return "Go-live week"
    if first < 0 and last == 0:
        return f"From {_weeks(-first, -first)} before go-live to go-live"
    if first == 0:
        return f"From go-live to {_weeks(last, last)} after"
    if first < 0 and last < 0:
        return f"{_weeks(-first, -last)} before go-live"
    if first >= 0 and last >= 0:
        return f"{_weeks(first, last)} after go-live"
    return f"From {_weeks(-first, -first)} before to {_weeks(last, last)} after go-live"


def _weeks(first: int, last: int) -> str:
    if first == last:
        return f"{first} week{'s' if first != 1 else ''}"
    return f"{first} to {last} weeks"


def timing_problems(source: SourcePlay) -> Iterator[Problem]:
    """A week range must run forwards: 'weeks 6 to 2' is a slip of the keyboard."""
    data = source.data
    places = [(("send_when",), data.get("send_when"))]
    steps = data.get("steps")
    if isinstance(steps, list):
        places += [
            (("steps", index, "timing"), step.get("timing"))
            for index, step in enumerate(steps)
            if isinstance(step, dict)
        ]
    for loc, timing in places:
        if not isinstance(timing, str):
            continue
        span = when(timing)
        if span.start is not None and span.due is not None and span.start > span.due:
            yield source.document.problem(
                loc,
                f"{field_path(loc)}: '{timing}' ends before it starts; "
                "write the earlier week first",
            )
