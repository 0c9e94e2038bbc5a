"""Who may see what: plays, items, pages, snippets, files, nav entries and taxonomy terms.

This is the only module that decides visibility. Templates, macros, the MkDocs plugin
and the leak guard all receive what it returns, so nothing downstream ever decides
whether internal content is shown. A reviewer auditing what customers can see reads
this file.

The rules:
- `audience:` on a play, page or any item inside a play (absent: the parent's) says who
  may see it; `coaching:` is internal by definition; `snippets/internal/` (any letter
  case) is internal-only.
- A segment- or tier-filtered edition also leaves out plays for other segments or tiers.
- A file in docs_dir that is not a page goes to an edition that shows everything, or to
  one whose pages or plays link to it; editor backups go nowhere.
- A nav section is kept only when it still holds a page of the edition; links and titles
  inside a dropped section go with it.
- A taxonomy term is shown when a play of the edition uses it or the edition has its
  landing page (`<kind>/<term>.md`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from .config import Edition
from .content import Content, EditionContent, Page, RawPlay, SourcePlay, strings
from .links import linked_files
from .model import AUDIENCES, INTERNAL, PlayBase, values_at, vocabulary_paths
from .problems import ContentError, Problem
from .schema_errors import did_you_mean, field_path
from .taxonomy import KINDS, Taxonomy
from .yamlpos import Document, Loc

INTERNAL_ONLY_KEYS = frozenset({"coaching"})
INTERNAL_SNIPPET_FOLDER = "internal"
EVERYONE = frozenset(AUDIENCES)
SITE_FILES = frozenset({"CNAME", "robots.txt", "favicon.ico"})
"""Files at the root of docs_dir that belong to the site itself, whoever reads it."""
JUNK_FILE = re.compile(r"(?:~|\.bak|\.swp|\.swo|\.tmp|\.orig|\.rej)$|(?:^|/)(?:#[^/]*#|\.#[^/]*)$")
_DROP = object()


# --- Audiences ------------------------------------------------------------------------


def audiences_of(spec: Any) -> frozenset[str] | None:
    """The audiences an `audience:` value names; None when there is none."""
    if spec is None:
        return None
    return frozenset([spec] if isinstance(spec, str) else spec)


def _valid_audiences(spec: Any) -> frozenset[str] | None:
    """The valid audiences an `audience:` names (a mistyped one is a schema error)."""
    if not isinstance(spec, str | list):
        return None
    named = frozenset(v for v in ([spec] if isinstance(spec, str) else spec) if v in AUDIENCES)
    return named or None


def written_audience(data: Any) -> frozenset[str]:
    """The audience a play file names, when it names a valid one; otherwise everyone, so
    that a file with mistakes is checked against every reader."""
    spec = data.get("audience") if isinstance(data, dict) else None
    return _valid_audiences(spec) or EVERYONE


def play_audience(source: SourcePlay) -> frozenset[str]:
    return source.audience


def page_audience(
    doc: Document | None, meta: dict[str, Any], display: str
) -> frozenset[str] | Problem:
    """A page's audience from its front matter, or the problem with it."""
    if doc is None or "audience" not in meta:
        at = doc.problem((), "") if doc else Problem(display, 1, 1, "")
        message = (
            "front matter needs 'audience: internal', 'audience: customer' "
            "or 'audience: [internal, customer]'"
        )
        return Problem(display, at.line, at.column, message)
    spec = meta["audience"]
    values = [spec] if isinstance(spec, str) else spec
    if not isinstance(values, list) or not values:
        return doc.problem(("audience",), "audience: expected internal, customer or both")
    for index, value in enumerate(values):
        if value not in AUDIENCES:
            loc = ("audience", index) if isinstance(spec, list) else ("audience",)
            hint = did_you_mean(value, AUDIENCES)
            return doc.problem(loc, f"audience: '{value}' is not an audience{hint}")
    return frozenset(values)


