"""Turn pydantic validation errors into one-line problems an editor can act on."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from . import model
from .problems import Problem
from .yamlpos import Document, Loc

PATTERN_HINTS = {
    model.SLUG_PATTERN: "use lower-case words joined by hyphens, e.g. 'go-live'",
    model.TIMING_PATTERN: (
        "use 'during the sale', 'before go-live', 'at go-live', 'after go-live', 'ongoing', "
        "'before renewal', 'at renewal', 'week -4' or 'weeks 2 to 6'"
    ),
    model.DURATION_PATTERN: "use a number and d, w, m or y, e.g. 180d or 1y",
    model.PLACEHOLDER_NAME: "use lower_case letters, digits and underscores, e.g. customer_name",
}


LISTED_AT_MOST = 15
"""An unknown value's message lists the allowed ones when there are no more than this."""


def close_matches(
    value: str, candidates: typing.Iterable[str], *, loose: bool = False
) -> list[str]:
    """Candidates that look like a slip of the keyboard for `value`, closest first.

    Close means mostly the same letters (ratio 0.75; 0.6 when `loose`, for long ids), or
    one letter off, or the start of the word: 'go-life' -> 'go-live', 'b2x' -> 'b2b',
    'plan' -> 'planning', but never 'communication' -> 'motivation'.
    """
    cutoff = 0.6 if loose else 0.75
    scored = []
    for candidate in candidates:
        ratio = difflib.SequenceMatcher(None, value, candidate).ratio()
        if (
            ratio >= cutoff
            or _one_letter_off(value, candidate)
            or (len(value) >= 3 and candidate.startswith(value))
        ):
            scored.append((-ratio, candidate))
    return [candidate for _, candidate in sorted(scored)]


def _one_letter_off(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 3:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def did_you_mean(value: object, candidates: typing.Iterable[str], *, few: bool = False) -> str:
    """' (did you mean 'x'?)' when a candidate is close; with `few`, up to three ids."""
    if not isinstance(value, str):
        return ""
    close = close_matches(value, candidates, loose=few)[: 3 if few else 1]
    if not close:
        return ""
    quoted = [f"'{c}'" for c in close]
    names = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" (did you mean {names}?)"


def allowed(value: object, candidates: typing.Iterable[str], where: str = "") -> str:
    """A hint for an unknown value: the close one, or else the allowed ones."""
    listed = list(candidates)
    hint = did_you_mean(value, listed)
    if hint:
        return hint
    if len(listed) <= LISTED_AT_MOST:
        return f"; allowed: {', '.join(listed)}"
    return f"; {len(listed)} are allowed{f', see {where}' if where else ''}"


def field_path(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def problems_from(exc: ValidationError, doc: Document, root: type[BaseModel]) -> Iterator[Problem]:
    for error in exc.errors():
        loc = tuple(error["loc"])
        is_key = "[key]" in loc
        if is_key:
            loc = tuple(p for p in loc if p != "[key]")
        message = _message(error, loc, root)
        at_key = is_key or error["type"] == "extra_forbidden"
        named = error["type"] in ("missing", "extra_forbidden")  # the message names the field
        parent = _written(doc, loc[:-1] if named else loc)
        where = loc if error["type"] == "extra_forbidden" else parent
        prefix = field_path(parent)
        yield doc.problem(where, f"{prefix}: {message}" if prefix else message, key=at_key)


def _written(doc: Document, loc: Loc) -> Loc:
    """The part of `loc` the editor wrote: `audience: customer` is validated as the list
    `audience[0]`, and `- Map roles` as `instead[0].text`, but neither is in the file."""
    while loc and loc not in doc.values and loc not in doc.keys:
        loc = loc[:-1]
    return loc


def _message(error: Any, loc: Loc, root: type[BaseModel]) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    name = loc[-1] if loc else ""
    if kind == "missing":
        return f"missing required field '{name}'"
    if kind == "extra_forbidden":
        fields = _fields_at(root, loc[:-1])
        return f"unknown field '{name}'{allowed(name, fields)}"
    if kind == "literal_error":
        options = _literal_options(ctx.get("expected", ""))
        return f"'{value}' is not one of {', '.join(options)}{did_you_mean(value, options)}"
    if kind == "string_pattern_mismatch":
        hint = PATTERN_HINTS.get(ctx.get("pattern", ""), "it has the wrong form")
        return f"'{value}' is not valid: {hint}"
    if kind in _DATE_ERRORS:
        return f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2026-01-31"
    if kind == "too_short":
        if isinstance(value, str):
            return "must not be empty"
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind == "too_long":
        return f"has more than {ctx.get('max_length')} items"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters; shorten it"
    expected = _EXPECTED.get(kind)
    if expected:
        return f"expected {expected}, got {describe(value)}"
    return str(error["msg"])


_DATE_ERRORS = {
    "date_from_datetime_parsing",
    "date_parsing",
    "date_type",
    "date_from_datetime_inexact",
}
_EXPECTED = {
    "string_type": "text",
    "list_type": "a list (one '- item' per line)",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "bool_type": "true or false",
    "int_type": "a whole number",
}


def _literal_options(expected: str) -> list[str]:
    return [part.strip().strip("'") for part in expected.replace(" or ", ",").split(",") if part]


def _fields_at(root: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at `loc`, found by walking the model's annotations."""
    current: Any = root
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    inner = model_in(current)
    return list(inner.model_fields) if inner else []


def _step(annotation: Any, part: str | int) -> Any:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _step(args[0], part)
    if origin is list:
        return args[0]
    if origin is dict:
        return args[1]
    if origin in (typing.Union, types.UnionType):
        steps = (_step(arg, part) for arg in args if arg is not type(None))
        return next((s for s in steps if s is not None), None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(part, str):
        field = annotation.model_fields.get(part)
        return field.annotation if field else None
    return None


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation (list[X], X | None, Annotated[X, ...])."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = model_in(arg)
        if found is not None:
            return found
    return None
