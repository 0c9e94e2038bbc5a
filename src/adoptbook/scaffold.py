"""`adoptbook new`: a valid starting play of each type, with a comment above each field."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import typing
from typing import Any

import yaml
from pydantic import BaseModel

from .model import SLUG_PATTERN, PlayBase, Text
from .playtypes import TODO, TYPES
from .schema_errors import model_in
from .taxonomy import Taxonomy


def scaffold(
    play_type: str, play_id: str, taxonomy: Taxonomy, schema_ref: str, today: dt.date
) -> str:
    persona = next(iter(taxonomy.personas))
    values: dict[str, Any] = {
        "id": play_id,
        "title": f"{TODO}{play_id.replace('-', ' ').capitalize()}",
        "type": play_type,
        "audience": "internal",
        "summary": f"{TODO}one or two sentences a CSM can read aloud.",
        **TYPES[play_type].example(persona),
        "stages": [next(iter(taxonomy.stages))],
        "segments": [],
        "tiers": [],
        "personas": [persona],
        "tags": [],
        "symptoms": [f"{TODO}something a customer says"],
        "variants": {"segments": {}, "tiers": {}},
        "related": [],
        "coaching": {
            "talk_track": f"{TODO}what the CSM says on the call.",
            "discovery_questions": [f"{TODO}a question that surfaces the real situation?"],
        },
        "owner": f"{TODO}who keeps this play current",
        "reviewed": today,
        "review_every": "180d",
    }
    model = TYPES[play_type].model
    lines = [f"# yaml-language-server: $schema={schema_ref}", ""]
    for name, value in values.items():
        lines += _comment(model, name)
        lines.append(
            yaml.dump({name: value}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)
        )
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


class _Dumper(yaml.SafeDumper):
    """Indented lists, short lists of names in [brackets], and multi-line text as a block,
    the way the bundled plays are written (and yamllint likes them)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    names = all(isinstance(item, str) and re.match(SLUG_PATTERN, item) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=names)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(str, _represent_str)


_UNDESCRIBED = {
    "variants": "Optional guidance that differs by segment or tier, shown side by side.",
}


def _comment(model: type[PlayBase], name: str) -> list[str]:
    if name == "audience":
        return ["# Who sees it: internal (CSMs only), customer, or [internal, customer]."]
    field = model.model_fields[name]
    nested = model_in(field.annotation)
    text = field.description or _UNDESCRIBED.get(name) or (nested.__doc__ or "" if nested else "")
    if nested is not None and nested is not Text:
        parts = [f"{f.alias or key} ({_lower(f.description)})" for key, f in _own_fields(nested)]
        each = "Each has" if typing.get_origin(field.annotation) is list else "It has"
        text += f" {each}: " + "; ".join(parts) + "."
    return [f"# {line}" for line in textwrap.wrap(text, width=86)]


def _own_fields(model: type[BaseModel]):
    return [(k, f) for k, f in model.model_fields.items() if k != "audience" and f.description]


def _lower(text: str | None) -> str:
    text = (text or "").rstrip(".")
    return text[:1].lower() + text[1:]
