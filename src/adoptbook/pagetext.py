"""Small edits of a Markdown page's text: its YAML front matter, its relative links, its
headings. Play pages, call sheets and page macros all use them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml


def dump_yaml(data: dict[str, Any]) -> str:
    """`yaml.safe_dump(data, sort_keys=False, allow_unicode=True)`, byte for byte.

    libyaml's emitter is several times faster and writes the same text, except that
    it escapes characters outside the Basic Multilingual Plane (emoji) and some
    invisible ones; strings holding those go through PyYAML's own emitter.
    """
    fast = _CDumper is not None and all(_emits_alike(text) for text in _strings(data))
    dumper = _CDumper if fast else yaml.SafeDumper
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True)


_CDumper = getattr(yaml, "CSafeDumper", None)


def _emits_alike(text: str) -> bool:
    return text.isprintable() and (text.isascii() or max(text) < "\uffff")


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


_RELATIVE_LINK = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|/|#)")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def rebase_links(markdown: str, prefix: str) -> str:
    """Make relative links in `markdown` start from `prefix` (a folder, no trailing slash)."""
    return _RELATIVE_LINK.sub(f"]({prefix}/", markdown) if prefix not in ("", ".") else markdown


def shift_headings(markdown: str) -> str:
    """Move every ATX heading one level down, leaving fenced code alone."""
    out, fence = [], None
    for line in markdown.splitlines():
        match = _FENCE.match(line)
        if match and (fence is None or match.group(1).startswith(fence)):
            fence = match.group(1)[:3] if fence is None else None
        elif fence is None and line.startswith("#"):
            line = "#" + line
        out.append(line)
    return "\n".join(out) + "\n"


def strip_front_matter(markdown: str) -> str:
    """The page without its leading `---` YAML block, if it has one."""
    if not markdown.startswith("---\n"):
        return markdown
    end = markdown.find("\n---\n", 3)
    return markdown if end < 0 else markdown[end + 5 :]
