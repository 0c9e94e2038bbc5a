"""Audience filtering: what an edition may show, decided on the data.

Every template, macro and plugin hook receives only the output of this module,
so nothing downstream ever decides whether internal content is shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from .config import Edition
from .content import Content, EditionContent, SourcePlay
from .model import AUDIENCES, PlayBase, audiences_of
from .problems import ContentError, Problem
from .schema_errors import field_path
from .yamlpos import Loc

INTERNAL_ONLY_KEYS = frozenset({"coaching"})
_DROP = object()


def filter_data(data: Any, audience: str, allowed: frozenset[str] = frozenset(AUDIENCES)) -> Any:
    """A copy of `data` without anything `audience` may not see; `None` if the whole is hidden."""
    result = _filter(data, audience, allowed)
    return None if result is _DROP else result


def _filter(data: Any, audience: str, allowed: frozenset[str]) -> Any:
    if isinstance(data, dict):
        own = audiences_of(data.get("audience"))
        if own is not None:
            allowed = allowed & own
        if audience not in allowed:
            return _DROP
        kept = {}
        for key, value in data.items():
            if key in INTERNAL_ONLY_KEYS and audience != "internal":
                continue
            if isinstance(value, dict | list):  # a scalar is kept as it is, without a call
                value = _filter(value, audience, allowed)
            if value is not _DROP:
                kept[key] = value
        return kept
    if isinstance(data, list):
        items = (_filter(i, audience, allowed) if isinstance(i, dict | list) else i for i in data)
        return [item for item in items if item is not _DROP]
    return data


def applies_to(data: dict[str, Any], edition: Edition) -> bool:
    """Whether a play's segments and tiers let it into a segment- or tier-filtered edition."""
    for kind, wanted in (("segments", edition.segment), ("tiers", edition.tier)):
        values = data.get(kind) or []
        if wanted and values and wanted not in values:
            return False
    return True


def narrow_variants(data: dict[str, Any], edition: Edition) -> None:
    variants = data.get("variants") or {}
    for kind, wanted in (("segments", edition.segment), ("tiers", edition.tier)):
        if wanted and isinstance(variants.get(kind), dict):
            variants[kind] = {k: v for k, v in variants[kind].items() if k == wanted}


def play_for_edition(source: SourcePlay, edition: Edition) -> PlayBase | None:
    """The play as `edition` shows it, validated again after filtering; None if hidden."""
    if not applies_to(source.data, edition):
        return None
    data = filter_data(source.data, edition.audience)
    if data is None:
        return None
    narrow_variants(data, edition)
    try:
        return type(source.play).model_validate(data)
    except ValidationError as exc:
        loc = tuple(exc.errors()[0]["loc"])
        message = (
            f"{field_path(loc)}: required in the {edition.name} edition, "
            f"but everything here is hidden from {edition.audience} readers"
        )
        raise ContentError([source.document.problem(loc, message)]) from None


def for_edition(
    content: Content, edition: Edition, problems: list[Problem] | None = None
) -> EditionContent:
    """Everything one edition may show, filtered before anything renders it.

    A play that no longer fits its schema once filtered raises ContentError, or,
    when `problems` is given, is reported there and left out.
    """
    plays = {}
    for source in content.plays:
        try:
            play = play_for_edition(source, edition)
        except ContentError as exc:
            if problems is None:
                raise
            problems.extend(exc.problems)
            continue
        if play is not None:
            plays[play.id] = play
    plays = {pid: _drop_hidden_related(p, plays) for pid, p in plays.items()}
    pages = [page for page in content.pages if edition.audience in page.audience]
    snippets = {
        name: text
        for name, text in content.snippets.items()
        if edition.audience == "internal" or not name.startswith("internal/")
    }
    return EditionContent(
        edition=edition,
        taxonomy=content.taxonomy,
        plays=plays,
        pages=pages,
        snippets=snippets,
    )


def _drop_hidden_related(play: PlayBase, visible: dict[str, PlayBase]) -> PlayBase:
    related = [pid for pid in play.related if pid in visible]
    if related == play.related:
        return play
    return play.model_copy(update={"related": related})


def strings(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string in play data, with where it is."""
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, (*loc, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from strings(item, (*loc, index))


def visible_at(node: Any, loc: Loc, audience: str) -> bool:
    """Whether readers of `audience` see the value at `loc` (same rules as `filter_data`)."""
    for key in loc:
        if isinstance(node, dict):
            own = audiences_of(node.get("audience"))
            if own is not None and audience not in own:
                return False
            if key in INTERNAL_ONLY_KEYS and audience != "internal":
                return False
        node = node[key]
    return True
