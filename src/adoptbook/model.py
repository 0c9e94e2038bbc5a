"""The play schema, declared once.

These pydantic models are the source of truth; the JSON Schema in `schema/`
is generated from them (`adoptbook schema`) and each field's description is
also the comment `adoptbook new` writes above it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

AUDIENCES = ("internal", "customer")
Audience = Literal["internal", "customer"]


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


AudienceSpec = Annotated[
    list[Audience],
    Field(
        min_length=1,
        max_length=2,
        description=(
            "Who may see this: internal (CSMs only), customer, or [internal, customer]. "
            "Inside a play it can only narrow what the parent allows."
        ),
    ),
    BeforeValidator(_as_list, json_schema_input_type=Audience | list[Audience]),
]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Markdown = Annotated[str, StringConstraints(min_length=1)]
PlainText = Annotated[str, StringConstraints(min_length=1, max_length=300)]
TIMING_PATTERN = (
    r"^(?:(?:before|at|after) go-live|during the sale|ongoing|(?:before|at) renewal"
    r"|weeks? -?\d{1,3}(?: to -?\d{1,3})?)$"
)
Timing = Annotated[
    str,
    StringConstraints(pattern=TIMING_PATTERN),
    Field(
        description=(
            "When, relative to go-live: 'during the sale', 'before go-live', 'at go-live', "
            "'after go-live', 'ongoing', 'before renewal', 'at renewal', "
            "or weeks such as 'week -4' (4 weeks before) or 'weeks 2 to 6' (after go-live)."
        )
    ),
]
DURATION_PATTERN = r"^[1-9]\d{0,3}[dwmy]$"
PLACEHOLDER_NAME = r"^[a-z][a-z0-9_]*$"

PLAY_TYPES = ("myth", "action-plan", "communication", "checklist", "guide")


class Node(BaseModel):
    """Every mapping in a play may carry its own audience."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    audience: AudienceSpec | None = None


def _text_from_string(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class Text(Node):
    """A line of Markdown that can be narrowed to one audience."""

    text: Markdown = Field(description="The text, in Markdown.")


Line = Annotated[
    Text,
    BeforeValidator(_text_from_string, json_schema_input_type=Markdown | Text),
]


class Evidence(Node):
    fact: Markdown = Field(description="A fact or figure that shows why this matters.")
    source: PlainText = Field(description="Where the fact comes from (article, study, author).")


class Step(Node):
    do: Markdown = Field(description="What to do in this step, as an instruction.")
    owner: Slug = Field(description="The persona who owns this step (see taxonomy.yml).")
    timing: Timing
    done_when: Markdown = Field(description="How you know this step is done.")
    details: Markdown | None = Field(None, description="Optional detail: how, tips, pitfalls.")


class ChecklistItem(Node):
    question: Markdown = Field(description="The question to ask, answerable yes or no.")
    guidance: Markdown = Field(description="What a good answer looks like and what to do if not.")
    if_not: list[Slug] = Field(
        default_factory=list,
        description="Ids of the plays to read when the answer is no or not sure.",
    )


class ResultBand(Node):
    """What a number of 'no' and 'not sure' answers means; each 'not sure' counts as a 'no'."""

    from_: int = Field(
        alias="from",
        ge=0,
        description="The fewest 'no' or 'not sure' answers in this band; the first starts at 0.",
    )
    to: int | None = Field(
        None,
        ge=0,
        description="The most 'no' or 'not sure' answers in this band; leave it out on the "
        "last band to mean 'or more'.",
    )
    label: PlainText = Field(description="A short verdict, e.g. 'Ready' or 'Fix these first'.")
    text: Markdown = Field(description="What this result means and what to do next.")


class Section(Node):
    heading: PlainText = Field(description="The section heading.")
    body: Markdown = Field(description="The section text, in Markdown.")


class Objection(Node):
    objection: Markdown = Field(description="What the customer says.")
    answer: Markdown = Field(description="How the CSM answers.")


class Coaching(Node):
    """CSM-only material: internal by definition, never in the customer edition."""

    talk_track: Markdown | None = Field(None, description="What the CSM says, in their own voice.")
    discovery_questions: list[Line] = Field(
        default_factory=list, description="Questions that surface the real situation."
    )
    objections: list[Objection] = Field(
        default_factory=list, description="Objections you will hear, each with an answer."
    )
    red_flags: list[Line] = Field(
        default_factory=list,
        description="Signs the account is at risk; escalate when you see them.",
    )
    notes: Markdown | None = Field(None, description="Anything else a CSM should know.")


class Variants(Node):
    segments: dict[Slug, Line] = Field(
        default_factory=dict,
        description="Guidance per customer segment (b2b, b2c), shown as linked tabs.",
    )
    tiers: dict[Slug, Line] = Field(
        default_factory=dict,
        description="Guidance per service tier (high-touch, mid-touch, tech-touch), side by side.",
    )


class PlayBase(Node):
    id: Slug = Field(description="Lower-case slug, unique in the playbook; also the page URL.")
    title: PlainText = Field(description="The play's title.")
    audience: AudienceSpec  # type: ignore[assignment]  # required on a play
    summary: Markdown = Field(description="One or two sentences a CSM can read aloud.")
    stages: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="Adoption stages this play belongs to (see taxonomy.yml)."
    )
    segments: list[Slug] = Field(
        default_factory=list, description="Segments it applies to (b2b, b2c); empty means all."
    )
    tiers: list[Slug] = Field(
        default_factory=list,
        description="Service tiers it applies to (high-touch, mid-touch, tech-touch); "
        "empty means all.",
    )
    personas: list[Slug] = Field(
        default_factory=list, description="People this play is about or for (see taxonomy.yml)."
    )
    tags: list[Slug] = Field(default_factory=list, description="Extra tags (see taxonomy.yml).")
    symptoms: list[Line] = Field(
        default_factory=list,
        description="Short phrases a customer says that should lead a CSM to this play.",
    )
    variants: Variants | None = None
    related: list[Slug] = Field(default_factory=list, description="Ids of related plays.")
    coaching: Coaching | None = None
    owner: PlainText = Field(description="Who keeps this play current (name or team).")
    reviewed: dt.date = Field(description="When it was last reviewed, as YYYY-MM-DD.")
    review_every: Annotated[str, StringConstraints(pattern=DURATION_PATTERN)] | None = Field(
        None, description="How often to review it: days, weeks, months or years, e.g. 180d or 1y."
    )


