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
from .content import Page, SourcePlay
from .editions import applies_to, play_audience, snippet_visible, strings, visible_at
from .model import AUDIENCES
from .problems import Problem
from .schema_errors import did_you_mean

MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)
HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
SNIPPET_INCLUDE = re.compile(r'^[ \t]*--8<--[ \t]+"([^"]+)"[ \t]*$', re.MULTILINE)
PAGE_SNIPPET = re.compile(r"""snippet\(\s*["']([^"']+)["']""")
PAGE_EMBED = re.compile(r"""embed\(\s*["']([^"']+)["']""")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)
PAGE_SUFFIX = ".md"


def link_targets(text: str) -> Iterator[tuple[int, str, bool]]:
    """(offset, target, written as a .md source path) for every link in Markdown or HTML:
    inline links and images, reference definitions, and href/src attributes."""
    for pattern in (MD_LINK, REFERENCE_DEFINITION):
        for match in pattern.finditer(text):
            yield match.start(1), match.group(1), True
    for match in HTML_LINK.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        yield match.start(group), match.group(group), False


def candidates(target: str, from_uri: str) -> list[str]:
    """The source files (`x.md`, `x/index.md`, `img.png`) a link from page `from_uri` may mean.

    A `.md` link is relative to the source file; a site URL (`../x/`) is relative to the
    page's URL (`a/b.md` is served at `a/b/`), and MkDocs rewrites neither in raw HTML.
    """
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path or EXTERNAL.match(target):
        return []
    source_dir = posixpath.dirname(from_uri)
    stem = from_uri.removesuffix(PAGE_SUFFIX)
    url_dir = source_dir if posixpath.basename(stem) == "index" else stem
    found = []
    for base in dict.fromkeys((source_dir, url_dir)):
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
        resolved = posixpath.normpath(joined).lstrip("./") if joined else ""
        if resolved.startswith("../"):
            continue
        resolved = resolved.removesuffix("/index.html").removesuffix(".html")
        if resolved.endswith(PAGE_SUFFIX) or "." in posixpath.basename(resolved):
            found.append(resolved)
        else:
            found += [f"{resolved}{PAGE_SUFFIX}", f"{resolved}/index{PAGE_SUFFIX}".lstrip("/")]
    return list(dict.fromkeys(found))


def linked_files(texts: list[tuple[str, str]]) -> set[str]:
    """Every source file that one of `texts` (from_uri, text) links to."""
    return {
        uri
        for from_uri, text in texts
        for _offset, target, _md in link_targets(text)
        for uri in candidates(target, from_uri)
    }


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
                return f"link to '{target}' leads nowhere: no page or play '{resolved}'"
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
        play = self.plays.get(play_id)
        if play is None:
            return f"embed: no play has id '{play_id}'{did_you_mean(play_id, self.plays)}"
        if view.audience not in play_audience(play):
            return f"embed: play '{play_id}' is hidden from {view.audience} readers"
        if not applies_to(play.data, view):
            return f"embed: play '{play_id}' is left out of {_edition_words(view)}"
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


def play_references(source: SourcePlay, refs: References) -> Iterator[Problem]:
    doc, play = source.document, source.play
    for index, pid in enumerate(play.related):
        if pid not in refs.plays:
            hint = did_you_mean(pid, refs.plays)
            yield doc.problem(("related", index), f"related[{index}]: no play has id '{pid}'{hint}")
        elif pid == play.id:
            message = f"related[{index}]: a play cannot relate to itself"
            yield doc.problem(("related", index), message)
    uri = play_uri(refs.plays_url, play.id)
    # Only strings with a link or a snippet include can refer to anything.
    texts = [(loc, text) for loc, text in strings(source.data) if _may_refer(text)]
    for view in refs.views:
        if texts and view.audience in play_audience(source) and applies_to(source.data, view):
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
