"""The leak guard: after an edition is built, look for internal text in every file it wrote.

The data filter (editions.py) decides what an edition may show before anything renders
it. The guard checks the result, so that it also catches what the filter cannot see: a
theme override printing `page.meta` or `config.extra`, another MkDocs plugin, a page
that pastes an internal sentence or names an internal play.

What it looks for comes from the playbook itself: distinctive runs of words from
coaching, internal-only items, plays, pages and snippets, and the ids of internal plays
and pages. A run is distinctive when no customer-visible play, snippet or taxonomy term
contains it, so wording a play shares with customers on purpose never trips it. Every
file is read: HTML, JSON, JS, XML, text, and compressed files (gzip, Pagefind's index).
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .config import Edition
from .content import Content
from .editions import hidden_texts, public_texts
from .problems import Problem

RUN = 6
"""Words in a run taken from a long internal text."""
STRIDE = 3
"""A run starts every STRIDE words, so any pasted excerpt of RUN + STRIDE - 1 words is found."""
SHORTEST = 3
"""An internal text shorter than RUN counts as a whole when it has at least this many words."""
WORD = re.compile(r"\w+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
TAG = re.compile(r"<[^>]*>")
BINARY_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .webp .ico .bmp .tif .tiff .woff .woff2 .ttf .otf .eot .mp4 .webm "
    ".mp3 .wav .zip .wasm".split()
)
GZIP_MAGIC = b"\x1f\x8b"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Leak:
    output: str
    """The output file, relative to the site folder."""
    origin: Problem
    """Where the internal text was written, and which field or part it is."""
    words: str

    def format(self, site: str) -> str:
        o = self.origin
        return (
            f"{site}/{self.output}: error: internal text from {o.path}:{o.line}:{o.column} "
            f"({o.message}) is in this file: \"{self.words}\""
        )


class Fingerprints:
    """Distinctive runs of internal words and internal ids, with where each came from."""

    def __init__(self, content: Content, edition: Edition) -> None:
        self.runs: dict[tuple[str, ...], Problem] = {}
        self.ids: dict[str, Problem] = {}
        for origin, text in hidden_texts(content, edition):
            if origin.message in ("id", "page"):
                self._add_id(text, origin)
            else:
                self._add_runs(words_of(text), origin)
        self.lengths = sorted({len(run) for run in self.runs}, reverse=True)
        self.first_words = {run[0] for run in self.runs}
        self._forget_public(public_texts(content, edition))

    def _add_id(self, slug: str, origin: Problem) -> None:
        last = slug.rsplit("/", 1)[-1]
        if last == "index":
            slug = slug.rsplit("/", 1)[0]
        if "-" in slug or "/" in slug:  # one plain word is no evidence of anything
            self.ids.setdefault(slug.lower(), origin)

    def _add_runs(self, words: list[str], origin: Problem) -> None:
        if len(words) <= RUN:
            if len(words) >= SHORTEST:
                self.runs.setdefault(tuple(words), origin)
            return
        starts = [*range(0, len(words) - RUN + 1, STRIDE), len(words) - RUN]
        for start in starts:
            self.runs.setdefault(tuple(words[start : start + RUN]), origin)

    def _forget_public(self, texts: Iterable[str]) -> None:
        """Runs that customer-visible text also contains are shared wording, not leaks."""
        for text in texts:
            for run, _start in self._matches(words_of(text)):
                self.runs.pop(run, None)

    def _matches(self, words: list[str]) -> Iterator[tuple[tuple[str, ...], int]]:
        runs, first_words, lengths = self.runs, self.first_words, self.lengths
        count = len(words)
        for start, word in enumerate(words):
            if word in first_words:
                for length in lengths:
                    if start + length <= count:
                        run = tuple(words[start : start + length])
                        if run in runs:
                            yield run, start

    def find(self, text: str, seen: set[str]) -> Iterator[tuple[Problem, str]]:
        """Leaks in `text`; lines in `seen` were read before (pages repeat most of theirs)."""
        lines = set(text.splitlines()) - seen
        seen |= lines
        for line in lines:
            if self.ids:
                for slug in SLUG.findall(line.lower()):
                    if slug in self.ids:
                        yield self.ids[slug], slug
            for run, _start in self._matches(words_of(TAG.sub(" ", html.unescape(line)))):
                yield self.runs[run], " ".join(run)

    def find_in_path(self, relative: str) -> Iterator[tuple[Problem, str]]:
        lowered = relative.lower()
        for slug, origin in self.ids.items():
            if f"/{slug}/" in f"/{lowered}" or f"/{slug}." in f"/{lowered}":
                yield origin, slug


def words_of(text: str) -> list[str]:
    return WORD.findall(text.lower())


def guard(
    site: Path, content: Content, edition: Edition, pristine: frozenset[str] = frozenset()
) -> list[Leak]:
    """Every leak of internal text into the built `site` of `edition` (none for internal).

    `pristine` names files copied unchanged from an installed theme (Material's scripts
    and their source maps): they cannot hold playbook text, so only their names are read.
    """
    if edition.audience == "internal":
        return []
    fingerprints = Fingerprints(content, edition)
    if not fingerprints.runs and not fingerprints.ids:
        return []
    leaks: dict[tuple[str, Problem], Leak] = {}
    seen: set[str] = set()
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site).as_posix()
        found = list(fingerprints.find_in_path(relative))
        text = "" if relative in pristine else readable_text(path)
        if text:
            found += fingerprints.find(text, seen)
        for origin, words in found:
            leaks.setdefault((relative, origin), Leak(relative, origin, words))
    return list(leaks.values())


def readable_text(path: Path) -> str:
    """A file's text, decompressed when needed; '' for images and other binary files."""
    if path.suffix.lower() in BINARY_SUFFIXES:
        return ""
    data = path.read_bytes()
    if data.startswith(GZIP_MAGIC):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return ""
        if path.suffix == ".pf_fragment":
            return _fragment_lines(data)
        return data.decode("utf-8", "ignore")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return ""


def _fragment_lines(data: bytes) -> str:
    """A Pagefind fragment holds a whole page's text on one JSON line, its elements run
    together; put each sentence on a line of its own, as the page's HTML has them."""
    try:
        fragment = json.loads(data.removeprefix(b"pagefind_dcd"))
    except ValueError:
        return data.decode("utf-8", "ignore")
    return "\n".join(SENTENCE_END.split(json.dumps(fragment, ensure_ascii=False)))
