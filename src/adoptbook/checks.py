"""Checks beyond the schema: taxonomy values, references, placeholders, dates, leaks."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from .assessments import checklist_problems
from .brand import load_brand
from .config import Project
from .content import Content, SourcePlay
from .editions import INTERNAL_ONLY_KEYS, strings
from .model import AUDIENCES, FOLDER_BY_TYPE, MODEL_BY_TYPE, CommunicationPlay, audiences_of
from .problems import ContentError, Problem
from .references import References, page_references, play_references, views
from .schedule import timing_problems
from .schema_errors import did_you_mean, field_path
from .taxonomy import SINGULAR, Taxonomy
from .yamlpos import Document, Loc

RAW_HTML = re.compile(r"<(?:[/!?]?[A-Za-z][^<>\n]*>|!--)")
ATTR_LIST = re.compile(r"\{:|\{[^}\n]*\bon[a-z]+\s*=")
PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")
PLACEHOLDER_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
DAYS_PER_UNIT = {"d": 1, "w": 7, "m": 30, "y": 365}


def check_content(content: Content, project: Project, today: dt.date) -> list[Problem]:
    """Every problem in the project, sorted: loading, schema, taxonomy, references, leaks."""
    found = list(content.problems)
    plays_by_id = _unique_ids(content.plays, found)
    pages = {p.src_uri: p for p in content.pages}
    refs = References(project.plays_url, plays_by_id, pages, content.snippets, views(project))
    if content.taxonomy is not None:
        for doc in [*(s.document for s in content.plays), *content.invalid]:
            found += _taxonomy_values(doc, content.taxonomy)
    for source in content.plays:
        found += _audience_nesting(source)
        found += _text_safety(source)
        found += _placeholders(source)
        found += _review_dates(source, today)
        found += _file_naming(source)
        found += play_references(source, refs)
        found += checklist_problems(source, refs)
        found += timing_problems(source)
    for page in content.pages:
        found += page_references(page, refs)
    found += _editions(project, content.taxonomy)
    return sorted(set(found))


def _editions(project: Project, taxonomy: Taxonomy | None) -> Iterator[Problem]:
    """Each edition's brand pack loads, and its segment or tier filter is a declared value."""
    config = project.display(project.config_file)
    for brand in sorted({edition.brand for edition in project.editions.values()}):
        folder = project.brands_dir / brand
        try:
            load_brand(folder, project.display(folder))
        except ContentError as exc:
            yield from exc.problems
    for edition in project.editions.values():
        for kind, value in (("segments", edition.segment), ("tiers", edition.tier)):
            if taxonomy is not None and value and value not in taxonomy.vocabulary(kind):
                hint = did_you_mean(value, taxonomy.vocabulary(kind))
                yield Problem(
                    config,
                    1,
                    1,
                    f"edition '{edition.name}': '{value}' is not a {SINGULAR[kind]}{hint}",
                )


def _unique_ids(plays: list[SourcePlay], found: list[Problem]) -> dict[str, SourcePlay]:
    by_id: dict[str, SourcePlay] = {}
    for source in plays:
        first = by_id.get(source.play.id)
        if first is None:
            by_id[source.play.id] = source
            continue
        where = first.document.position(("id",))
        found.append(
            source.document.problem(
                ("id",),
                f"id: '{source.play.id}' is already used by {first.path}:{where.line}; "
                "ids must be unique",
            )
        )
    return by_id


def _taxonomy_values(doc: Document, taxonomy: Taxonomy) -> Iterator[Problem]:
    """Every taxonomy value in a play's raw data; tolerant of data that failed the schema."""
    data = doc.data
    for kind in ("stages", "segments", "tiers", "personas", "tags"):
        for index, value in enumerate(_list(data.get(kind))):
            yield from _term(doc, (kind, index), value, kind, taxonomy)
    for loc, value in _persona_fields(data):
        yield from _term(doc, loc, value, "personas", taxonomy)
    variants = _dict(data.get("variants"))
    for kind in ("segments", "tiers"):
        for value in _dict(variants.get(kind)):
            yield from _term(doc, ("variants", kind, value), value, kind, taxonomy, key=True)
    kind = data.get("type")
    if isinstance(kind, str) and kind in MODEL_BY_TYPE and kind not in taxonomy.types:
        yield doc.problem(("type",), f"type: '{kind}' is not declared in the taxonomy")


