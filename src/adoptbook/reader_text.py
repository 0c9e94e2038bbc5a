"""What a reader reads on a page: its rendered Markdown without markup, as sentences.

`adoptbook diff` compares editions by the sentences their pages show, so that a
link target, a CSS class or a re-wrapped line is not mistaken for new text. It is
a reading of the Markdown adoptbook writes (headings, lists, tables, admonitions,
content tabs, cards, fenced messages), not a full Markdown parser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import yaml

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_BLOCK_START = re.compile(
    r"^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\||!!!|\?\?\?|===|<|-{3,}\s*$|\*{3,}\s*$)"
)
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?|===)\s*(?:[\w-]+(?:\s+[\w-]+)*)?\s*(?:"(.*)")?\s*$')
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ATTR_LIST = re.compile(r"\s*\{\s*[#.:][^{}]*\}")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[((?:\\\]|[^\]])*)\]\([^)]*\)")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->")
_BOUNDARY_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|dl|dt|dd|td|th|tr|h[1-6]|label|legend|option|select|button"
    r"|fieldset|form|summary|details|figcaption|br)\b[^<>]*>",
    re.IGNORECASE,
)
BOUNDARY = "\ue000"  # where an HTML element that stands alone began or ended
_ICON = re.compile(r":(?:material|fontawesome|octicons|simple)-[\w-]+:")
_KEYS = re.compile(r"\+\+([\w+-]+)\+\+")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_CODE_SPAN = re.compile(r"(?<!\\)(?:`+)([^`]*)(?:`+)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\s+—\s+")
_SPACE = re.compile(r"\s+")


def split_front_matter(markdown: str) -> tuple[dict, str]:
    """The page's front matter as data, and its body."""
    if not markdown.startswith("---\n"):
        return {}, markdown
    end = markdown.find("\n---\n", 3)
    if end < 0:
        return {}, markdown
    try:
        meta = yaml.safe_load(markdown[4:end]) or {}
    except yaml.YAMLError:
        meta = {}
    return (meta if isinstance(meta, dict) else {}), markdown[end + 5 :]


def page_title(markdown: str, fallback: str) -> str:
    meta, body = split_front_matter(markdown)
    if isinstance(meta.get("title"), str):
        return meta["title"]
    heading = next((line for line in body.splitlines() if _HEADING.match(line)), None)
    return plain(_HEADING.sub("", heading)) if heading else fallback


def reader_lines(markdown: str) -> list[str]:
    """The page body as text blocks a reader sees, one per paragraph, item, cell or heading.

    Front matter is left out except what readers see of it: the tags of a play.
    """
    meta, body = split_front_matter(markdown)
    blocks = list(_blocks(body))
    tags = meta.get("tags")
    if isinstance(tags, list) and tags:
        blocks.append("Tags: " + ", ".join(str(tag) for tag in tags))
    return [text for block in blocks for text in _plain_parts(block)]


def sentences(markdown: str) -> list[str]:
    """The page's reader text split into sentences, in order, without repeats.

    A spaced dash also ends one: lists join a title and a summary with it.
    """
    seen: dict[str, None] = {}
    for line in reader_lines(markdown):
        for sentence in _SENTENCE_END.split(line):
            sentence = sentence.strip()
            if any(ch.isalnum() for ch in sentence):
                seen.setdefault(sentence)
    return list(seen)


def _blocks(body: str) -> Iterator[str]:
    """Paragraphs, list items, headings, table cells and code lines, markup still on."""
    current: list[str] = []
    fence: str | None = None
    for line in body.splitlines():
        match = _FENCE.match(line)
        if fence is not None:  # a message's text: its paragraphs, as written
            if match and match.group(1).startswith(fence):
                fence = None
                yield from _flush(current)
            elif line.strip():
                if _LIST_MARK.match(line):
                    yield from _flush(current)
                current.append(line)
            else:
                yield from _flush(current)
            continue
        if match:
            yield from _flush(current)
            fence = match.group(1)[:3]
            continue
        if not line.strip() or _BLOCK_START.match(line):
            yield from _flush(current)
        if not line.strip() or _RULE.match(line) or _TABLE_SEPARATOR.match(line):
            continue
        if line.lstrip().startswith("|"):
            yield from (cell for cell in line.strip().strip("|").split("|") if cell.strip())
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            if admonition.group(1):
                yield admonition.group(1)
            continue
        current.append(line)
    yield from _flush(current)


def _flush(current: list[str]) -> Iterator[str]:
    if current:
        yield " ".join(part.strip() for part in current)
        current.clear()


def plain(text: str) -> str:
    """One block of Markdown as the words a reader sees; code spans show as written."""
    return " ".join(_plain_parts(text))


def _plain_parts(text: str) -> list[str]:
    """plain(), split where an HTML element that stands alone (a label, an option) ends."""
    text = _LIST_MARK.sub("", _QUOTE.sub("", _HEADING.sub("", text)))
    parts = _CODE_SPAN.split(text)
    words = "".join(part if index % 2 else _unmark(part) for index, part in enumerate(parts))
    texts = (_SPACE.sub(" ", part).strip() for part in words.split(BOUNDARY))
    return [text for text in texts if text]


def _unmark(text: str) -> str:
    text = _ATTR_LIST.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _BOUNDARY_TAG.sub(BOUNDARY, text)
    text = _TAG.sub("", text)
    text = _ICON.sub("", text)
    text = _KEYS.sub(r"\1", text)
    for _ in range(2):  # nested emphasis: ***a** b*
        text = _EMPHASIS.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    return html.unescape(text)
