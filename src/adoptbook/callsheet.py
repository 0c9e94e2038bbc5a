"""Call sheets: one compact, printable page per play for a CSM who is on the call now.

A call sheet shows a play's coaching (talk track, discovery questions, objections,
red flags) with its summary and related plays. Coaching only survives the filter
in an edition that may show it, so a play gets a call sheet exactly when its
filtered copy still has coaching: the customer edition has none, with no audience
test here or in the template.
"""

from __future__ import annotations

import functools
import posixpath
import re
from typing import TYPE_CHECKING

from .model import PlayBase
from .pagetext import dump_yaml, rebase_links

if TYPE_CHECKING:
    from .render import PlayRenderer

CALL_SHEETS_URL = "call-sheets"
SHORTCUT = "c"  # toggles play page <-> call sheet; search keeps "/" and "s"


def call_sheet_uri(play_id: str) -> str:
    return f"{CALL_SHEETS_URL}/{play_id}.md"


def has_call_sheet(play: PlayBase) -> bool:
    return play.coaching is not None


def link_between(from_uri: str, to_uri: str) -> str:
    """A relative Markdown link target from one page's src_uri to another's."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def call_sheet_pages(renderer: PlayRenderer) -> dict[str, str]:
    """src_uri -> Markdown of the call sheet of every play that has one in this edition."""
    return {
        call_sheet_uri(play.id): call_sheet_page(renderer, play)
        for play in renderer.content.plays.values()
        if has_call_sheet(play)
    }


def call_sheet_page(renderer: PlayRenderer, play: PlayBase) -> str:
    """The call sheet of one play that has one in this edition."""
    plays = renderer.content.plays
    template = renderer.env.get_template("call-sheet.md.j2")
    uri = call_sheet_uri(play.id)
    related = [
        (other, link_between(uri, _page_of(other, renderer.plays_url)))
        for other in (plays[pid] for pid in play.related if pid in plays)
    ]
    text = template.render(
        sheet_md=functools.partial(_markdown, renderer, link_between(uri, renderer.plays_url)),
        play=play,
        front_matter=_front_matter(play),
        back=link_between(uri, f"{renderer.plays_url}/{play.id}.md"),
        related=related,
        words=renderer.words,
        shortcut=SHORTCUT,
    )
    return re.sub(r"\n{3,}", "\n\n", text)


def _markdown(renderer: PlayRenderer, plays_folder: str, text: str) -> str:
    """Play Markdown on a call sheet: its links, written from the plays' folder, rebased."""

    return rebase_links(renderer.markdown(text), plays_folder)


def _page_of(play: PlayBase, plays_url: str) -> str:
    """Where a related play leads from a call sheet: its call sheet, or else its page."""
    return call_sheet_uri(play.id) if has_call_sheet(play) else f"{plays_url}/{play.id}.md"


def _front_matter(play: PlayBase) -> str:

    meta = {
        "title": "Call sheet: " + " ".join(play.title.split()),
        "description": " ".join(play.summary.split()),
        "render_macros": False,
        "hide": ["navigation", "toc", "footer"],
        "search": {"exclude": True},  # search lands on the play, not on its call sheet
        "adoptbook": {"call_sheet": play.id},
    }
    return "---\n" + dump_yaml(meta) + "---\n"