def audience_nesting(source: SourcePlay | RawPlay) -> Iterator[Problem]:
    """An item may only narrow its parent's audience; coaching is internal by definition."""

    def walk(node: Any, loc: Loc, allowed: frozenset[str]) -> Iterator[Problem]:
        if isinstance(node, dict):
            own = _valid_audiences(node.get("audience"))
            if own is not None and not own <= allowed:
                wider = ", ".join(sorted(own - allowed))
                yield source.document.problem(
                    (*loc, "audience"),
                    f"{field_path((*loc, 'audience'))}: '{wider}' is wider than the enclosing "
                    f"audience ({', '.join(sorted(allowed))}); an item can only narrow it",
                )
            allowed = allowed & own if own is not None else allowed
            for key, value in node.items():
                inner = frozenset({INTERNAL}) if key in INTERNAL_ONLY_KEYS else allowed
                yield from walk(value, (*loc, key), inner)
        elif isinstance(node, list):
            for index, item in enumerate(node):
                yield from walk(item, (*loc, index), allowed)

    yield from walk(source.data, (), EVERYONE)


# --- Play data ------------------------------------------------------------------------


def filter_data(data: Any, audience: str, allowed: frozenset[str] = EVERYONE) -> Any:
    """A copy of `data` without anything `audience` may not see; `None` if the whole is hidden."""
    result = _filter(data, audience, allowed)
    return None if result is _DROP else result


def _filter(data: Any, audience: str, allowed: frozenset[str]) -> Any:
    """The filtered copy; the very same object when nothing in it is hidden."""
    if isinstance(data, dict):
        own = audiences_of(data.get("audience"))
        if own is not None:
            allowed = allowed & own
        if audience not in allowed:
            return _DROP
        kept, changed = {}, False
        for key, value in data.items():
            if key in INTERNAL_ONLY_KEYS and audience != INTERNAL:
                changed = True
                continue
            if isinstance(value, dict | list):  # a scalar is kept as it is, without a call
                filtered = _filter(value, audience, allowed)
                changed = changed or filtered is not value
                value = filtered
            if value is not _DROP:
                kept[key] = value
        return kept if changed else data
    if isinstance(data, list):
        items = [_filter(i, audience, allowed) if isinstance(i, dict | list) else i for i in data]
        if all(new is old for new, old in zip(items, data, strict=True)):
            return data
        return [item for item in items if item is not _DROP]
    return data


def visible_at(node: Any, loc: Loc, audience: str) -> bool:
    """Whether readers of `audience` see the value at `loc` (same rules as `filter_data`)."""
    for key in loc:
        if isinstance(node, dict):
            own = _valid_audiences(node.get("audience"))
            if own is not None and audience not in own:
                return False
            if key in INTERNAL_ONLY_KEYS and audience != INTERNAL:
                return False
        node = node[key]
    return not (
        isinstance(node, dict) and audience not in (audiences_of(node.get("audience")) or EVERYONE)
    )


def applies_to(data: dict[str, Any], edition: Edition) -> bool:
    """Whether a play's segments and tiers let it into a segment- or tier-filtered edition."""
    for kind, wanted in (("segments", edition.segment), ("tiers", edition.tier)):
        values = data.get(kind) or []
        if wanted and values and wanted not in values:
            return False
    return True


def play_visible(source: SourcePlay, edition: Edition) -> bool:
    return edition.audience in play_audience(source) and applies_to(source.data, edition)


def _narrow_variants(data: dict[str, Any], edition: Edition) -> dict[str, Any]:
    """Only the variant for the edition's segment or tier (`data` is a copy to change)."""
    if not isinstance(data.get("variants"), dict):
        return data
    variants = data["variants"] = dict(data["variants"])  # may be shared with the source
    for kind, wanted in (("segments", edition.segment), ("tiers", edition.tier)):
        if wanted and isinstance(variants.get(kind), dict):
            variants[kind] = {k: v for k, v in variants[kind].items() if k == wanted}
    return data


def edition_data(source: SourcePlay, edition: Edition) -> dict[str, Any] | None:
    """The play's raw data as `edition` may show it; None when the play is not in it."""
    if not applies_to(source.data, edition):
        return None
    data = filter_data(source.data, edition.audience)
    if data is not None and (edition.segment or edition.tier):
        data = _narrow_variants(dict(data), edition)
    return data


