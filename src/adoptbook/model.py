"""The play schema, declared once.

These pydantic models are the source of truth; the JSON Schema in `schema/`
is generated from them (`adoptbook schema`) and each field's description is
also the comment `adoptbook new` writes above it. A field whose values come from
a taxonomy vocabulary says so in its type (`Persona`, `Stage`, ...), and the checks,
the schema and the edition filter all read that from here. The play types
themselves (model, folder, template, scaffold) are registered in `playtypes.py`.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic.json_schema import JsonSchemaValue

AUDIENCES = ("internal", "customer")
INTERNAL = "internal"
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
VOCABULARY_KEY = "x-adoptbook-vocabulary"
KEY_VOCABULARY_KEY = "x-adoptbook-key-vocabulary"  # JSON Schema does not mark mapping keys


class Vocabulary:
    """Marks a field whose values must be declared in one taxonomy vocabulary."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> JsonSchemaValue:
        value: JsonSchemaValue = handler(schema)
        value[VOCABULARY_KEY] = self.kind  # `adoptbook schema` turns it into an enum
        return value


Stage = Annotated[Slug, Vocabulary("stages")]
Segment = Annotated[Slug, Vocabulary("segments")]
Tier = Annotated[Slug, Vocabulary("tiers")]
Persona = Annotated[Slug, Vocabulary("personas")]
Tag = Annotated[Slug, Vocabulary("tags")]

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


class Node(BaseModel):
    """Every mapping in a play may carry its own audience."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

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
    owner: Persona = Field(description="The persona who owns this step (see taxonomy.yml).")
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
    segments: dict[Segment, Line] = Field(
        default_factory=dict,
        json_schema_extra={KEY_VOCABULARY_KEY: "segments"},
        description="Guidance per customer segment (b2b, b2c), shown as linked tabs.",
    )
    tiers: dict[Tier, Line] = Field(
        default_factory=dict,
        json_schema_extra={KEY_VOCABULARY_KEY: "tiers"},
        description="Guidance per service tier (high-touch, mid-touch, tech-touch), side by side.",
    )


class PlayBase(Node):
    id: Slug = Field(description="Lower-case slug, unique in the playbook; also the page URL.")
    title: PlainText = Field(description="The play's title.")
    audience: AudienceSpec  # type: ignore[assignment]  # required on a play
    summary: Markdown = Field(description="One or two sentences a CSM can read aloud.")
    stages: Annotated[list[Stage], Field(min_length=1)] = Field(
        description="Adoption stages this play belongs to (see taxonomy.yml)."
    )
    segments: list[Segment] = Field(
        default_factory=list, description="Segments it applies to (b2b, b2c); empty means all."
    )
    tiers: list[Tier] = Field(
        default_factory=list,
        description="Service tiers it applies to (high-touch, mid-touch, tech-touch); "
        "empty means all.",
    )
    personas: list[Persona] = Field(
        default_factory=list, description="People this play is about or for (see taxonomy.yml)."
    )
    tags: list[Tag] = Field(default_factory=list, description="Extra tags (see taxonomy.yml).")
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
    owned_by: Persona = Field(description="The persona accountable for the whole plan.")
    steps: list[Step] = Field(min_length=1, description="The steps, in order.")


class CommunicationPlay(PlayBase):
    type: Literal["communication"] = Field(description="The kind of play.")
    sender: Persona = Field(description="The persona who sends it.")
    recipients: Annotated[list[Persona], Field(min_length=1)] = Field(
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


@functools.cache
def vocabulary_paths(model: type[BaseModel]) -> list[tuple[tuple[str, ...], str]]:
    """Where a model holds taxonomy values: (path, vocabulary) pairs.

    In a path, '*' stands for every list item or mapping value, and '<key>' for
    every key of a mapping, e.g. (('steps', '*', 'owner'), 'personas').
    """
    paths: list[tuple[tuple[str, ...], str]] = []
    for name, info in model.model_fields.items():
        kind = _vocabulary_in(info.metadata)
        if kind:
            paths.append(((name,), kind))
        else:
            paths += [((name, *path), kind) for path, kind in _annotation_paths(info.annotation)]
    return paths


def _annotation_paths(annotation: Any) -> list[tuple[tuple[str, ...], str]]:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Annotated:
        kind = _vocabulary_in(args[1:])
        return [((), kind)] if kind else _annotation_paths(args[0])
    if origin is list:
        return [(("*", *path), kind) for path, kind in _annotation_paths(args[0])]
    if origin is dict:
        keys = [(("<key>",), kind) for path, kind in _annotation_paths(args[0]) if not path]
        return keys + [(("*", *path), kind) for path, kind in _annotation_paths(args[1])]
    if origin in (typing.Union, types.UnionType):
        return [pair for arg in args for pair in _annotation_paths(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return vocabulary_paths(annotation)
    return []


def _vocabulary_in(metadata: Any) -> str | None:
    return next((m.kind for m in metadata if isinstance(m, Vocabulary)), None)


def values_at(data: Any, path: tuple[str, ...], loc: tuple[str | int, ...] = ()):
    """Every (loc, value, is_key) that `path` (from vocabulary_paths) reaches in raw data."""
    if not path:
        yield loc, data, False
        return
    head, rest = path[0], path[1:]
    if head == "<key>" and isinstance(data, dict):
        for key in data:
            yield (*loc, key), key, True
    elif head == "*" and isinstance(data, list):
        for index, item in enumerate(data):
            yield from values_at(item, rest, (*loc, index))
    elif head == "*" and isinstance(data, dict):
        for key, item in data.items():
            yield from values_at(item, rest, (*loc, key))
    elif isinstance(data, dict) and head in data:
        yield from values_at(data[head], rest, (*loc, head))
