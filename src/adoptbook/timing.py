"""When things happen relative to go-live: one order for every `timing` and `send_when`.

A timing is one of the words in `model.TIMING_PATTERN` or a week range such as
`week -4` or `weeks 2 to 6`. `send_order` places each on one line, so lists of
messages (and anything else dated against go-live) sort the way they happen:

    during the sale < week -N < before go-live < at go-live (week 0) < after go-live
    < weeks N < ongoing < before renewal < at renewal
"""

from __future__ import annotations

import re

_WEEKS = re.compile(r"^weeks? (-?\d+)(?: to (-?\d+))?$")
_LATE = 1_000_000.0  # after any week count someone could write
_POSITION = {
    "during the sale": (-_LATE, -_LATE),
    "before go-live": (-0.5, -0.5),  # after any "week -N", just before go-live
    "at go-live": (0.0, 0.0),
    "after go-live": (0.5, 0.5),  # right after go-live, before "week 1"
    "ongoing": (_LATE, _LATE),
    "before renewal": (_LATE + 1, _LATE + 1),
    "at renewal": (_LATE + 2, _LATE + 2),
}


def send_order(timing: str) -> tuple[float, float]:
    """Where `timing` falls: (start, end), in weeks from go-live where it says weeks."""
    if timing in _POSITION:
        return _POSITION[timing]
    match = _WEEKS.match(timing)
    if match is None:
        return (_LATE + 3, _LATE + 3)  # the schema rejects anything else; sort it last
    first = float(match.group(1))
    last = float(match.group(2)) if match.group(2) is not None else first
    return (first, last)
