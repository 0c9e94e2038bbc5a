"""Links, snippet includes and embeds: where each leads, and whether a reader may follow it.

Content is checked against several *views*: each audience, and each edition narrowed
to a segment or tier, so that no edition gets a link to something it leaves out.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .config import Edition, Project
from .content import Page, RawPlay, SourcePlay
from .editions import applies_to, play_audience, snippet_visible, visible_at
from .links import EXTERNAL, PAGE_SUFFIX, candidates, link_targets
from .model import AUDIENCES
from .problems import Problem
from .schema_errors import close_matches, did_you_mean

SNIPPET_INCLUDE = re.compile(r'^[ \t]*--8<--[ \t]+"([^"]+)"[ \t]*$', re.MULTILINE)
PAGE_SNIPPET = re.compile(r"""snippet\(\s*["']([^"']+)["']""")
PAGE_EMBED = re.compile(r"""embed\(\s*["']([^"']+)["']""")


@dataclass
class References:
    """Resolves links, snippet includes and embeds, and says when one leaks or breaks."""

    plays_url: str
    plays: dict[str, SourcePlay]
    pages: dict[str, Page]
    snippets: dict[str, str]
    views: list[Edition]

    def in_text(self, text: str, from_uri: str, view: Edition) -> Iterator[tuple[int, str]]:
        for offset, target, is_md in link_targets(text):
            problem = self.link(target, from_uri, view, is_md)
            if problem:
                yield offset, problem
        for match in SNIPPET_INCLUDE.finditer(text):
            problem = self.snippet(match.group(1), view)
            if problem:
                yield match.start(1), problem

    def link(self, target: str, from_uri: str, view: Edition, is_md: bool = True) -> str | None:
        path = target.split("#", 1)[0].split("?", 1)[0]
        found = [self._audience_of(uri) for uri in candidates(target, from_uri)]
        found = [f for f in found if f[0] is not None]
        if not found:
            if is_md and path.endswith(PAGE_SUFFIX) and not EXTERNAL.match(target):
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), path))
                return f"link to '{target}' leads nowhere: no page or play '{resolved}'" + (
                    self._closest(resolved)
                )
            return None
        for audience, play in found:
            if view.audience not in audience:
                only = " and ".join(sorted(audience))
                return (
                    f"link to '{target}' leads to {only}-only content, "
                    f"hidden from {view.audience} readers"
                )
            if play is not None and not applies_to(play.data, view):
                return f"link to '{target}' leads to a play left out of {_edition_words(view)}"
        return None

    def _closest(self, uri: str) -> str:
        """Existing plays or pages whose names are close to a link that leads nowhere."""
        folder, _, name = uri.rpartition("/")
        if folder == self.plays_url:
            ids = close_matches(name.removesuffix(PAGE_SUFFIX), self.plays, loose=True)[:3]
            close = [play_uri(self.plays_url, pid) for pid in ids]
        else:
            close = close_matches(uri, self.pages)[:3]
        return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""

    def _audience_of(self, uri: str) -> tuple[frozenset[str] | None, SourcePlay | None]:
        folder, _, name = uri.rpartition("/")
        play = None
        if folder == self.plays_url and name.endswith(PAGE_SUFFIX):
            play = self.plays.get(name.removesuffix(PAGE_SUFFIX))
        elif folder.startswith(f"{self.plays_url}/") and name == f"index{PAGE_SUFFIX}":
            play = self.plays.get(folder.removeprefix(f"{self.plays_url}/"))
        if play is not None:
            return play_audience(play), play
        page = self.pages.get(uri)
        return (page.audience if page else None), None

    def snippet(self, name: str, view: Edition) -> str | None:
        name = name.removesuffix(".md")
        if name not in self.snippets:
            return f"snippet '{name}' not found in snippets/{did_you_mean(name, self.snippets)}"
        if not snippet_visible(name, view.audience):
            return (
                f"snippet '{name}' is internal-only but included in {view.audience}-visible content"
            )
        return None

    def embed(self, play_id: str, view: Edition) -> str | None:
        problem = self.play_in(play_id, view)
        return f"embed: {problem}" if problem else None

    def play_in(self, play_id: str, view: Edition) -> str | None:
        """Why readers of `view` cannot reach the play `play_id`; None when they can."""
        play = self.plays.get(play_id)
        if play is None:
            return f"no play has id '{play_id}'{did_you_mean(play_id, self.plays, few=True)}"
        if view.audience not in play_audience(play):
            return f"play '{play_id}' is hidden from {view.audience} readers"
        if not applies_to(play.data, view):
            return f"play '{play_id}' is left out of {_edition_words(view)}"
        return None


def views(project: Project) -> list[Edition]:
    """What to check content against: each audience, and each narrowed edition."""
    plain = [Edition.for_audience(audience) for audience in AUDIENCES]
    return plain + [e for e in project.editions.values() if e.segment or e.tier]


def _edition_words(view: Edition) -> str:
    narrowing = ", ".join(
        f"{kind} {value}"
        for kind, value in (("segment", view.segment), ("tier", view.tier))
        if value
    )
    return f"the '{view.name}' edition ({narrowing})"


def play_uri(plays_url: str, play_id: str) -> str:
    return f"{plays_url}/{play_id}.md"


def play_references(source: SourcePlay | RawPlay, refs: References) -> Iterator[Problem]:
    """Related ids, links and snippet includes of a play file, valid or not (raw data)."""
    doc, data = source.document, source.data
    own_id = data.get("id") if isinstance(data.get("id"), str) else ""
    related = data.get("related") if isinstance(data.get("related"), list) else []
    for index, pid in enumerate(related):
        if not isinstance(pid, str):
            continue
        if pid not in refs.plays:
            hint = did_you_mean(pid, refs.plays, few=True)
            yield doc.problem(("related", index), f"related[{index}]: no play has id '{pid}'{hint}")
        elif pid == own_id:
            message = f"related[{index}]: a play cannot relate to itself"
            yield doc.problem(("related", index), message)
    uri = play_uri(refs.plays_url, own_id or "unnamed")
    # Only strings with a link or a snippet include can refer to anything.
    texts = [(loc, text) for loc, text in source.texts if _may_refer(text)]
    for view in refs.views:
        if texts and view.audience in source.audience and applies_to(source.data, view):
            for loc, text in texts:
                if visible_at(source.data, loc, view.audience):
                    for offset, problem in refs.in_text(text, uri, view):
                        yield source.problem_in_text(loc, text, offset, problem)


def _may_refer(text: str) -> bool:
    return "](" in text or "]:" in text or "--8<--" in text or "=" in text


def page_references(page: Page, refs: References) -> Iterator[Problem]:
    for view in refs.views:
        if view.audience not in page.audience:
            continue
        for offset, problem in _page_text_references(page, refs, view):
            line = page.body_line + page.body.count("\n", 0, offset)
            column = offset - (page.body.rfind("\n", 0, offset) + 1) + 1
            yield Problem(page.path, line, column, problem)


def _page_text_references(page: Page, refs: References, view: Edition) -> Iterator:
    yield from refs.in_text(page.body, page.src_uri, view)
    for pattern, resolve in ((PAGE_SNIPPET, refs.snippet), (PAGE_EMBED, refs.embed)):
        for match in pattern.finditer(page.body):
            problem = resolve(match.group(1), view)
            if problem:
                yield match.start(1), problem