def _persona_fields(data: dict[str, Any]) -> Iterator[tuple[Loc, Any]]:
    for name in ("owned_by", "sender"):
        if name in data:
            yield (name,), data[name]
    for index, value in enumerate(_list(data.get("recipients"))):
        yield ("recipients", index), value
    for index, step in enumerate(_list(data.get("steps"))):
        if isinstance(step, dict) and "owner" in step:
            yield ("steps", index, "owner"), step["owner"]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _term(doc: Document, loc: Loc, value: Any, kind: str, taxonomy: Taxonomy, key: bool = False):
    vocabulary = taxonomy.vocabulary(kind)
    if isinstance(value, str) and value not in vocabulary:
        hint = did_you_mean(value, vocabulary)
        message = f"{field_path(loc)}: '{value}' is not a {SINGULAR[kind]}{hint}"
        yield doc.problem(loc, message, key=key)


def _audience_nesting(source: SourcePlay) -> Iterator[Problem]:
    """An item may only narrow its parent's audience; coaching is internal by definition."""

    def walk(node: Any, loc: Loc, allowed: frozenset[str]) -> Iterator[Problem]:
        if isinstance(node, dict):
            own = audiences_of(node.get("audience"))
            if own is not None and not own <= allowed:
                wider = ", ".join(sorted(own - allowed))
                yield source.document.problem(
                    (*loc, "audience"),
                    f"{field_path((*loc, 'audience'))}: '{wider}' is wider than the enclosing "
                    f"audience ({', '.join(sorted(allowed))}); an item can only narrow it",
                )
            allowed = allowed & own if own is not None else allowed
            for key, value in node.items():
                inner = frozenset({"internal"}) if key in INTERNAL_ONLY_KEYS else allowed
                yield from walk(value, (*loc, key), inner)
        elif isinstance(node, list):
            for index, item in enumerate(node):
                yield from walk(item, (*loc, index), allowed)

    yield from walk(source.data, (), frozenset(AUDIENCES))


def _text_safety(source: SourcePlay) -> Iterator[Problem]:
    for loc, text in strings(source.data):
        if "<" not in text and "{" not in text:
            continue  # neither pattern can match
        for pattern, message in (
            (RAW_HTML, "raw HTML is not allowed in play text; write Markdown"),
            (ATTR_LIST, "attribute lists ({: ...}) are not allowed in play text"),
        ):
            match = pattern.search(text)
            if match:
                yield source.problem_in_text(
                    loc, text, match.start(), f"{message}: '{match.group(0)}'"
                )


def _placeholders(source: SourcePlay) -> Iterator[Problem]:
    play = source.play
    if not isinstance(play, CommunicationPlay):
        return
    used: set[str] = set()
    for field in ("subject", "body"):
        text = getattr(play, field)
        for match in PLACEHOLDER.finditer(text):
            name = match.group(1)
            used.add(name)
            if not PLACEHOLDER_NAME.match(name):
                message = f"placeholder '{{{name}}}' must be lower_case_with_underscores"
            elif name not in play.placeholders:
                hint = did_you_mean(name, play.placeholders)
                message = f"placeholder '{{{name}}}' is not declared in placeholders{hint}"
            else:
                continue
            yield source.problem_in_text((field,), text, match.start(), message)
    for name in play.placeholders:
        if name == "audience":
            yield source.document.problem(
                ("placeholders", name),
                "placeholders.audience: 'audience' is reserved for visibility; rename it",
                key=True,
            )
        elif name not in used:
            yield source.document.problem(
                ("placeholders", name),
                f"placeholders.{name}: declared but not used in subject or body",
                key=True,
                severity="warning",
            )


def _review_dates(source: SourcePlay, today: dt.date) -> Iterator[Problem]:
    play = source.play
    if play.reviewed > today:
        yield source.document.problem(
            ("reviewed",), f"reviewed: {play.reviewed} is in the future", severity="warning"
        )
    if play.review_every:
        every = play.review_every
        due = play.reviewed + dt.timedelta(days=int(every[:-1]) * DAYS_PER_UNIT[every[-1]])
        if due < today:
            yield source.document.problem(
                ("reviewed",),
                f"reviewed: review overdue since {due} (last reviewed {play.reviewed}, "
                f"review_every {every})",
                severity="warning",
            )


def _file_naming(source: SourcePlay) -> Iterator[Problem]:
    parts = source.path.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    if stem != source.play.id:
        yield source.document.problem(
            ("id",),
            f"id: '{source.play.id}' differs from the file name '{parts[-1]}'; "
            f"name the file {source.play.id}.yml",
            severity="warning",
        )
    folder = FOLDER_BY_TYPE[source.play.type]
    if len(parts) > 1 and parts[-2] != folder:
        yield source.document.problem(
            ("type",),
            f"type: {source.play.type} plays belong in a '{folder}' folder",
            severity="warning",
        )
