"""Links in Markdown and HTML: every target a text links to, and the files it may mean.

Used by the checks (references.py) to find links that leak or lead nowhere, and by the
edition filter (editions.py) to know which files a page of an edition links to.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)
HTML_LINK = re.compile(
    r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE
)
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
