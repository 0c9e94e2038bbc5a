"""What each edition shows differently between two revisions of a playbook.

Pages are compared as rendered Markdown (what MkDocs or any other engine receives);
sentences are compared as the reader reads them (reader_text). For an edition that
does not show everything (customers, or a segment or tier), every sentence it shows
after the change and did not show anywhere before is listed as newly visible.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from .reader_text import page_title, sentences, split_front_matter
from .snapshot import LazyPages, RenderedEdition, Snapshot, words

RENAME_SIMILARITY = 0.6
RENAME_MAX_PAIRS = 2500  # removed x added pages compared at most; beyond, no rename detection


@dataclass(frozen=True)
class PageRef:
    uri: str
    title: str


@dataclass
class PageChange:
    uri: str
    title: str
    diff: list[str]  # unified diff of the page body, without file headers
    renamed_from: str | None = None


@dataclass(frozen=True)
class NewSentence:
    text: str
    page: PageRef
    pages: int  # how many pages of the edition show it


@dataclass
class EditionDiff:
    name: str
    audience: str
    segment: str | None
    tier: str | None
    shows_everything: bool
    only_in: str | None = None  # "base" or "head" when the edition exists on one side
    added: list[PageRef] = field(default_factory=list)
    removed: list[PageRef] = field(default_factory=list)
    changed: list[PageChange] = field(default_factory=list)
    newly_visible: list[NewSentence] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.only_in)

    @property
    def customer_facing(self) -> bool:
        return self.audience != "internal"

    @property
    def renamed(self) -> list[PageChange]:
        return [c for c in self.changed if c.renamed_from]


@dataclass
class DiffResult:
    base: str
    head: str
    editions: list[EditionDiff]

    @property
    def customer_visible_change(self) -> bool:
        return any(e.has_changes for e in self.editions if e.customer_facing)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["customer_visible_change"] = self.customer_visible_change
        for edition, raw in zip(self.editions, data["editions"], strict=True):
            raw["has_changes"] = edition.has_changes
            raw["customer_facing"] = edition.customer_facing
            if edition.shows_everything:
                raw["newly_visible"] = None
        return data


def diff_snapshots(base: Snapshot, head: Snapshot) -> DiffResult:
    names = list(head.editions) + [n for n in base.editions if n not in head.editions]
    editions = [diff_edition(base.editions.get(n), head.editions.get(n)) for n in names]
    editions.sort(key=lambda e: (not e.customer_facing, e.shows_everything))
    return DiffResult(base.label, head.label, editions)


def diff_edition(base: RenderedEdition | None, head: RenderedEdition | None) -> EditionDiff:
    either = head or base
    assert either is not None
    result = EditionDiff(
        either.name,
        either.audience,
        either.segment,
        either.tier,
        either.shows_everything,
        only_in=None if base and head else ("head" if head else "base"),
    )
    before: Mapping[str, str] = base.pages if base else {}
    after: Mapping[str, str] = head.pages if head else {}
    same = head.unchanged if base and head else frozenset()
    added = [uri for uri in after if uri not in before]
    removed = [uri for uri in before if uri not in after]
    renames = _renames(removed, added, before, after)
    for uri in after:
        old_uri = renames.get(uri, uri)
        if uri in same or old_uri not in before:
            continue
        if before[old_uri] != after[uri]:
            result.changed.append(_change(uri, before[old_uri], after[uri], renames.get(uri)))
        elif uri in renames:
            result.changed.append(PageChange(uri, page_title(after[uri], uri), [], old_uri))
    renamed_old = set(renames.values())
    result.added = [PageRef(u, page_title(after[u], u)) for u in added if u not in renames]
    result.removed = [PageRef(u, page_title(before[u], u)) for u in removed if u not in renamed_old]
    if not result.shows_everything:
        result.newly_visible = newly_visible(before, after, same, head)
    return result


def _change(uri: str, old: str, new: str, renamed_from: str | None) -> PageChange:
    return PageChange(uri, page_title(new, uri), body_diff(old, new), renamed_from)


def body_diff(old: str, new: str) -> list[str]:
    """The changed lines of a page as readers see its Markdown: no front matter but tags."""
    lines = difflib.unified_diff(_readable(old), _readable(new), n=1, lineterm="")
    return ["@@" if line.startswith("@@") else line for line in list(lines)[2:]]


def _readable(markdown: str) -> list[str]:
    meta, body = split_front_matter(markdown)
    lines = body.strip("\n").splitlines()
    tags = meta.get("tags")
    if isinstance(tags, list) and tags:
        lines += ["", "Tags: " + ", ".join(str(tag) for tag in tags)]
    return lines


def _renames(
    removed: list[str], added: list[str], before: Mapping[str, str], after: Mapping[str, str]
) -> dict[str, str]:
    """New uri -> old uri for added pages that are a removed page under a new name."""
    if not removed or not added or len(removed) * len(added) > RENAME_MAX_PAIRS:
        return {}
    found: dict[str, str] = {}
    for old in removed:
        old_body = split_front_matter(before[old])[1].splitlines()
        best, score = None, RENAME_SIMILARITY
        for new in added:
            if new in found:
                continue
            matcher = difflib.SequenceMatcher(
                None, old_body, split_front_matter(after[new])[1].splitlines(), autojunk=False
            )
            if matcher.quick_ratio() >= score and matcher.ratio() >= score:
                best, score = new, matcher.ratio()
        if best is not None:
            found[best] = old
    return found


def newly_visible(
    before: Mapping[str, str],
    after: Mapping[str, str],
    same: frozenset[str] = frozenset(),
    head: RenderedEdition | None = None,
) -> list[NewSentence]:
    """Sentences the edition shows after the change and showed on no page before.

    `same` are pages known to be unchanged without reading them. Such a page is read
    only when it may hold a candidate sentence (it has all of its words), so most are
    never rendered. Should that test ever skip a page that does hold one, the sentence
    is listed as new although it is not: a reviewer reads one sentence too many, never
    one too few.
    """
    kept = [uri for uri in after if uri in same or (uri in before and before[uri] == after[uri])]
    unchanged = set(kept)
    changed = [uri for uri in after if uri not in unchanged]
    old = {s for uri in before if uri not in unchanged for s in sentences(before[uri])}
    plays_prefix = f"{head.plays_url}/" if head else "plays/"
    where: dict[str, list[str]] = {}
    for uri in sorted(changed, key=lambda uri: (not uri.startswith(plays_prefix), uri)):
        for sentence in sentences(after[uri]):
            if sentence not in old:
                where.setdefault(sentence, []).append(uri)
    shown_before = _shown_on(where, kept, after, head)
    return [
        NewSentence(text, PageRef(uris[0], page_title(after[uris[0]], uris[0])), len(uris))
        for text, uris in where.items()
        if text not in shown_before
    ]


def _shown_on(
    candidates: Iterable[str],
    uris: list[str],
    pages: Mapping[str, str],
    head: RenderedEdition | None,
) -> set[str]:
    """The candidates that some page in `uris` shows; a page is read only if it may.

    A page not made yet may show a sentence when its play supplies every word of it the
    templates do not; a page already made, when it holds every word.
    """
    template = head.template_words() if head else frozenset()
    wanted = {text: (words(text), words(text) - template) for text in candidates}
    found: set[str] = set()
    for uri in uris:
        if len(found) == len(wanted):
            break
        made = not isinstance(pages, LazyPages) or pages.is_made(uri)
        source = None if made or head is None else head.words_of(uri)
        if source is None:
            pool, index = words(pages[uri]), 0
        else:
            pool, index = source, 1
        hits = [s for s, needed in wanted.items() if s not in found and needed[index] <= pool]
        if hits:
            shown = set(sentences(pages[uri]))
            found.update(s for s in hits if s in shown)
    return found
