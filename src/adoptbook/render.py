"""Render plays to Markdown pages through Jinja templates, one per play type.

Play text is data: it is passed to templates as values and never compiled as a
template, so `{{ ... }}` written in a play shows literally. Templates are looked
up in the project's `overrides/plays/` first, then in the package.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

import jinja2

from . import callsheet, messages
from .config import Edition
from .content import EditionContent
from .model import PlayBase
from .pagetext import dump_yaml
from .playtypes import TYPES
from .problems import ContentError, Problem
from .schedule import human_timing
from .search import play_facets
from .selfservice import self_service_globals
from .share import customer_page_url
from .words import WORDS

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_SNIPPET_LINE = re.compile(r'^([ \t]*)--8<--[ \t]+"([^"]+)"[ \t]*$', re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def escape_html(text: str) -> str:
    """Neutralise raw HTML in play text; Markdown stays Markdown."""
    return _HTML_START.sub("&lt;", text)


def first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    return escape_html(_SENTENCE_END.split(flat, maxsplit=1)[0])


def inline(text: str) -> str:
    return escape_html(" ".join(text.split()))


def link_text(text: str) -> str:
    return inline(text).replace("[", "\\[").replace("]", "\\]")


def fence_for(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


class PlayRenderer:
    """Renders the plays of one edition. Holds the compiled templates."""

    def __init__(
        self,
        content: EditionContent,
        templates_dir: Path | None = None,
        plays_url: str = "plays",
        share_targets: tuple[Edition, ...] = (),
    ) -> None:
        self.content = content
        self.plays_url = plays_url
        self.share_targets = share_targets
        self.page_uris = {page.src_uri for page in content.pages}
        self.words = WORDS[content.edition.audience]
        search = [p for p in (templates_dir, PACKAGE_TEMPLATES) if p and p.is_dir()]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(search),
            autoescape=False,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(
            fence_for=fence_for,
            call_sheet_link=self.call_sheet_link,
            shortcut=callsheet.SHORTCUT,
            share_url=lambda play: customer_page_url(play, self.share_targets, plays_url),
            message_anchor=messages.message_anchor,
            account_panel=messages.play_account_panel,
        )
        self.env.globals.update(self_service_globals(self))
        self.env.filters.update(
            md=self.markdown,
            md_inline=inline,
            link_text=link_text,
            first_sentence=first_sentence,
            timing=human_timing,
            verbatim=lambda text: text.rstrip("\n"),
            table_cell=lambda text: text.replace("|", "\\|"),
            label_persona=lambda value: self.label("personas", value),
        )

    def label(self, kind: str, value: str) -> str:
        return self.content.taxonomy.label(kind, value)

    def markdown(self, text: str) -> str:
        """Play Markdown as it goes into a page: snippets included, raw HTML neutralised."""
        return escape_html(_SNIPPET_LINE.sub(self._include_snippet, text.strip("\n")))

    def _include_snippet(self, match: re.Match[str]) -> str:
        indent, name = match.group(1), match.group(2).removesuffix(".md")
        if name not in self.content.snippets:
            raise ContentError(
                [Problem(f"snippets/{name}.md", 1, 1, "snippet not in this edition")]
            )
        return "\n".join(indent + line for line in self.content.snippets[name].strip().splitlines())

    def page(self, play: PlayBase) -> str:
        """The complete Markdown page of a play, front matter included."""
        play_type = TYPES[play.type]
        template = self.env.get_template(play_type.template)
        related = [self.content.plays[pid] for pid in play.related if pid in self.content.plays]
        text = template.render(
            play=play,
            related=related,
            plays=self.content.plays,
            words={**self.words, **play_type.words},
            audience=self.content.edition.audience,
            label=self.label,
            front_matter=self.front_matter(play),
            facts_line=self.facts_line(play),
        )
        return re.sub(r"\n{3,}", "\n\n", text)

    def call_sheet_link(self, play: PlayBase) -> str | None:
        """The relative link from a play page to its call sheet, if it has one."""
        if not callsheet.has_call_sheet(play):
            return None
        own = f"{self.plays_url}/{play.id}.md"
        return callsheet.link_between(own, callsheet.call_sheet_uri(play.id))

    def front_matter(self, play: PlayBase) -> str:
        meta: dict[str, Any] = {
            "title": " ".join(play.title.split()),
            "description": " ".join(play.summary.split()),
            "tags": self.tags(play),
            "render_macros": False,
            "hide": ["tags", "navigation"],
            "adoptbook": {
                "play": play.id,
                "type": play.type,
                "type_label": self.label("types", play.type),
                "facets": play_facets(play, self.content.taxonomy),  # search filters
            },
        }
        return "---\n" + dump_yaml(meta) + "---\n"

    def tags(self, play: PlayBase) -> list[str]:
        taxonomy = self.content.taxonomy
        tags = [f"Type/{taxonomy.label('types', play.type)}"]
        for kind, prefix in (
            ("stages", "Stage"),
            ("segments", "Segment"),
            ("tiers", "Tier"),
            ("personas", "Persona"),
            ("tags", "Topic"),
        ):
            tags += [f"{prefix}/{taxonomy.label(kind, v)}" for v in getattr(play, kind)]
        return tags

    def facts_line(self, play: PlayBase) -> str:
        """Type, stages, segments, tiers and people; values link to their landing pages."""
        taxonomy = self.content.taxonomy
        kind = taxonomy.types.get(play.type)
        icon = f":{kind.icon.replace('/', '-')}: " if kind and kind.icon else ""
        parts = [f"{icon}**{taxonomy.label('types', play.type)}**"]
        for vocab in ("stages", "segments", "tiers", "personas"):
            values = getattr(play, vocab)
            if values:
                labels = ", ".join(self._landing_link(vocab, v) for v in values)
                parts.append(f"{self.words[vocab]}: {labels}")
        return '<p class="ab-facts" markdown>' + " · ".join(parts) + "</p>"

    def _landing_link(self, vocab: str, value: str) -> str:
        label = link_text(self.label(vocab, value))
        target = f"{vocab}/{value}.md"
        if target not in self.page_uris:
            return label
        return f"[{label}]({posixpath.relpath(target, self.plays_url)})"
