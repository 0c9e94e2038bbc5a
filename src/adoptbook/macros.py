"""Macros for playbook pages: lists, cards and embeds over one edition's plays.

The functions only ever receive the edition's filtered content, so a page can
never list, embed or link something the edition may not show. The plugin registers
them in mkdocs-macros' environment (pages.py); check, render and build all use that.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Iterable
from typing import Any

from .brand import Brand
from .content import EditionContent
from .finder import finder_markdown
from .health import HealthSource
from .health_report import health_markdown
from .messages import account_panel, shared_fields
from .model import CommunicationPlay, PlayBase
from .pagetext import rebase_links, shift_headings, strip_front_matter
from .problems import ContentError, Problem
from .render import (
    PlayRenderer,
    first_sentence,
    human_timing,
    inline,
    link_text,
)
from .schedule import send_order
from .taxonomy import KINDS
from .timeline import render_timeline

FILTERS = {
    "type": ("types", lambda p: [p.type]),
    "stage": ("stages", lambda p: p.stages),
    "segment": ("segments", lambda p: p.segments),
    "tier": ("tiers", lambda p: p.tiers),
    "persona": ("personas", lambda p: p.personas),
    "tag": ("tags", lambda p: p.tags),
}


MACRO_NAMES = (
    "play_list", "play_cards", "symptom_index", "embed", "snippet", "page_cards", "terms",
    "term_links", "term_description", "play_count", "site_name", "brand_intro", "support_contact",
    "message_list", "account_details", "health_report", "play_finder",
    "rollout_timeline",
)  # fmt: skip


class MacroError(ContentError):
    """A macro was called with something that does not exist."""


class Macros:
    """The macro functions of one edition, rendering links relative to the current page."""

    def __init__(
        self,
        content: EditionContent,
        renderer: PlayRenderer,
        plays_url: str,
        current_page: Callable[[], str],
        brand: Brand | None = None,
        health: HealthSource | None = None,
    ) -> None:
        self.content = content
        self.renderer = renderer
        self.plays_url = plays_url
        self.current_page = current_page
        self.brand = brand or Brand(site_name="")
        self.health = health

    def functions(self) -> dict[str, Callable[..., str]]:
        return {name: getattr(self, name) for name in MACRO_NAMES}

    def site_name(self) -> str:
        """The edition's site name, from its brand pack."""
        return self.brand.site_name

    def brand_intro(self) -> str:
        """The brand pack's short introduction for the home page ('' when it has none)."""
        return inline(self.brand.intro) if self.brand.intro else ""

    def support_contact(self) -> str:
        """Where readers of this edition get help, as a link ('' when the brand names none)."""
        return self.brand.support_link()

    def health_report(self) -> str:
        """The playbook's health: reviews due, coverage, gaps, size. Internal editions only."""
        if self.health is None:
            self._fail(
                f"health_report() shows internal data; the {self.content.edition.name} "
                "edition is not internal: give the page 'audience: internal'"
            )
        return health_markdown(self.health(), link=self.link, html=True)

    def rollout_timeline(self, **filters: Any) -> str:
        """Every step and message of the edition's plans that match the filters (as in
        play_list), week by week around go-live."""
        return render_timeline(
            self.select(**filters), self.link, lambda value: self.renderer.label("personas", value)
        )

    def select(self, **filters: str | Iterable[str] | None) -> list[PlayBase]:
        """Plays matching every filter; a play with no segments (or tiers) fits all."""
        plays = list(self.content.plays.values())
        for name, wanted in filters.items():
            if wanted is None:
                continue
            if name not in FILTERS:
                self._fail(f"unknown filter '{name}'; use one of {', '.join(FILTERS)}")
            kind, values_of = FILTERS[name]
            wanted_set = {wanted} if isinstance(wanted, str) else set(wanted)
            self._check_terms(kind, wanted_set)
            open_ended = name in ("segment", "tier")
            plays = [
                p
                for p in plays
                if wanted_set & set(values_of(p)) or (open_ended and not values_of(p))
            ]
        return plays

    def play_list(self, **filters: Any) -> str:
        plays = self.select(**filters)
        if not plays:
            return "*Nothing here yet.*\n"
        items = "".join(
            f"- [{link_text(p.title)}]({self.link(p.id)}) — {first_sentence(p.summary)}\n"
            for p in plays
        )
        return f'<div class="ab-plays" markdown>\n\n{items}\n</div>\n'  # class: search.py

    def message_list(self, **filters: Any) -> str:
        """Communications in the order they are sent, each with when it goes out."""
        plays = sorted(
            (p for p in self.select(**filters) if isinstance(p, CommunicationPlay)),
            key=lambda p: (send_order(p.send_when), p.title),
        )
        if not plays:
            return "*Nothing here yet.*\n"
        return "".join(
            f"- **{human_timing(p.send_when)}**: "
            f"[{link_text(p.title)}]({self.link(p.id)}) — {first_sentence(p.summary)}\n"
            for p in plays
        )

    def account_details(self, *names: str) -> str:
        """The account panel for this edition's messages: the named placeholders, or
        else every one that two or more messages use."""
        plays = [p for p in self.select(type="communication") if isinstance(p, CommunicationPlay)]
        return account_panel(shared_fields(plays, names)) + "\n"

    def play_cards(self, **filters: Any) -> str:
        plays = self.select(**filters)
        if not plays:
            return "*Nothing here yet.*\n"
        cards = [
            f"-   {self._icon(p.type)}**[{link_text(p.title)}]({self.link(p.id)})**\n\n"
            f"    ---\n\n    {first_sentence(p.summary)}\n"
            for p in plays
        ]
        return '<div class="grid cards ab-plays" markdown>\n\n' + "\n".join(cards) + "\n</div>\n"

    def symptom_index(self, **filters: Any) -> str:
        words = self.renderer.words
        rows = sorted(
            ((inline(s.text), p) for p in self.select(**filters) for s in p.symptoms),
            key=lambda row: (row[0], row[1].id),  # two plays may share a symptom
        )
        header = f"| {words['symptoms']} | Play |\n| --- | --- |\n"
        body = "".join(
            f'| "{text.replace("|", "&#124;")}" | [{link_text(p.title)}]({self.link(p.id)}) |\n'
            for text, p in rows
        )
        # data-ab-module: a filter box narrows the table as you type (symptom-filter.js)
        wrapper = '<div class="ab-plays ab-symptom-index" data-ab-module="symptom-filter" markdown>'
        return f"{wrapper}\n\n{header}{body}\n</div>\n"

    def play_finder(self) -> str:
        """Every play of the edition grouped by type, with facets (finder.py)."""
        return finder_markdown(self.content, self.link)

    def play_count(self, **filters: Any) -> str:
        return str(len(self.select(**filters)))

    def embed(self, play_id: str) -> str:
        """One play's page body inside another page, headings moved one level down."""
        play = self.content.plays.get(play_id)
        if play is None:
            self._fail(f"embed: no play '{play_id}' in the {self.content.edition.name} edition")
        body = strip_front_matter(self.renderer.page(play))
        return shift_headings(rebase_links(body, self._relative(self.plays_url)))

    def snippet(self, name: str) -> str:
        name = name.removesuffix(".md")
        if name not in self.content.snippets:
            self._fail(f"snippet '{name}' is not in the {self.content.edition.name} edition")
        return self.content.snippets[name].strip() + "\n"

    def page_cards(self, *uris: str) -> str:
        """Cards for the given pages that exist in this edition (others are left out)."""
        pages = {p.src_uri: p for p in self.content.pages}
        cards = []
        for uri in uris:
            page = pages.get(uri)
            if page is None:
                continue
            icon = (
                f":{page.meta['icon'].replace('/', '-')}:{{ .lg .middle }} "
                if page.meta.get("icon")
                else ""
            )
            title = page.meta.get("title", uri)
            cards.append(
                f"-   {icon}**[{link_text(title)}]({self._relative(uri)})**\n\n"
                f"    ---\n\n    {inline(page.meta.get('description', ''))}\n"
            )
        return '<div class="grid cards" markdown>\n\n' + "\n".join(cards) + "\n</div>\n"

    def terms(self, kind: str) -> str:
        vocabulary = self._vocabulary(kind)
        return "".join(
            f"`{key}`\n:   **{t.label}**: {t.description}\n\n" for key, t in vocabulary.items()
        )

    def term_links(self, kind: str, folder: str) -> str:
        """Links to `<folder>/<value>.md` for each value of a vocabulary with a page here."""
        pages = {p.src_uri for p in self.content.pages}
        links = [
            f"[{link_text(term.label)}]({self._relative(f'{folder}/{key}.md')})"
            for key, term in self._vocabulary(kind).items()
            if f"{folder}/{key}.md" in pages
        ]
        return " · ".join(links)

    def term_description(self, kind: str, value: str) -> str:
        self._check_terms(kind, {value})
        term = self._vocabulary(kind).get(value)
        if term is None:
            self._fail(
                f"'{value}' is not shown in the {self.content.edition.name} edition: none of its "
                f"plays uses it and it has no {kind}/{value}.md page there"
            )
        return inline(term.description)

    def _vocabulary(self, kind: str) -> dict[str, Any]:
        if kind not in KINDS:
            self._fail(f"unknown vocabulary '{kind}'; use one of {', '.join(KINDS)}")
        return self.content.taxonomy.vocabulary(kind)

    def link(self, play_id: str) -> str:
        return self._relative(f"{self.plays_url}/{play_id}.md")

    def _relative(self, uri: str) -> str:
        return _relpath(uri, posixpath.dirname(self.current_page()) or ".")

    def _icon(self, play_type: str) -> str:
        term = self.content.taxonomy.types.get(play_type)
        return f":{term.icon.replace('/', '-')}:{{ .lg .middle }} " if term and term.icon else ""

    def _check_terms(self, kind: str, values: set[str]) -> None:
        if kind not in KINDS:
            self._fail(f"unknown vocabulary '{kind}'; use one of {', '.join(KINDS)}")
        unknown = values - self.content.declared[kind]
        if unknown:
            self._fail(f"'{sorted(unknown)[0]}' is not declared in the taxonomy's {kind}")

    def _fail(self, message: str) -> Any:
        raise MacroError([Problem(f"{self.current_page()}", 1, 1, message)])


@functools.lru_cache(maxsize=1 << 16)
def _relpath(uri: str, start: str) -> str:
    """posixpath.relpath, remembered: pages link to the same plays thousands of times."""
    parts, base = uri.split("/"), [] if start == "." else start.split("/")
    if {"", ".", ".."} & {*parts, *base}:
        return posixpath.relpath(uri, start)
    common = 0
    while common < min(len(parts), len(base)) and parts[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def define_env(env: Any) -> None:
    """Kept for `modules: [adoptbook.macros]` in older mkdocs.yml files: nothing to do,
    since the adoptbook plugin registers its macros in mkdocs-macros itself."""
