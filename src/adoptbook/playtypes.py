"""What a play type is, in one registry: its model, folder, template, scaffold and headings.

Everything that depends on the kind of a play (loading, the JSON Schema, `adoptbook new`,
rendering, the folder check, the corpus generator) reads it from here. Adding a type means
a model in model.py, a template `<name>.md.j2` and one `register(PlayType(...))` call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, Union

from pydantic import Field

from .model import ActionPlanPlay, ChecklistPlay, CommunicationPlay, GuidePlay, MythPlay, PlayBase

TODO = "TODO: "
"""Starts every placeholder text `adoptbook new` writes; `check` warns while any is left."""


@dataclass(frozen=True)
class PlayType:
    name: str
    model: type[PlayBase]
    folder: str
    """Folder under plays/ that holds plays of this type."""
    example: Callable[[str], dict[str, Any]]
    """The type's own fields as `adoptbook new` writes them, given a persona to use."""
    words: Mapping[str, str] = field(default_factory=dict)
    """Headings the type's template uses, e.g. {"myth": "The myth"}."""

    @property
    def template(self) -> str:
        return f"{self.name}.md.j2"


TYPES: dict[str, PlayType] = {}


def register(play_type: PlayType) -> PlayType:
    TYPES[play_type.name] = play_type
    return play_type


@contextmanager
def registered(play_type: PlayType) -> Iterator[PlayType]:
    """Register a type for the duration of a block (for tests and experiments)."""
    previous = TYPES.get(play_type.name)
    register(play_type)
    try:
        yield play_type
    finally:
        if previous is None:
            del TYPES[play_type.name]
        else:
            TYPES[play_type.name] = previous


def play_union() -> Any:
    """Every registered play model, told apart by `type` (for the JSON Schema)."""
    models = tuple(t.model for t in TYPES.values())
    return Annotated[Union[models], Field(discriminator="type")]  # noqa: UP007


register(
    PlayType(
        "myth",
        MythPlay,
        folder="myths",
        example=lambda persona: {
            "myth": f"{TODO}the myth, in the words people use",
            "reality": f"{TODO}what is actually true.",
            "why_it_matters": f"{TODO}what believing the myth costs.",
            "evidence": [{"fact": f"{TODO}a fact or figure.", "source": f"{TODO}its source"}],
            "instead": [f"{TODO}one thing to do instead."],
        },
        words={
            "myth": "The myth",
            "reality": "The reality",
            "why_it_matters": "Why it matters",
            "instead": "What to do instead",
        },
    )
)
register(
    PlayType(
        "action-plan",
        ActionPlanPlay,
        folder="action-plans",
        example=lambda persona: {
            "goal": f"{TODO}what the plan achieves.",
            "owned_by": persona,
            "steps": [
                {
                    "do": f"{TODO}the first step.",
                    "owner": persona,
                    "timing": "before go-live",
                    "done_when": f"{TODO}how you know it is done.",
                }
            ],
        },
        words={
            "goal": "Goal",
            "plan_owner": "Plan owner",
            "steps": "Steps",
            "done_when": "Done when",
            "plan_dates": "Dates and downloads",
            "plan_dates_intro": (
                "Enter your go-live date to see the date of each step, then download the plan "
                "for Asana or Jira, or its milestones for your calendar. Everything stays in "
                "this browser."
            ),
            "timeline_link": "See every plan and message on the rollout timeline",
        },
    )
)
register(
    PlayType(
        "communication",
        CommunicationPlay,
        folder="communications",
        example=lambda persona: {
            "sender": persona,
            "recipients": [persona],
            "channel": "email",
            "send_when": "at go-live",
            "subject": f"{TODO}subject for {{customer_name}}",
            "body": f"Hello,\n\n{TODO}the message for {{customer_name}}.\n",
            "placeholders": {"customer_name": "The customer's company name"},
        },
        words={
            "from": "From",
            "to": "To",
            "channel": "Channel",
            "when": "When",
            "message": "The message",
            "copy_hint": "Copy with the button, then fill in the placeholders",
            "subject_prefix": "Subject",
            "placeholders": "Placeholders",
            "placeholder": "Placeholder",
            "fill_in": "Fill in",
        },
    )
)
register(
    PlayType(
        "checklist",
        ChecklistPlay,
        folder="checklists",
        example=lambda persona: {
            "items": [
                {
                    "question": f"{TODO}a yes/no question?",
                    "guidance": f"{TODO}what good looks like.",
                    "if_not": [],
                }
            ],
            "results": [
                {"from": 0, "to": 0, "label": f"{TODO}Ready", "text": f"{TODO}what to do now."},
                {"from": 1, "label": f"{TODO}Not ready", "text": f"{TODO}what to fix first."},
            ],
        },
        words={
            "checklist": "Checklist",
            "scoring": "Reading your answers",
            "answer_each": (
                'Answer each question with yes, no or not sure. Your result counts the "no" '
                'and "not sure" answers: each one counts, since what nobody can confirm is '
                "not in place yet."
            ),
            "yes": "Yes",
            "no": "No",
            "not_sure": "Not sure",
            "if_not": "If no or not sure, read",
            "result": "Your result",
            "bands": "What the count means",
            "no_answers": '"no" or "not sure" answers',
            "clear_answers": "Clear answers",
            "print_answers": "Print answers",
        },
    )
)
register(
    PlayType(
        "guide",
        GuidePlay,
        folder="guides",
        example=lambda persona: {
            "sections": [{"heading": f"{TODO}a heading", "body": f"{TODO}the section text."}],
        },
    )
)
