"""Checks beyond the schema: taxonomy values, references, placeholders, dates, leaks."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from .assessments import checklist_problems
from .config import Project
from .content import Content, RawPlay, SourcePlay
from .editions import audience_nesting
from .model import PLACEHOLDER_NAME, PlayBase, values_at, vocabulary_paths
from .placeholders import message_links, placeholder_spellings
from .playtypes import TODO, TYPES
from .problems import Problem
from .references import References, page_references, play_references, views
from .schedule import timing_problems
from .schema_errors import allowed, did_you_mean, field_path
from .taxonomy import SINGULAR, Taxonomy
from .yamlpos import Document, Loc

RAW_HTML = re.compile(r"<(?:[/!?]?[A-Za-z][^<>\n]*>|!--)")
ATTR_LIST = re.compile(r"\{:|\{[^}\n]*\bon[a-z]+\s*=")
PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")
PLACEHOLDER_NAME_RE = re.compile(PLACEHOLDER_NAME)
Written = SourcePlay | RawPlay
DAYS_PER_UNIT = {"d": 1, "w": 7, "m": 30, "y": 365}


def check_content(content: Content, project: Project, today: dt.date) -> list[Problem]:
    """Every problem in the project, sorted: loading, schema, taxonomy, references, leaks."""
    found = list(content.problems)
    plays_by_id = _unique_ids(content.plays, found)
    pages = {p.src_uri: p for p in content.pages}
    refs = References(project.plays_url, plays_by_id, pages, content.snippets, views(project))
    for source in [*content.plays, *content.invalid]:  # valid or not: every problem at once
        if content.taxonomy is not None:
            found += _taxonomy_values(source.document, content.taxonomy)
        found += audience_nesting(source)
        found += _text_safety(source)
        found += _scaffold_text(source)
        found += _placeholders(source)
        found += message_links(source)
        found += play_references(source, refs)
    found += placeholder_spellings([*content.plays, *content.invalid])
    for source in content.plays:
        found += _review_dates(source, today)
        found += _file_naming(source)
        found += checklist_problems(source, refs)
        found += timing_problems(source)
    for page in content.pages:
        found += page_references(page, refs)
    return sorted(set(found))


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
    kind = doc.data.get("type")
    play_type = TYPES.get(kind) if isinstance(kind, str) else None
    for path, vocabulary in vocabulary_paths(play_type.model if play_type else PlayBase):
        for loc, value, is_key in values_at(doc.data, path):
            yield from _term(doc, loc, value, vocabulary, taxonomy, key=is_key)
    if play_type is not None and kind not in taxonomy.types:
        yield doc.problem(("type",), f"type: '{kind}' is not declared in the taxonomy")


def _term(doc: Document, loc: Loc, value: Any, kind: str, taxonomy: Taxonomy, key: bool = False):
    vocabulary = taxonomy.vocabulary(kind)
    if isinstance(value, str) and value not in vocabulary:
        hint = allowed(value, vocabulary, "taxonomy.yml")
        message = f"{field_path(loc)}: '{value}' is not a {SINGULAR[kind]}{hint}"
        yield doc.problem(loc, message, key=key)


def _text_safety(source: Written) -> Iterator[Problem]:
    for loc, text in source.texts:
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


def _scaffold_text(source: Written) -> Iterator[Problem]:
    """`adoptbook new` starts every text with 'TODO: '; a warning while any is left."""
    for loc, text in source.texts:
        offset = text.find(TODO)
        if offset >= 0:
            message = "scaffold text left in: replace it with the real text"
            yield _as_warning(source.problem_in_text(loc, text, offset, message))


def _as_warning(problem: Problem) -> Problem:
    return Problem(problem.path, problem.line, problem.column, problem.message, "warning")


def _placeholders(source: Written) -> Iterator[Problem]:
    data = source.data
    if data.get("type") != "communication":
        return
    declared = data.get("placeholders") if isinstance(data.get("placeholders"), dict) else {}
    used: set[str] = set()
    for field in ("subject", "body"):
        text = data.get(field)
        for match in PLACEHOLDER.finditer(text if isinstance(text, str) else ""):
            name = match.group(1)
            used.add(name)
            if not PLACEHOLDER_NAME_RE.match(name):
                message = f"placeholder '{{{name}}}' must be lower_case_with_underscores"
            elif name not in declared:
                hint = did_you_mean(name, declared)
                message = f"placeholder '{{{name}}}' is not declared in placeholders{hint}"
            else:
                continue
            yield source.problem_in_text((field,), text, match.start(), message)
    for name in declared:
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
    folder = TYPES[source.play.type].folder
    if len(parts) > 1 and parts[-2] != folder:
        yield source.document.problem(
            ("type",),
            f"type: {source.play.type} plays belong in a '{folder}' folder",
            severity="warning",
        )