class MythPlay(PlayBase):
    type: Literal["myth"] = Field(description="The kind of play.")
    myth: PlainText = Field(description="The myth, as people say it.")
    reality: Markdown = Field(description="What is actually true.")
    why_it_matters: Markdown = Field(description="Why believing the myth costs adoption.")
    evidence: list[Evidence] = Field(
        default_factory=list, description="Facts and figures, each with its source."
    )
    instead: list[Line] = Field(
        min_length=1, description="What to do instead, one action per item."
    )


class ActionPlanPlay(PlayBase):
    type: Literal["action-plan"] = Field(description="The kind of play.")
    goal: Markdown = Field(description="What the plan achieves.")
    owned_by: Slug = Field(description="The persona accountable for the whole plan.")
    steps: list[Step] = Field(min_length=1, description="The steps, in order.")


class CommunicationPlay(PlayBase):
    type: Literal["communication"] = Field(description="The kind of play.")
    sender: Slug = Field(description="The persona who sends it.")
    recipients: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="The personas who receive it."
    )
    channel: Literal["email", "chat", "intranet", "meeting", "letter", "in-app"] = Field(
        description="How it is sent."
    )
    send_when: Timing
    subject: PlainText = Field(description="Subject line; may use {placeholders}.")
    body: Markdown = Field(
        description="The message as plain text, shown as-is with a copy button; "
        "may use {placeholders}."
    )
    placeholders: dict[Annotated[str, StringConstraints(pattern=PLACEHOLDER_NAME)], PlainText] = (
        Field(
            default_factory=dict,
            description="Every {placeholder} used in subject or body, with what to fill in.",
        )
    )


class ChecklistPlay(PlayBase):
    type: Literal["checklist"] = Field(description="The kind of play.")
    items: list[ChecklistItem] = Field(min_length=1, description="The questions to work through.")
    results: list[ResultBand] = Field(
        default_factory=list,
        description="Result bands, counted on 'no' plus 'not sure' answers: together they "
        "cover every count from 0 to the number of questions, without gaps or overlaps.",
    )
    scoring: Markdown | None = Field(
        None, description="Optional: more advice on reading the answers, shown after the results."
    )


class GuidePlay(PlayBase):
    type: Literal["guide"] = Field(description="The kind of play.")
    sections: list[Section] = Field(min_length=1, description="The article's sections, in order.")


Play = MythPlay | ActionPlanPlay | CommunicationPlay | ChecklistPlay | GuidePlay

MODEL_BY_TYPE: dict[str, type[PlayBase]] = {
    "myth": MythPlay,
    "action-plan": ActionPlanPlay,
    "communication": CommunicationPlay,
    "checklist": ChecklistPlay,
    "guide": GuidePlay,
}

FOLDER_BY_TYPE = {
    "myth": "myths",
    "action-plan": "action-plans",
    "communication": "communications",
    "checklist": "checklists",
    "guide": "guides",
}


def audiences_of(spec: Any) -> frozenset[str] | None:
    if spec is None:
        return None
    return frozenset([spec] if isinstance(spec, str) else spec)
