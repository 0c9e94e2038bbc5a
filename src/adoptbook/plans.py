"""What an action plan's page carries for its dates and downloads, and the controls they use.

A plan page shows every step as Markdown for people and holds the same filtered steps
as JSON (`data-ab-plan`) for the browser, which turns them into Asana and Jira CSV and
an iCalendar file. Both come from the play object the edition already filtered, so the
downloads hold nothing the page does not show. Dates follow `schedule.when`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any

from .model import ActionPlanPlay, Step
from .schedule import human_timing, when

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`+)(?=\S)(.+?)(?<=\S)\1")
_ENTITY = re.compile(r"&lt;")
_CALLOUT = re.compile(r'^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+"([^"]*)")?[ \t]*\n', re.M)

PHASES = {
    "before-go-live": "Before go-live",
    "at-go-live": "At go-live",
    "after-go-live": "After go-live",
    "no-date": "No date",
}


def plain_text(markdown: str) -> str:
    """Markdown as plain text for other tools: link text kept, emphasis marks dropped,
    call-out boxes reduced to their title, each paragraph on one line."""
    text = _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", _ENTITY.sub("<", markdown)))
    text = _CALLOUT.sub(lambda m: f"{m.group(1)}:\n" if m.group(1) else "", text)
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(_paragraph(p) for p in paragraphs if p.strip())


def _paragraph(block: str) -> str:
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    if all(line.startswith(("- ", "* ", "+ ")) or line[:1].isdigit() for line in lines):
        return "\n".join(lines)  # a list: one item a line
    return " ".join(lines)


def dates_span(timing: str) -> str:
    """An empty span the browser fills with the step's dates; offsets in days from go-live."""
    span = when(timing)
    if not span.dated:
        return '<span class="ab-dates" data-ab-undated></span>'
    return f'<span class="ab-dates" data-ab-start="{span.start}" data-ab-due="{span.due}"></span>'


def plan_json(
    play: ActionPlanPlay, persona: Callable[[str], str], markdown: Callable[[str], str]
) -> str:
    """The plan's steps for the downloads, escaped for an HTML attribute."""
    data = {
        "id": play.id,
        "title": " ".join(play.title.split()),
        "steps": [_step(step, persona, markdown) for step in play.steps],
    }
    return html.escape(json.dumps(data, ensure_ascii=False, separators=(",", ":")), quote=True)


def _step(step: Step, persona: Callable[[str], str], markdown: Callable[[str], str]) -> dict:
    span = when(step.timing)
    lines = [
        f"Owner (role): {persona(step.owner)}",
        f"When: {human_timing(step.timing)}",
        f"Done when: {plain_text(markdown(step.done_when))}",
    ]
    if step.details:
        lines += ["", plain_text(markdown(step.details))]
    entry: dict[str, Any] = {
        "name": plain_text(step.do),
        "timing": step.timing,
        "when": human_timing(step.timing),
        "phase": span.phase,
        "section": PHASES[span.phase],
        "description": "\n".join(lines),
    }
    if span.dated:
        entry.update(start=span.start, due=span.due)
    return entry


def golive_control(key: str) -> str:
    """The go-live date field every dated page shares (saved in the account record)."""
    return (
        '<div class="ab-golive">'
        f'<label for="ab-golive-{key}">Go-live date</label> '
        f'<input type="date" id="ab-golive-{key}" data-ab-golive> '
        '<button type="button" class="md-button ab-small" data-ab-golive-clear>'
        "Clear the date</button>"
        "</div>"
    )
