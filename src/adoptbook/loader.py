"""Read a project's taxonomy, plays, pages and snippets, collecting every problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .cache import ParseCache, code_version
from .config import Project
from .content import Content, Page, RawPlay, SourcePlay
from .editions import audiences_of, page_audience, written_audience
from .playtypes import TYPES
from .problems import ContentError, Problem
from .schema_errors import did_you_mean, problems_from
from .taxonomy import Taxonomy
from .yamlpos import Document, decode, load_file, parse, read_text

PLAY_SUFFIXES = (".yml", ".yaml")
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # what MkDocs treats as pages
FRONT_MATTER = "---"


def load_content(project: Project) -> Content:
    problems: list[Problem] = []
    content = Content(
        taxonomy=_load_taxonomy(project, problems),
        problems=problems,
        plays_url=project.plays_url,
        snippets_display=project.display(project.snippets_dir),
    )
    cache = ParseCache(project.root, code_version(" ".join(TYPES)))
    for path in play_files(project):
        play = _cached_play(path, project.display(path), problems, cache)
        if isinstance(play, SourcePlay):
            content.plays.append(play)
        elif play is not None:
            content.invalid.append(RawPlay(play.path, play, written_audience(play.data)))
    cache.save()
    pages, content.assets = _docs_files(project)
    content.pages = [page for path in pages if (page := load_page(path, project, problems))]
    content.snippets = load_snippets(project, problems)
    return content


def _docs_files(project: Project) -> tuple[list[Path], list[str]]:
    """Pages and other files in docs_dir, as MkDocs sees them (dot-files are left out)."""
    pages, assets = [], []
    if not project.docs_dir.is_dir():
        return pages, assets
    for path in sorted(project.docs_dir.rglob("*")):
        uri = path.relative_to(project.docs_dir).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in uri.split("/")[:-1]):
            continue
        if path.suffix.lower() in PAGE_SUFFIXES:
            pages.append(path)
        else:
            assets.append(uri)
    return pages, assets


def play_files(project: Project) -> list[Path]:
    if not project.plays_dir.is_dir():
        return []
    return sorted(p for p in project.plays_dir.rglob("*") if p.suffix in PLAY_SUFFIXES)


def _load_taxonomy(project: Project, problems: list[Problem]) -> Taxonomy | None:
    display = project.display(project.taxonomy)
    if not project.taxonomy.is_file():
        problems.append(Problem(display, 1, 1, "taxonomy file not found"))
        return None
    try:
        doc = load_file(project.taxonomy, display)
        return Taxonomy.model_validate(doc.data)
    except ContentError as exc:
        problems.extend(exc.problems)
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, Taxonomy))
    return None


def _cached_play(
    path: Path, display: str, problems: list[Problem], cache: ParseCache
) -> SourcePlay | Document | None:
    """`load_play`, or what it gave last time for exactly these bytes."""
    raw = path.read_bytes()
    key = cache.key(display, raw)
    entry = cache.get(key)
    if entry is None:
        found: list[Problem] = []
        entry = (load_play(raw, display, found), found)
        cache.put(key, entry)
    problems.extend(entry[1])
    return entry[0]


def load_play(raw: bytes, display: str, problems: list[Problem]) -> SourcePlay | Document | None:
    """Parse and schema-check one play file, adding any problems.

    Returns the play; or, when only the schema failed, the parsed document so that
    its other fields can still be checked; or None when the file cannot be parsed.
    """
    try:
        doc = parse(decode(raw, display), display)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
    if doc.data is None:
        problems.append(Problem(display, 1, 1, "file is empty; a play needs id, title, type, ..."))
        return None
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        problems.append(doc.problem((), f"a play must be a mapping of fields, not {kind}"))
        return None
    model = _model_for(doc, problems)
    if model is None:
        return doc
    try:
        play = model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, model))
        return doc
    return SourcePlay(display, doc, play, audiences_of(play.audience) or frozenset())


def _model_for(doc: Document, problems: list[Problem]) -> Any:
    kind = doc.data.get("type")
    known = ", ".join(TYPES)
    if kind is None:
        problems.append(doc.problem((), f"missing required field 'type' (one of {known})"))
        return None
    play_type = TYPES.get(kind) if isinstance(kind, str) else None
    if play_type is None:
        hint = did_you_mean(kind, TYPES) or f"; known: {known}"
        problems.append(doc.problem(("type",), f"type: '{kind}' is not a play type{hint}"))
        return None
    return play_type.model


def load_page(path: Path, project: Project, problems: list[Problem]) -> Page | None:
    display = project.display(path)
    src_uri = path.relative_to(project.docs_dir).as_posix()
    try:
        text = read_text(path, display)
        doc, body, body_line = split_front_matter(text, display)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
    meta = doc.data if doc and isinstance(doc.data, dict) else {}
    audience = page_audience(doc, meta, display)
    if isinstance(audience, Problem):
        problems.append(audience)
        return None
    return Page(src_uri, display, audience, meta, doc, body, body_line)


def split_front_matter(text: str, display: str) -> tuple[Document | None, str, int]:
    """Split `---` YAML front matter from a Markdown page; the body's first line number too."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != FRONT_MATTER:
        return None, text, 1
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FRONT_MATTER, "..."):
            doc = parse("".join(lines[1:index]), display, line_offset=1)
            return doc, "".join(lines[index + 1 :]), index + 2
    raise ContentError([Problem(display, 1, 1, "front matter starts with '---' but never ends")])


def load_snippets(project: Project, problems: list[Problem]) -> dict[str, str]:
    snippets: dict[str, str] = {}
    if not project.snippets_dir.is_dir():
        return snippets
    for path in sorted(project.snippets_dir.rglob("*.md")):
        name = path.relative_to(project.snippets_dir).with_suffix("").as_posix()
        try:
            snippets[name] = read_text(path, project.display(path))
        except ContentError as exc:
            problems.extend(exc.problems)
    return snippets
