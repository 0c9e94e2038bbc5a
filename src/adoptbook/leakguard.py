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

import ahocorasick

from .config import Edition
from .content import Content
from .editions import hidden_texts, public_texts
from .problems import Problem

PASSED = "leak guard: read the site in"  # + "N.NN s": logged by each edition that passed
RUN = 6
"""Words in a run taken from a long internal text."""
STRIDE = 3
"""A run starts every STRIDE words, so any pasted excerpt of RUN + STRIDE - 1 words is found."""
SHORTEST = 3
"""An internal text shorter than RUN counts as a whole when it has at least this many words."""
WORD_CHARS = re.compile(r"\w")
SLUG_CHARS = re.compile(r"[\w-]")
NON_WORD = re.compile(r"[^\w\n]+")
TAG = re.compile(r"<[^<>]{0,2000}>")
BREAKS = str.maketrans(dict.fromkeys('.!?;:|"', "\n"))
"""Tags, sentence punctuation, quotes and line breaks (also escaped, as in JSON) end a run
of words. Runs never span two sentences, so two texts that merely sit side by side in the
output (a heading and the paragraph after it) are never mistaken for one."""
_BINARY = ".png .jpg .jpeg .gif .webp .ico .bmp .tif .tiff .woff .woff2 .ttf .otf .eot .mp4 .webm"
BINARY_SUFFIXES = frozenset(_BINARY.split())
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
            f'({o.message}) is in this file: "{self.words}"'
        )


class Fingerprints:
    """Distinctive runs of internal words and internal ids, with where each came from.

    Runs are kept as normalised text ("word word word") and searched for with an
    Aho-Corasick automaton (pyahocorasick), so a site is read once, at C speed, whatever
    the number of runs.
    """

    def __init__(self, content: Content, edition: Edition, public: Iterable[str] = ()) -> None:
        self.runs: dict[str, Problem] = {}
        self.ids: dict[str, Problem] = {}
        for origin, text in hidden_texts(content, edition):
            if origin.message in ("id", "page"):
                self._add_id(text, origin)
            else:
                self._add_text(sentences(text), origin)
        self.automaton = _automaton(self.runs)
        for run in self._matches("\n".join([*public_texts(content, edition), *public])):
            self.runs.pop(run, None)  # customer-visible text has it too: shared on purpose
        self.automaton = _automaton(self.runs)
        self.id_automaton = _automaton(self.ids)

    def _add_id(self, slug: str, origin: Problem) -> None:
        last = slug.rsplit("/", 1)[-1]
        if last == "index":
            slug = slug.rsplit("/", 1)[0]
        if "-" in slug or "/" in slug:  # one plain word is no evidence of anything
            self.ids.setdefault(slug.lower(), origin)

    def _add_text(self, parts: list[list[str]], origin: Problem) -> None:
        """Runs of RUN words from each sentence; a short text (a title) counts as a whole,
        but a short sentence inside a longer text (a heading) does not."""
        if len(parts) == 1 and SHORTEST <= len(parts[0]) <= RUN:
            self.runs.setdefault(" ".join(parts[0]), origin)
            return
        for words in parts:
            if len(words) >= RUN:
                starts = [*range(0, len(words) - RUN + 1, STRIDE), len(words) - RUN]
                for start in starts:
                    self.runs.setdefault(" ".join(words[start : start + RUN]), origin)

    def _matches(self, text: str) -> set[str]:
        """The runs that occur in `text` as whole words within one sentence."""
        if not self.runs:
            return set()
        return _whole(normalised(text), self.automaton, WORD_CHARS)

    def find(self, text: str, seen: set[str]) -> Iterator[tuple[Problem, str]]:
        """Leaks in `text`; lines in `seen` were read before (pages repeat most of theirs)."""
        lines = set(text.splitlines()) - seen
        seen |= lines
        chunk = "\n".join(lines)
        if self.ids:
            lowered = chunk.lower()
            for slug in _whole(lowered, self.id_automaton, SLUG_CHARS):
                yield self.ids[slug], slug
        for run in self._matches(chunk):
            yield self.runs[run], run

    def find_in_path(self, relative: str) -> Iterator[tuple[Problem, str]]:
        lowered = relative.lower()
        for slug, origin in self.ids.items():
            if f"/{slug}/" in f"/{lowered}" or f"/{slug}." in f"/{lowered}":
                yield origin, slug


def _whole(text: str, automaton: ahocorasick.Automaton, inside: re.Pattern[str]) -> set[str]:
    """What the automaton finds in `text` that does not continue into a longer word."""
    found = set()
    if not len(automaton):
        return found
    for end, key in automaton.iter(text):
        start = end - len(key) + 1
        before = text[start - 1] if start else " "
        after = text[end + 1] if end + 1 < len(text) else " "
        if not inside.match(before) and not inside.match(after):
            found.add(key)
    return found


def _automaton(runs: Iterable[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for run in runs:
        automaton.add_word(run, run)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def normalised(text: str) -> str:
    """Lower-case words separated by one space, each break (see BREAK) a line break."""
    if "&" in text:
        text = html.unescape(text)
    text = text.lower().replace("\\n", "\n").replace('\\"', '"')
    text = TAG.sub("\n", text).translate(BREAKS)
    return NON_WORD.sub(" ", text)


def sentences(text: str) -> list[list[str]]:
    """The words of each sentence (or other unbroken stretch) of `text`, lower-cased."""
    parts = (part.split() for part in normalised(text).split("\n"))
    return [words for words in parts if len(words) >= SHORTEST]


def guard(
    site: Path, content: Content, edition: Edition, *, public: Iterable[str] = (),
    pristine: frozenset[str] = frozenset(),
) -> list[Leak]:  # fmt: skip
    """Every leak of internal text into the built `site` of `edition` (none for internal).

    `public` is more wording the edition shows on purpose (nav titles, headings, brand).
    `pristine` names files copied unchanged from an installed theme (Material's scripts
    and their source maps): they cannot hold playbook text, so only their names are read.
    """
    if edition.for_staff:
        return []
    fingerprints = Fingerprints(content, edition, public)
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
