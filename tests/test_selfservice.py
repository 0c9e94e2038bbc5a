"""The rules behind assessments, dated plans and the timeline, without a browser.

The timing rule (days from go-live), how a band reads, the plain text that goes into the
downloads, the plan data a page carries, and the content that `check` accepts.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adoptbook.assessments import band_range
from adoptbook.model import TIMING_PATTERN, ActionPlanPlay
from adoptbook.plans import plain_text, plan_json
from adoptbook.schedule import UNDATED, When, human_timing, when
from adoptbook.timeline import week_heading
from helpers import VALID_MYTH, check, lines, make_project


@pytest.mark.parametrize(
    ("timing", "start", "due", "phase"),
    [
        ("week -4", -28, -28, "before-go-live"),
        ("weeks -16 to -12", -112, -84, "before-go-live"),
        ("weeks -2 to 2", -14, 14, "before-go-live"),
        ("week 0", 0, 0, "at-go-live"),
        ("at go-live", 0, 0, "at-go-live"),
        ("before go-live", -7, -7, "before-go-live"),
        ("after go-live", 7, 7, "after-go-live"),
        ("weeks 2 to 6", 14, 42, "after-go-live"),
        ("during the sale", None, None, "no-date"),
        ("ongoing", None, None, "no-date"),
        ("before renewal", None, None, "no-date"),
        ("at renewal", None, None, "no-date"),
    ],
)
def test_timing_rule(timing: str, start: int | None, due: int | None, phase: str) -> None:
    span = when(timing)
    assert span == When(start, due)
    assert span.phase == phase
    assert span.dated is (due is not None)


def test_a_step_belongs_to_the_week_it_starts_in() -> None:
    assert [when(t).week for t in ("weeks -16 to -12", "before go-live", "at go-live")] == [
        -16,
        -1,
        0,
    ]
    assert [week_heading(w) for w in (-16, -1, 0, 1, 4)] == [
        "16 weeks before go-live",
        "1 week before go-live",
        "Go-live week",
        "1 week after go-live",
        "4 weeks after go-live",
    ]


@given(st.from_regex(TIMING_PATTERN, fullmatch=True))
def test_every_timing_the_schema_accepts_has_a_rule(timing: str) -> None:
    span = when(timing)
    assert span.dated is (timing not in UNDATED)
    assert (span.start is None) is (span.due is None)
    if span.dated:
        weeks = [int(n) for n in re.findall(r"-?\d+", timing)]
        if weeks:
            assert (span.start, span.due) == (7 * weeks[0], 7 * weeks[-1])
        else:
            assert span.start == span.due and span.start in (-7, 0, 7)
    assert human_timing(timing)


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [(0, 0, "0"), (0, 1, "0 or 1"), (2, 3, "2 or 3"), (1, 4, "1 to 4"), (4, None, "4 or more")],
)
def test_band_range_reads_like_a_person_wrote_it(first: int, last: int | None, text: str):
    assert band_range(first, last) == text


def test_plain_text_for_other_tools() -> None:
    markdown = (
        "Use the **plan** and the [drivers and barriers plan](drivers-and-barriers.md).\n"
        "Second line of the same paragraph.\n\n"
        '!!! tip "Keep it short"\n    One page is enough.\n\n- one\n- two\n'
    )
    assert plain_text(markdown) == (
        "Use the plan and the drivers and barriers plan. Second line of the same paragraph."
        "\n\nKeep it short: One page is enough.\n\n- one\n- two"
    )


PLAN = ActionPlanPlay.model_validate(
    {
        "id": "p",
        "title": "A plan",
        "type": "action-plan",
        "audience": ["internal", "customer"],
        "summary": "S.",
        "goal": "G.",
        "owned_by": "adoption-owner",
        "steps": [
            {
                "do": "Name the **owner**.",
                "owner": "executive-sponsor",
                "timing": "weeks -16 to -12",
                "done_when": "One name, see [x](x.md).",
                "details": "Pick well.",
            },
            {"do": "Keep going.", "owner": "csm", "timing": "ongoing", "done_when": "Never."},
        ],
        "stages": ["planning"],
        "owner": "CS",
        "reviewed": "2026-11-01",
    }
)


def test_plan_data_carries_offsets_sections_and_the_owner_role() -> None:
    data = json.loads(html.unescape(plan_json(PLAN, str.upper, lambda text: text)))
    first, second = data["steps"]
    assert first == {
        "name": "Name the owner.",
        "timing": "weeks -16 to -12",
        "when": "16 to 12 weeks before go-live",
        "phase": "before-go-live",
        "section": "Before go-live",
        "description": "Owner (role): EXECUTIVE-SPONSOR\nWhen: 16 to 12 weeks before go-live\n"
        "Done when: One name, see x.\n\nPick well.",
        "start": -112,
        "due": -84,
    }
    assert "start" not in second and "due" not in second
    assert second["section"] == "No date"


def test_attribute_escaping_keeps_quotes_and_markup_out_of_the_html() -> None:
    attribute = plan_json(PLAN, str, lambda text: text)
    assert '"' not in attribute and "<" not in attribute


INTERNAL_GUIDE = VALID_MYTH.replace("id: sample", "id: secret").replace(
    "audience: [internal, customer]", "audience: internal"
)

CHECKLIST = """\
# yaml-language-server: $schema=../schema/play.schema.json
id: ready
title: Are you ready?
type: checklist
audience: [internal, customer]
summary: Questions before go-live.
items:
  - question: Is there an owner?
    guidance: One name.
    if_not: [sample]
  - question: Is the account healthy in our records?
    guidance: CSM only.
    if_not: [secret]
    audience: internal
results:
  - from: 0
    to: 0
    label: Ready
    text: Go ahead.
  - from: 1
    label: Not yet
    text: Fix the gaps.
stages: [planning]
owner: CS Enablement
reviewed: 2026-11-01
"""


def test_an_internal_question_may_route_to_an_internal_play(tmp_path) -> None:
    """Bands open at the top cover one question for customers and two for CSMs."""
    config = make_project(
        tmp_path,
        {
            "plays/myths/sample.yml": VALID_MYTH,
            "plays/myths/secret.yml": INTERNAL_GUIDE,
            "plays/checklists/ready.yml": CHECKLIST,
        },
    )
    result = check(config, "--strict")
    assert lines(result) == []
    assert result.exit_code == 0