def play_for_edition(source: SourcePlay, edition: Edition) -> PlayBase | None:
    """The play as `edition` shows it, validated again after filtering; None if hidden."""
    data = edition_data(source, edition)
    return None if data is None else _validated(source, data, edition)


def _validated(source: SourcePlay, data: dict[str, Any], edition: Edition) -> PlayBase:
    if data is source.data:
        return source.play  # nothing was hidden: the play as loaded
    try:
        return type(source.play).model_validate(data)
    except ValidationError as exc:
        loc = tuple(exc.errors()[0]["loc"])
        message = (
            f"{field_path(loc)}: required in the {edition.name} edition, "
            f"but everything here is hidden from {edition.audience} readers"
        )
        raise ContentError([source.document.problem(loc, message)]) from None


# --- One edition's content --------------------------------------------------------------


def for_edition(
    content: Content, edition: Edition, problems: list[Problem] | None = None
) -> EditionContent:
    """Everything one edition may show, filtered before anything renders it.

    A play that no longer fits its schema once filtered raises ContentError, or,
    when `problems` is given, is reported there and left out.
    """
    plays: dict[str, PlayBase] = {}
    used_terms: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for source in content.plays:
        data = edition_data(source, edition)
        if data is None:
            continue
        try:
            play = _validated(source, data, edition)
        except ContentError as exc:
            if problems is None:
                raise
            problems.extend(exc.problems)
            continue
        plays[play.id] = play
        _collect_terms(type(play), data, used_terms)
    plays = {pid: _drop_hidden_related(p, plays) for pid, p in plays.items()}
    pages = [page for page in content.pages if page_visible(page, edition)]
    snippets = {n: t for n, t in content.snippets.items() if snippet_visible(n, edition.audience)}
    assert content.taxonomy is not None
    return EditionContent(
        edition=edition,
        taxonomy=_narrow_taxonomy(content.taxonomy, used_terms, pages),
        plays=plays,
        pages=pages,
        snippets=snippets,
        assets=assets_for_edition(content, edition, pages, plays),
        declared={kind: frozenset(content.taxonomy.vocabulary(kind)) for kind in KINDS},
    )


def _drop_hidden_related(play: PlayBase, visible: dict[str, PlayBase]) -> PlayBase:
    related = [pid for pid in play.related if pid in visible]
    if related == play.related:
        return play
    return play.model_copy(update={"related": related})


@functools.cache
def _paths(model: type[PlayBase]) -> list[tuple[tuple[str, ...], str]]:
    return [(("type",), "types"), *vocabulary_paths(model)]


def _collect_terms(model: type[PlayBase], data: dict[str, Any], used: dict[str, set[str]]) -> None:
    for path, kind in _paths(model):
        for _loc, value, _key in values_at(data, path):
            if isinstance(value, str):
                used[kind].add(value)


def _narrow_taxonomy(taxonomy: Taxonomy, used: dict[str, set[str]], pages: list[Page]) -> Taxonomy:
    """Only the terms the edition's plays use, or whose landing page the edition has."""
    landing = {page.src_uri.removesuffix(".md") for page in pages}
    narrowed = {
        kind: {
            key: term
            for key, term in taxonomy.vocabulary(kind).items()
            if key in used[kind] or f"{kind}/{key}" in landing
        }
        for kind in KINDS
    }
    return taxonomy.model_copy(update=narrowed)


# --- Pages, snippets, files and nav ---------------------------------------------------------


def page_visible(page: Page, edition: Edition) -> bool:
    return edition.audience in page.audience


def is_internal_snippet(name: str) -> bool:
    """`internal/...` in any letter case: `Internal/` and `INTERNAL/` are internal too."""
    return name.split("/", 1)[0].casefold() == INTERNAL_SNIPPET_FOLDER


def snippet_visible(name: str, audience: str) -> bool:
    return audience == INTERNAL or not is_internal_snippet(name)


def is_junk_file(src_uri: str) -> bool:
    """Editor backups and lock files (`index.md~`, `.#page.md`, `page.md.swp`): never published."""
    return bool(JUNK_FILE.search(src_uri))


