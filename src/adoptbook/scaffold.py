"""`adoptbook new`: a valid starting play of each type, with a comment above each field."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

import yaml
from pydantic import BaseModel

from .model import MODEL_BY_TYPE, PlayBase
from .schema_errors import _model_in
from .taxonomy import Taxonomy

TODO = "TODO: "


def _type_fields(play_type: str, persona: str) -> dict[str, Any]:
    return {
        "myth": {
            "myth": f"{TODO}the myth, in the words people use",
            "reality": f"{TODO}what is actually true.",
            "why_it_matters": f"{TODO}what believing the myth costs.",
            "evidence": [{"fact": f"{TODO}a fact or figure.", "source": f"{TODO}its source"}],
            "instead": [f"{TODO}one thing to do instead."],
        },
        "action-plan": {
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
        "communication": {
            "sender": persona,
            "recipients": [persona],
            "channel": "email",
            "send_when": "at go-live",
            "subject": f"{TODO}subject for {{customer_name}}",
            "body": f"Hello,\n\n{TODO}the message for {{customer_name}}.\n",
            "placeholders": {"customer_name": "The customer's company name"},
        },
        "checklist": {
            "items": [
                {"question": f"{TODO}a yes/no question?", "guidance": f"{TODO}what good looks like."}
            ],
        },
        "guide": {
            "sections": [{"heading": f"{TODO}a heading", "body": f"{TODO}the section text."}],
        },
    }[play_type]


def scaffold(play_type: str, play_id: str, taxonomy: Taxonomy, schema_ref: str, today: dt.date) -> str:
    persona = next(iter(taxonomy.personas))
    values: dict[str, Any] = {
        "id": play_id,
        "title": f"{TODO}{play_id.replace('-', ' ').capitalize()}",
        "type": play_type,
        "audience": "internal",
        "summary": f"{TODO}one or two sentences a CSM can read aloud.",
        **_type_fields(play_type, persona),
        "stages": [next(iter(taxonomy.stages))],
        "segments": [],
        "tiers": [],
        "personas": [persona],
        "tags": [],
        "symptoms": [f"{TODO}something a customer says"],
        "related": [],
        "coaching": {
            "talk_track": f"{TODO}what the CSM says on the call.",
            "discovery_questions": [f"{TODO}a question that surfaces the real situation?"],
        },
        "owner": f"{TODO}who keeps this play current",
        "reviewed": today.isoformat(),
        "review_every": "180d",
    }
    model = MODEL_BY_TYPE[play_type]
    lines = [f"# yaml-language-server: $schema={schema_ref}", ""]
    for name, value in values.items():
        lines += _comment(model, name)
        lines.append(yaml.safe_dump({name: value}, sort_keys=False, allow_unicode=True, width=88))
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def _comment(model: type[PlayBase], name: str) -> list[str]:
    if name == "audience":
        return ["# Who sees it: internal (CSMs only), customer, or [internal, customer]."]
    field = model.model_fields[name]
    text = field.description or ""
    nested = _model_in(field.annotation)
    if nested is not None and _is_list_or_model(field.annotation):
        parts = [f"{key} ({_lower(f.description)})" for key, f in _own_fields(nested)]
        text += " Each has: " + "; ".join(parts) + "."
    return [f"# {text}".rstrip()] if text else []


def _own_fields(model: type[BaseModel]):
    return [(k, f) for k, f in model.model_fields.items() if k != "audience" and f.description]


def _is_list_or_model(annotation: Any) -> bool:
    return typing.get_origin(annotation) is list or isinstance(annotation, type)


def _lower(text: str | None) -> str:
    text = (text or "").rstrip(".")
    return text[:1].lower() + text[1:]
