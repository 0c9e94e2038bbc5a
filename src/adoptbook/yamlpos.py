"""Load YAML into plain data while remembering where every key and value came from.

Built on PyYAML's event stream (libyaml's C parser when present), so that the
nesting depth is checked while parsing and duplicate keys, aliases and custom
tags are refused with a position instead of being silently accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .problems import ContentError, Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is missing on this platform
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 40

Loc = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$")
_WORD = re.compile(r"[^\s\"'\\]+")  # quotes and backslashes may be escaped in the source
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:map": None,
    "tag:yaml.org,2002:seq": None,
}


class Position(NamedTuple):  # a tuple: a file has one for every key and value
    line: int
    column: int


@dataclass
class Document:
    """A parsed YAML file: its data, and the position of every key and value."""

    path: str
    data: Any = None
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)
    styles: dict[Loc, str] = field(default_factory=dict)
    text: str = ""

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Where `loc` was written; the nearest written ancestor when it was not."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Position(1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False, severity="error") -> Problem:
        pos = self.position(loc, key=key)
        return Problem(self.path, pos.line, pos.column, message, severity)

    def text_position(self, loc: Loc, value: str, offset: int) -> Position:
        """Where character `offset` of the string at `loc` sits in the file."""
        start = self.position(loc)
        style = self.styles.get(loc, "")
        before = value[:offset]
        if style != "|":
            found = self._find_word(start, value, offset)
            if found is not None:
                return found
            quote = 1 if style in ('"', "'") else 0
            return Position(start.line, start.column + quote + offset)
        line = start.line + 1 + before.count("\n")
        source_lines = self.text.splitlines()
        source = source_lines[line - 1] if line <= len(source_lines) else ""
        indent = len(source) - len(source.lstrip(" "))
        return Position(line, indent + 1 + offset - (before.rfind("\n") + 1))

    def _find_word(self, start: Position, value: str, offset: int) -> Position | None:
        """Find the word at `offset` in the source: folding turns line breaks into
        spaces but leaves words intact, so plain and folded text is searched, not counted."""
        match = _WORD.match(value, offset)
        if match is None:
            return None
        word = match.group(0)
        earlier = _occurrences(value, word, offset)
        lines = self.text.split("\n")
        index = sum(len(text) + 1 for text in lines[: start.line - 1]) + start.column - 1
        for _ in range(earlier + 1):
            index = self.text.find(word, index)
            if index < 0:
                return None
            index += 1
        index -= 1
        line_start = self.text.rfind("\n", 0, index) + 1
        return Position(self.text.count("\n", 0, index) + 1, index - line_start + 1)


def _occurrences(text: str, word: str, end: int) -> int:
    """How many times `word` starts in `text` before index `end`."""
    count, index = 0, text.find(word)
    while 0 <= index < end:
        count, index = count + 1, text.find(word, index + 1)
    return count


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 text file, refusing oversized files and undecodable bytes."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _fail(display, 1, 1, f"file is {size:,} bytes; the limit is {MAX_BYTES:,} (1 MB)")
    return decode(path.read_bytes(), display)


def decode(raw: bytes, display: str) -> str:
    """UTF-8 bytes as text with one kind of line ending, or a positioned error."""
    if len(raw) > MAX_BYTES:
        raise _fail(display, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} (1 MB)")
    # One line ending, so that line numbers agree with what editors show.
    raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8-sig", "replace")) + 1
        byte = raw[exc.start : exc.start + 1].hex()
        raise _fail(
            display, line, column, f"file is not UTF-8 text (byte 0x{byte}); save it as UTF-8"
        ) from None


def load_file(path: Path, display: str) -> Document:
    return parse(read_text(path, display), display)


def parse(text: str, display: str, *, line_offset: int = 0) -> Document:
    """Parse one YAML document; raise ContentError with a position on any problem."""
    builder = _Builder(Document(display, text="\n" * line_offset + text), line_offset)
    odd = _ODD_BREAK.search(text)
    if odd:  # YAML counts these as line breaks; editors do not show them
        line = text.count("\n", 0, odd.start()) + 1 + line_offset
        column = odd.start() - (text.rfind("\n", 0, odd.start()) + 1) + 1
        message = f"character U+{ord(odd.group()):04X} is an invisible line break; delete it"
        raise _fail(display, line, column, message)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        last = text.split("\n")
        if line > len(last):  # libyaml ends a file without a final newline one line lower
            line, column = len(last), len(last[-1]) + 1
        line, column, message = _advice(exc, last, line, column) or (
            line,
            column,
            _syntax_message(exc, text, line_offset),
        )
        raise _fail(display, line + line_offset, column, message) from None
    except yaml.reader.ReaderError as exc:  # characters YAML does not allow
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        index = max(text.find(chr(code)), 0)  # libyaml's position counts bytes, not characters
        line = text.count("\n", 0, index) + 1 + line_offset
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        message = f"invalid YAML: character U+{code:04X} is not allowed in YAML; delete it"
        raise _fail(display, line, column, message) from None
    except yaml.YAMLError as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else "unreadable"
        raise _fail(display, 1 + line_offset, 1, f"invalid YAML: {first_line}") from None
    return builder.document


_INVALID = "invalid YAML: "
_LINE_UP = "line it up with the key it belongs with"
_KEY_LINE = re.compile(r"^(\s*)(?:- )?[\w-]+:(?:\s|$)")
_KEY_WITHOUT_SPACE = re.compile(r"^\s*(?:- )?[\w-]+:[^\s/]")


def _advice(
    exc: yaml.MarkedYAMLError, lines: list[str], line: int, column: int
) -> tuple[int, int, str] | None:
    """Plain advice for the usual slips, at the line where the slip most likely is."""
    problem, context, start = exc.problem or "", exc.context or "", exc.context_mark
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    above = next((lines[i] for i in range(line - 2, -1, -1) if lines[i].strip()), "")
    if "\t" in here[:column] or "'\\t'" in problem:
        return None  # the tab message says it best
    if start is not None and ("quoted scalar" in context or "flow sequence" in context):
        what = "quote" if "quoted" in context else "[ list ]"
        fix = "end the value with the same quote" if what == "quote" else "close it with ']'"
        return start.line + 1, start.column + 1, f"{_INVALID}this {what} is never closed; {fix}"
    if "cannot start any token" in problem:
        char = here[column - 1 : column] or "this character"
        return line, column, f"{_INVALID}a value cannot start with '{char}'; put it in quotes"
    for number in range(max(1, line - 1), line + 1):
        if _KEY_WITHOUT_SPACE.match(lines[number - 1]):
            return number, 1, f"{_INVALID}put a space after the colon, as in 'title: Value'"
    return _indent_advice(problem, here, above, line, column)


def _indent_advice(
    problem: str, here: str, above: str, line: int, column: int
) -> tuple[int, int, str] | None:
    deeper, shallower = _indent(here) > _indent(above), _indent(here) < _indent(above)
    if "mapping values are not allowed" in problem:
        if _KEY_LINE.match(here) and deeper and not above.rstrip().endswith(":"):
            return line, 1, f"{_INVALID}this line is indented more than the one above; {_LINE_UP}"
        return line, column, f"{_INVALID}this value contains ': '; put the whole value in quotes"
    if "did not find expected key" in problem:
        if deeper and _KEY_LINE.match(here) and not above.rstrip().endswith(":"):
            return line, 1, f"{_INVALID}this line is indented more than the one above; {_LINE_UP}"
        if shallower and _KEY_LINE.match(here):
            return line, 1, f"{_INVALID}this line is indented less than the one above; {_LINE_UP}"
        if here.count("'") > 2:
            message = "a value in single quotes cannot hold one; use double quotes, or ''"
            return line, column, f"{_INVALID}{message}"
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> str:
    problem = exc.problem or "syntax error"
    mark, start = exc.problem_mark, exc.context_mark
    if (mark is not None and text[mark.index : mark.index + 1] == "\t") or "'\\t'" in problem:
        return "tab character: indent YAML with spaces, never tabs"
    context = exc.context or ""
    if context and start is not None and (mark is None or start.line != mark.line):
        context += f" that starts on line {start.line + 1 + line_offset}"
    return f"invalid YAML: {problem}" + (f" ({context})" if context else "")


def _fail(path: str, line: int, column: int, message: str) -> ContentError:
    return ContentError([Problem(path, line, column, message)])


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    loc: Loc
    pending_key: str | None = None


class _Builder:
    """Turns a YAML event stream into dicts, lists and scalars, recording positions."""

    def __init__(self, document: Document, line_offset: int) -> None:
        self.document = document
        self.line_offset = line_offset
        self.stack: list[_Frame] = []
        self.documents = 0

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.ScalarEvent):  # the most frequent, first
            self._check_node(event)
            loc = self._add(self._scalar(event), event)
            if event.style and self.stack and self.stack[-1].pending_key is None:
                self.document.styles[loc] = event.style
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._error(event, "only one YAML document per file (remove the extra '---')")
        elif isinstance(event, yaml.AliasEvent):
            self._error(event, f"aliases (*{event.anchor}) are not supported; write the value out")
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._check_node(event)
            if len(self.stack) >= MAX_DEPTH:
                self._error(event, f"nested more than {MAX_DEPTH} levels deep")
            container: dict[str, Any] | list[Any] = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            loc = self._add(container, event)
            self.stack.append(_Frame(container, loc))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.stack.pop()

    def _check_node(self, event: yaml.NodeEvent) -> None:
        if event.anchor:
            self._error(event, f"anchors (&{event.anchor}) are not supported; write the value out")
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and tag not in _STANDARD_TAGS:
            self._error(event, f"YAML tag '{tag}' is not supported")

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        value: str = event.value
        quoted = event.style not in (None, "")
        if quoted or event.tag == "tag:yaml.org,2002:str" or not event.implicit[0]:
            return value
        if _NULL.match(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
        return value

    def _add(self, value: Any, event: yaml.Event) -> Loc:
        position = self._position(event)
        if not self.stack:
            self.document.data = value
            self.document.values[()] = position
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            loc = (*frame.loc, len(frame.container))
            frame.container.append(value)
        elif frame.pending_key is None:
            self._take_key(frame, value, event, position)
            return frame.loc
        else:
            loc = (*frame.loc, frame.pending_key)
            frame.container[frame.pending_key] = value
            frame.pending_key = None
        self.document.values[loc] = position
        return loc

    def _take_key(self, frame: _Frame, key: Any, event: yaml.Event, position: Position) -> None:
        if isinstance(key, dict | list):
            self._error(event, "a key must be a plain word, not a list or mapping")
        name = event.value if isinstance(event, yaml.ScalarEvent) else str(key)
        assert isinstance(frame.container, dict)
        if name in frame.container:
            first = self.document.keys[(*frame.loc, name)]
            self._error(event, f"duplicate key '{name}' (first set on line {first.line})")
        frame.pending_key = name
        self.document.keys[(*frame.loc, name)] = position

    def _position(self, event: yaml.Event) -> Position:
        mark = event.start_mark
        return Position(mark.line + 1 + self.line_offset, mark.column + 1)

    def _error(self, event: yaml.Event, message: str) -> None:
        pos = self._position(event)
        raise _fail(self.document.path, pos.line, pos.column, message)
