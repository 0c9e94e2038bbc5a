"""An independent link check over the built HTML of both editions.

MkDocs validates links in the Markdown it knows about; this reads what was
actually published. Every internal href (relative or root-relative, with an
optional #anchor) must lead to a file of the same edition, and the anchor to an
element id in that file. The customer edition must not link to anything it does
not contain: no CSM page, no internal-only play.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from sitekit import EDITIONS, MINI, BuiltSite, adoptbook, build_copy

pytestmark = pytest.mark.build

PROJECTS = ("bundled_site", "mini_site")
LINK_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "img": "src", "script": "src"}
ANCHOR_ATTRIBUTES = {"a": "href", "area": "href"}  # the only ones where #anchor means a place


@dataclass
class Link:
    tag: str
    target: str


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.page.ids.add(values[name] or "")
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute) is not None:
            self.page.links.append(Link(tag, values[attribute] or ""))

    handle_startendtag = handle_starttag


def parse(path: Path) -> ParsedPage:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


def html_pages(site: Path) -> dict[str, ParsedPage]:
    """Site-relative path (posix) -> parsed page, for every HTML file of an edition."""
    return {path.relative_to(site).as_posix(): parse(path) for path in sorted(site.rglob("*.html"))}


def is_external(target: str) -> bool:
    parts = urlsplit(target)
    return bool(parts.scheme) or target.startswith("//")


def resolve(page: str, target: str, site: Path) -> tuple[str | None, str]:
    """(site-relative file the link leads to, or None if there is none; the #anchor)."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    base = posixpath.dirname(page)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
    normal = posixpath.normpath(joined)
    if normal == ".":
        normal = ""
    if normal.startswith(".."):
        return None, parts.fragment
    candidate = site / normal
    if path.endswith("/") or candidate.is_dir():
        normal = posixpath.join(normal, "index.html") if normal else "index.html"
        candidate = site / normal
    return (normal if candidate.is_file() else None), unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    pages = html_pages(site)
    problems = []
    for page, parsed in pages.items():
        for link in parsed.links:
            if is_external(link.target) or link.target in ("", "#"):
                continue
            file, anchor = resolve(page, link.target, site)
            if file is None:
                problems.append(f"{page}: <{link.tag}> {link.target!r} leads to no file")
            elif anchor and link.tag in ANCHOR_ATTRIBUTES and file.endswith(".html"):
                ids = pages[file].ids if file in pages else parse(site / file).ids
                if anchor not in ids:
                    problems.append(f"{page}: {link.target!r}: no id {anchor!r} in {file}")
    return problems


def internal_only_plays(built: BuiltSite) -> set[str]:
    ids = set()
    for path in built.plays():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "id" not in data:
            continue
        audience = data.get("audience")
        audience = [audience] if isinstance(audience, str) else list(audience or [])
        if "customer" not in audience:
            ids.add(str(data["id"]))
    return ids


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("project", PROJECTS)
def test_every_internal_link_and_anchor_resolves(
    project: str, edition: str, request: pytest.FixtureRequest
) -> None:
    built: BuiltSite = request.getfixturevalue(project)
    site = built.site(edition)
    assert (site / "index.html").is_file()
    problems = broken_links(site)
    assert not problems, f"{len(problems)} broken link(s):\n" + "\n".join(problems[:50])


@pytest.mark.parametrize("project", PROJECTS)
def test_customer_edition_links_nowhere_it_does_not_contain(
    project: str, request: pytest.FixtureRequest
) -> None:
    built: BuiltSite = request.getfixturevalue(project)
    site = built.site("customer")
    hidden_plays = internal_only_plays(built)
    assert hidden_plays or project != "mini_site", "the mini fixture has an internal-only play"
    hidden = re.compile(
        r"(^|/)csm(/|$)"
        + "".join(rf"|(^|/)plays/{re.escape(play)}(/|\.html|$)" for play in sorted(hidden_plays))
    )
    problems = []
    for page, parsed in html_pages(site).items():
        for link in parsed.links:
            if "/csm/" in link.target or link.target.startswith("csm/"):
                problems.append(f"{page}: {link.target!r} points into the CSM playbook")
                continue
            if is_external(link.target):
                continue
            file, _ = resolve(page, link.target, site)
            target = file or posixpath.normpath(
                posixpath.join(posixpath.dirname(page), link.target)
            )
            if hidden.search(target):
                problems.append(f"{page}: {link.target!r} leads to internal-only {target}")
    assert not problems, "\n".join(problems[:50])
    for play in hidden_plays:
        assert not (site / "plays" / play).exists(), f"internal-only play {play} was published"
    assert not (site / "csm").exists()


@pytest.mark.parametrize("project", PROJECTS)
def test_both_editions_built_strict_without_warnings(
    project: str, request: pytest.FixtureRequest
) -> None:
    built: BuiltSite = request.getfixturevalue(project)
    for edition in EDITIONS:
        assert f"built the {edition} edition" in built.output, built.output
    warnings = [line for line in built.output.splitlines() if re.search(r"\bWARNING\b", line)]
    assert not warnings, "\n".join(warnings)
    config = yaml.safe_load(
        re.sub(r"!!python/\S+|!ENV \[[^]]*\]", "null", (built.root / "mkdocs.yml").read_text())
    )
    assert config["strict"] is True
    for kind in ("not_found", "anchors", "unrecognized_links", "absolute_links"):
        assert config["validation"]["links"][kind] == "warn", f"validation.links.{kind}"


def test_a_broken_anchor_fails_the_strict_build_of_both_editions(tmp_path: Path) -> None:
    """`adoptbook check` does not look at anchors; MkDocs' strict validation must."""
    built = build_copy(tmp_path / "project", MINI)
    before = (built.site("customer") / "toolkit" / "index.html").read_bytes()
    toolkit = built.root / "playbooks" / "toolkit.md"
    toolkit.write_text(
        toolkit.read_text(encoding="utf-8") + "\nSee [home](index.md#no-such-anchor).\n",
        encoding="utf-8",
    )

    result = adoptbook(built.root, "build")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for edition in EDITIONS:
        assert re.search(rf"\[{edition}\].*no-such-anchor", output), output
    assert (built.site("customer") / "toolkit" / "index.html").read_bytes() == before
