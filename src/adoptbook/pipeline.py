"""From a project to one edition's pages: load -> check -> filter -> render.

The MkDocs plugin, `adoptbook check` and `adoptbook render` all start here, so any engine
can publish the same pages. Nothing in this module decides visibility (editions.py does)
or writes site folders (sitedir.py does).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from .brand import Brand
from .cache import ParseCache
from .callsheet import call_sheet_page, call_sheet_uri, has_call_sheet
from .checks import check_content
from .config import ConfigError, Edition, Project
from .content import Content, EditionContent
from .editions import for_edition
from .forking import Forked, Pending, Ready, can_fork
from .health import health_source
from .loader import load_content
from .macros import Macros
from .model import PlayBase
from .pages import PageExpander, macros_plugin_for
from .problems import ContentError, Problem, errors
from .references import play_uri, views
from .render import PlayRenderer
from .share import share_targets
from .taxonomy import SINGULAR, Taxonomy


@dataclass
class PreparedEdition:
    """One edition, filtered and ready to publish."""

    project: Project
    edition: Edition
    source: Content
    """Everything loaded, unfiltered: only the leak guard reads it, to know what to look for."""
    content: EditionContent
    renderer: PlayRenderer
    brand: Brand | None
    warnings: list[Problem] = field(default_factory=list)

    def play_pages(self) -> dict[str, str]:
        """src_uri -> Markdown of every play page in this edition, and of their call sheets."""
        return {
            uri: make()
            for play in self.content.plays.values()
            for uri, make in self.pages_of(play).items()
        }

    def pages_of(self, play: PlayBase) -> dict[str, Callable[[], str]]:
        """The pages made from one play (its page, its call sheet), each made when called."""
        pages = {play_uri(self.project.plays_url, play.id): lambda: self.renderer.page(play)}
        if has_call_sheet(play):
            pages[call_sheet_uri(play.id)] = lambda: call_sheet_page(self.renderer, play)
        return pages

    def page_uris(self) -> set[str]:
        """Every page of the edition: hand-written and generated."""
        plays = {play_uri(self.project.plays_url, pid) for pid in self.content.plays}
        return {page.src_uri for page in self.content.pages} | plays

    def macros(self, current_page: Any) -> Macros:
        brand = self.brand or Brand(site_name=str(self.project.mkdocs.get("site_name", "")))
        health = health_source(self.content, self.source, self.project)
        return Macros(
            self.content, self.renderer, self.project.plays_url, current_page, brand, health
        )

    def settings(self) -> dict[str, Any]:
        """What the edition sets in the site configuration (name, footer, url, extra)."""
        brand, edition = self.brand, self.edition
        settings: dict[str, Any] = {
            "extra": {"adoptbook": {"edition": edition.name, "audience": edition.audience,
                                    "indexable": edition.indexable,
                                    "marker": brand.marker if brand else None}},
        }  # fmt: skip
        if brand is not None:
            settings |= {"site_name": brand.site_name, "copyright": brand.footer_html()}
        if edition.site_url:
            settings["site_url"] = edition.site_url
        return settings


def prepare_edition(
    project: Project, edition: Edition, *, today: dt.date | None = None, checked: str | None = None
) -> PreparedEdition:
    """Load, check and filter; raise ContentError with every error if the content is bad.

    `checked` is the digest of sources `adoptbook build` has already checked: when the
    sources are unchanged, only loading problems are looked at, not every check again.
    """
    if checked and checked == sources_digest(project):
        content = _load(project)
        problems = content.problems
    else:
        content, problems = find_problems(project, today)
    if errors(problems):
        raise ContentError(errors(problems))
    assert content.taxonomy is not None  # a missing taxonomy is an error above
    return _prepared(
        project, edition, content, warnings=[p for p in problems if p.severity == "warning"]
    )


def prepare_checked(
    project: Project,
    edition: Edition,
    content: Content,
    problems: list[Problem],
    views: Sequence[PreparedEdition] = (),
) -> PreparedEdition:
    """An edition of content that `check_project` found no error in.

    A checked view filtered the same way (same audience, segment and tier) is reused
    instead of filtering everything again.
    """
    warnings = [p for p in problems if p.severity == "warning"]
    same = next((v for v in views if _filter_of(v.edition) == _filter_of(edition)), None)
    filtered = replace(same.content, edition=edition) if same else None
    return _prepared(project, edition, content, warnings=warnings, filtered=filtered)


def _filter_of(edition: Edition) -> tuple[str, str | None, str | None]:
    return edition.audience, edition.segment, edition.tier


def _prepared(
    project: Project, edition: Edition, content: Content, problems: list[Problem] | None = None,
    warnings: list[Problem] | None = None, filtered: EditionContent | None = None,
) -> PreparedEdition:  # fmt: skip
    filtered = filtered or for_edition(content, edition, problems)
    targets = tuple(share_targets(project.editions.values(), edition))
    renderer = PlayRenderer(filtered, project.templates_dir, project.plays_url, targets)
    brand = project.brands.get(edition.brand)
    return PreparedEdition(project, edition, content, filtered, renderer, brand, warnings or [])


def find_problems(project: Project, today: dt.date | None = None) -> tuple[Content, list[Problem]]:
    """Load the project and check everything: each view's filtered plays and pages too.

    Each view is filtered and its pages expanded in a child process (where it can fork)
    while this one runs the content checks. Page problems count only when nothing
    else is an error, as in `check_project`, which does the same in one process.
    """
    if not can_fork():
        content, problems, _views = check_project(project, today)
        return content, problems
    content = _load(project)
    if content.taxonomy is None:
        return content, sorted(set(check_content(content, project, today or dt.date.today())))
    check_edition_filters(project, content.taxonomy)
    children = [Forked(partial(_view_problems, project, view, content)) for view in views(project)]
    try:
        problems = check_content(content, project, today or dt.date.today())
    except BaseException:
        for child in children:
            child.cancel()
        raise
    found = [child.result() for child in children]
    problems += [problem for filtered, _pages in found for problem in filtered]
    if not errors(problems):
        problems += [problem for _filtered, pages in found for problem in pages]
    return content, sorted(set(problems))


def _view_problems(
    project: Project, view: Edition, content: Content
) -> tuple[list[Problem], list[Problem]]:
    """What filtering `content` for `view` finds, and what expanding its pages finds."""
    filtered: list[Problem] = []
    prepared = _prepared(project, view, content, filtered)
    return filtered, check_pages([prepared])


def check_project(
    project: Project, today: dt.date | None = None, cache: ParseCache | None = None
) -> tuple[Content, list[Problem], list[PreparedEdition]]:
    """`find_problems`, keeping the views it filtered and checked (see `prepare_checked`).

    `cache` is the parse cache to use (default: the project's own).
    """
    content, problems, prepared, pages = start_check(project, today, cache)
    return content, sorted(set(problems + pages.result())), prepared


def start_check(
    project: Project, today: dt.date | None = None, cache: ParseCache | None = None
) -> tuple[Content, list[Problem], list[PreparedEdition], Pending[list[Problem]]]:
    """`check_project` with its last part, expanding every page of each view, still under
    way in a child process (where it can fork): the caller can go on with the views and
    wait for the pages' problems (`.result()`) when it needs them. Those are checked only
    when nothing else is an error, so that is an empty list then."""
    content = _load(project, cache)
    problems = check_content(content, project, today or dt.date.today())
    if content.taxonomy is None:
        return content, problems, [], Ready([])
    check_edition_filters(project, content.taxonomy)
    prepared = [_prepared(project, view, content, problems) for view in views(project)]
    if errors(problems):
        return content, problems, prepared, Ready([])
    work = partial(check_pages, prepared)
    return content, problems, prepared, Forked(work) if can_fork() else Ready(work())


def _load(project: Project, cache: ParseCache | None = None) -> Content:
    with _gc_paused():
        return load_content(project, cache)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading makes a million small objects that all stay alive; the cyclic garbage
    collector would scan them again and again, for a third of the loading time. Once
    loaded, they are frozen out of its sight for the rest of the run."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def check_edition_filters(project: Project, taxonomy: Taxonomy) -> None:
    """Each edition's segment or tier filter names a declared value."""
    for edition in project.editions.values():
        for kind, option, value in (("segments", "segment", edition.segment),
                                    ("tiers", "tier", edition.tier)):  # fmt: skip
            if value and value not in taxonomy.vocabulary(kind):
                known = ", ".join(taxonomy.vocabulary(kind))
                message = f"'{value}' is not a {SINGULAR[kind]} declared in the taxonomy ({known})"
                raise ConfigError(
                    project.config_file.name, f"editions.{edition.name}.{option}", message
                )


def check_pages(prepared: list[PreparedEdition]) -> list[Problem]:
    """Expand every page in each view, the way a build would; report what fails."""
    if not prepared or not any(p.content.pages for p in prepared):
        return []
    expander = expander_for(prepared[0])
    problems = []
    for edition in prepared:
        expander.use(edition.macros(expander.current_page))
        for page in edition.content.pages:
            try:
                expander.expand(page)
            except ContentError as exc:
                problems += exc.problems
    return problems


def expander_for(prepared: PreparedEdition) -> PageExpander:
    """mkdocs-macros set up from mkdocs.yml as a build of this edition sets it up."""
    from mkdocs.config.defaults import MkDocsConfig

    project = prepared.project
    config = MkDocsConfig(config_file_path=str(project.config_file))
    settings = {k: v for k, v in project.mkdocs.items() if k != "config_file_path"}
    config.load_dict({**settings, **prepared.settings()})
    config["docs_dir"] = str(project.docs_dir)
    config["site_dir"] = str(prepared.edition.site_dir)
    for key, default in (("extra", {}), ("use_directory_urls", True), ("site_url", None)):
        if config.get(key) is None:
            config[key] = default
    config["extra"] = {**project.mkdocs.get("extra", {}), **prepared.settings()["extra"]}
    return PageExpander(macros_plugin_for(config, macros_options(project.mkdocs)))


def macros_options(mkdocs: dict[str, Any]) -> dict[str, Any]:
    """The mkdocs-macros options in mkdocs.yml (empty when it is not listed)."""
    plugins = mkdocs.get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else [
            next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None)
            for p in plugins
        ]
    )
    return next((dict(options or {}) for name, options in entries if name == "macros"), {})


def render_pages(prepared: PreparedEdition) -> dict[str, str]:
    """Every Markdown page of the edition as MkDocs receives it, macros expanded."""
    pages = prepared.play_pages()
    pages.update(expand_pages(prepared))
    return dict(sorted(pages.items()))


def expand_pages(prepared: PreparedEdition) -> dict[str, str]:
    """The edition's hand-written pages, macros expanded, front matter kept."""
    if not prepared.content.pages:
        return {}
    expander = expander_for(prepared)
    expander.use(prepared.macros(expander.current_page))
    return {
        page.src_uri: with_front_matter(page.meta, expander.expand(page))
        for page in prepared.content.pages
    }


def with_front_matter(meta: dict[str, Any], body: str) -> str:
    import yaml

    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) if meta else ""
    return f"---\n{text}---\n{body}" if text else body


def sources_digest(project: Project) -> str:
    """A digest of every source file's name, size and modification time."""
    digest = hashlib.sha256()
    for root in project.source_dirs():
        paths = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
        for path in paths:
            if path.is_file():
                stat = path.stat()
                name = project.display(path)
                digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