def assets_for_edition(
    content: Content, edition: Edition, pages: list[Page], plays: dict[str, PlayBase]
) -> list[str]:
    """The files in docs_dir, other than pages, that `edition` may publish."""
    candidates = [uri for uri in content.assets if not is_junk_file(uri)]
    if edition.audience == INTERNAL:
        return candidates
    texts = [(page.src_uri, page.body) for page in pages]
    texts += [(f"{content.plays_url}/{play.id}.md", text) for play in plays.values()
              for text in _strings_of(play)]  # fmt: skip
    linked = linked_files(texts) | SITE_FILES
    return [uri for uri in candidates if uri in linked]


def _strings_of(play: PlayBase) -> Iterator[str]:
    for _loc, text in strings(play.model_dump(exclude_none=True)):
        if "](" in text or "]:" in text:
            yield text


def nav_for_edition(nav: list[Any] | None, visible: set[str], everything: bool) -> list[Any] | None:
    """The nav without entries for pages the edition does not have.

    A section survives only while it holds one of the edition's pages (in an edition
    that shows everything: while it holds anything), so a link or title inside an
    internal section never reaches customers. Top-level links stay.
    """
    if nav is None:
        return None
    return [kept for entry in nav if (kept := _nav_entry(entry, visible, everything)) is not None]


def _nav_entry(entry: Any, visible: set[str], everything: bool) -> Any:
    title, value = (
        next(iter(entry.items())) if isinstance(entry, dict) and len(entry) == 1 else (None, entry)
    )
    if isinstance(value, list):
        children = nav_for_edition(value, visible, everything) or []
        keep = children and (everything or _holds_page(children))
        return {title: children} if keep and title is not None else (children if keep else None)
    if isinstance(value, str) and _is_page_target(value):
        return entry if value in visible else None
    return entry


def _holds_page(entries: list[Any]) -> bool:
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) and len(entry) == 1 else entry
        if isinstance(value, list) and _holds_page(value):
            return True
        if isinstance(value, str) and _is_page_target(value):
            return True
    return False


def _is_page_target(target: str) -> bool:
    return "://" not in target and not target.startswith(("mailto:", "/", "#"))


# --- What an edition must not contain (for the leak guard) ---------------------------------


def hidden_texts(content: Content, edition: Edition) -> Iterator[tuple[Problem, str]]:
    """Text that only internal readers may see, each with where it was written.

    Used by the leak guard of an edition that is not internal: coaching, internal-only
    items, internal-only plays (their ids and titles too), pages and snippets.
    """
    if edition.audience == INTERNAL:
        return
    for source in content.plays:
        if edition.audience not in play_audience(source):
            yield source.document.problem(("id",), "id"), source.play.id
        for loc, text in source.texts:
            if (loc and loc[-1] == "audience") or visible_at(source.data, loc, edition.audience):
                continue
            where = source.document.problem(loc, field_path(loc))
            yield where, text
    for page in content.pages:
        if edition.audience not in page.audience:
            yield Problem(page.path, 1, 1, "page"), page.src_uri.removesuffix(".md")
            title = page.meta.get("title")
            if isinstance(title, str):
                yield Problem(page.path, 1, 1, "title"), title
            yield Problem(page.path, page.body_line, 1, "page text"), page.body
    for name, text in content.snippets.items():
        if not snippet_visible(name, edition.audience):
            yield Problem(f"{content.snippets_display}/{name}.md", 1, 1, "snippet"), text


def public_texts(content: Content, edition: Edition) -> Iterator[str]:
    """Wording readers of `edition.audience` see in plays, snippets, page titles and the
    taxonomy: an internal text that shares it is shared on purpose, not leaked.

    Hand-written page bodies are left out on purpose: a sentence pasted from an internal
    play into a customer page is exactly what the leak guard must find.
    """
    for source in content.plays:
        if edition.audience in play_audience(source):
            for loc, text in source.texts:
                if visible_at(source.data, loc, edition.audience):
                    yield text
    for page in content.pages:
        if edition.audience in page.audience:
            yield from (str(v) for k, v in page.meta.items() if k in ("title", "description"))
    for name, text in content.snippets.items():
        if snippet_visible(name, edition.audience):
            yield text
    if content.taxonomy is not None:
        for kind in KINDS:
            for key, term in content.taxonomy.vocabulary(kind).items():
                yield from (key, term.label, term.description)
