"""What a playbook is made of once loaded: plays, pages, snippets, taxonomy."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .config import Edition
from .model import PlayBase
from .problems import Problem
from .schema_errors import field_path
from .taxonomy import Taxonomy
from .yamlpos import Document, Loc


class _Written:
    """What checks of a play file's raw data need, whether it passed the schema or not."""

    path: str
    document: Document
    audience: frozenset[str]

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.document.data
        return data

    @functools.cached_property
    def texts(self) -> list[tuple[Loc, str]]:
        """Every string in the play's data, with where it is (walked once, read by many)."""
        return list(strings(self.data))

    def problem_in_text(self, loc: Loc, text: str, offset: int, message: str) -> Problem:
        """A problem at character `offset` of the string `text` found at `loc`."""
        pos = self.document.text_position(loc, text, offset)
        return Problem(self.path, pos.line, pos.column, f"{field_path(loc)}: {message}")


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


@dataclass
class SourcePlay(_Written):
    """A play as written: its file, raw data with positions, and validated model."""

    path: str
    document: Document
    play: PlayBase
    audience: frozenset[str] = frozenset()
    """Who may read it (set by the loader with editions.audiences_of)."""


@dataclass
class RawPlay(_Written):
    """A play file that failed the schema: its raw data is still checked, so that one run
    lists every problem (fields, values, links, placeholders) at once."""

    path: str
    document: Document
    audience: frozenset[str] = frozenset()
    """Who may read it, from its `audience:` if that is valid; otherwise everyone."""


@dataclass
class Page:
    """A hand-written playbook page (Markdown with front matter) in docs_dir."""

    src_uri: str
    path: str
    audience: frozenset[str]
    meta: dict[str, Any]
    document: Document | None
    body: str
    body_line: int


@dataclass
class Content:
    """Everything loaded from a project, plus the problems found while loading."""

    taxonomy: Taxonomy | None
    plays: list[SourcePlay] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    snippets: dict[str, str] = field(default_factory=dict)
    assets: list[str] = field(default_factory=list)
    """Files in docs_dir that are not pages (images, PDFs, ...), as site-relative paths."""
    problems: list[Problem] = field(default_factory=list)
    invalid: list[RawPlay] = field(default_factory=list)
    """Play files that failed the schema; still checked for taxonomy values."""
    plays_url: str = "plays"
    snippets_display: str = "snippets"


@dataclass
class EditionContent:
    """The part of the content one edition may show. Templates only ever see this."""

    edition: Edition
    taxonomy: Taxonomy
    plays: dict[str, PlayBase]
    pages: list[Page]
    snippets: dict[str, str]
    assets: list[str] = field(default_factory=list)
    declared: dict[str, frozenset[str]] = field(default_factory=dict)
    """Every declared term name per vocabulary, only to tell a typo from a term not shown."""
