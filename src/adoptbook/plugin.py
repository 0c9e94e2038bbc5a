"""The MkDocs adapter: wires MkDocs events to the engine-agnostic pipeline.

Each event calls plain functions: configuration (config.py), visibility (editions.py),
page expansion (pages.py), the leak guard (leakguard.py) and site folders (sitedir.py).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from .brand import ASSET_FOLDER, brand_css
from .config import (
    CHECKED_ENV,
    STAGING_ENV,
    ConfigError,
    Edition,
    PluginConfig,
    Project,
    choose_edition,
    project_from_options,
    requested_edition,
)
from .content import Page
from .editions import is_junk_file, nav_for_edition
from .leakguard import PASSED, guard
from .pages import MACROS_PLUGIN, PageExpander, macros_plugin_for
from .pipeline import PreparedEdition, prepare_edition
from .problems import ContentError
from .search import index_site
from .sitedir import StagedSite

log = get_plugin_logger(__name__)

ROBOTS_CLOSED = "User-agent: *\nDisallow: /\n"
SITEMAPS = frozenset({"sitemap.xml", "sitemap.xml.gz"})


class AdoptbookPlugin(BasePlugin[PluginConfig]):
    """Loads, checks and filters plays for one edition, and adds their pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.options: dict[str, Any] = {}
        self.prepared: PreparedEdition | None = None
        self.expander: PageExpander | None = None
        self.pages: dict[str, Page] = {}
        self.staged: StagedSite | None = None
        self.mkdocs_config: MkDocsConfig | None = None
        self.pristine: frozenset[str] = frozenset()
        self.built = False

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):
        """Options are validated in `on_config`, by the same function `adoptbook check` uses,
        so that a mistake gives the same one-line error in every command."""
        self.options = dict(options)
        self.config = PluginConfig(config_file_path=config_file_path)
        return [], []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(100)  # before any other plugin sees the configuration
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.built, self.staged, self.mkdocs_config = False, None, config
        try:
            written = dict(config)
            written["plugins"] = [
                {name: dict(getattr(p, "config", {}))} for name, p in config.plugins.items()
            ]
            project = project_from_options(Path(config.config_file_path), written, self.options)
            edition = choose_edition(project, requested_edition())
        except ConfigError as exc:
            raise PluginError(str(exc)) from None
        except ContentError as exc:
            raise _content_error(exc) from None
        if self.command == "gh-deploy" and edition.for_staff:
            raise PluginError(
                f"refusing to deploy the '{edition.name}' edition to GitHub Pages: its audience "
                "is internal, and GitHub Pages is public. Host it behind sign-in (see README)."
            )
        log.info(f"building the '{edition.name}' edition, for {edition.audience} readers")
        errors = self._prepare(project, edition)
        assert self.prepared is not None
        self.pages = {page.src_uri: page for page in self.prepared.content.pages}
        _apply_edition(config, self.prepared)
        config.extra["adoptbook"]["errors"] = errors
        config.nav = nav_for_edition(
            config.nav, self.prepared.page_uris(), edition.shows_everything
        )
        self._choose_site_dir(config)
        return config

    def _prepare(self, project: Project, edition: Edition) -> list[str]:
        """Load, check and filter the edition. While serving, content that stops checking
        keeps the last good pages on screen, with the errors shown on every page."""
        serving = self.command == "serve" and self.prepared is not None
        try:
            self.prepared = prepare_edition(project, edition, checked=os.environ.get(CHECKED_ENV))
        except ConfigError as exc:
            if not serving:
                raise PluginError(str(exc)) from None
            errors = [str(exc)]
        except ContentError as exc:
            if not serving:
                raise _content_error(exc) from None
            errors = [problem.format() for problem in exc.problems]
        else:
            for warning in self.prepared.warnings:
                log.info(warning.format())
            return []
        for line in errors:  # info, not error: strict mode would stop the preview
            log.info(line)
        return errors

    def _choose_site_dir(self, config: MkDocsConfig) -> None:
        assert self.prepared is not None
        if os.environ.get(STAGING_ENV):
            config.site_dir = os.environ[STAGING_ENV]  # `adoptbook build` publishes it
        elif self.command in ("build", "gh-deploy"):
            self.staged = StagedSite(self.prepared.edition.site_dir)
            config.site_dir = str(self.staged.staging)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Every plugin is configured now: set up page expansion in mkdocs-macros."""
        macros = config.plugins.get(MACROS_PLUGIN) or macros_plugin_for(config, {})
        self.expander = PageExpander(macros)
        self.expander.use(self._ready().macros(self.expander.current_page))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        prepared = self._ready()
        project = prepared.project
        hidden = (f"{project.brands_dir}{os.sep}", f"{project.templates_dir}{os.sep}")
        docs = f"{project.docs_dir}{os.sep}"
        allowed_assets = set(prepared.content.assets)
        for file in list(files):
            source = os.path.abspath(file.abs_src_path) if file.abs_src_path else ""
            if file.generated_by:
                continue
            if source.startswith(hidden) or is_junk_file(file.src_uri):
                files.remove(file)
            elif not prepared.edition.indexable and file.src_uri in SITEMAPS:
                files.remove(file)  # the theme's sitemap template, copied when not rendered
            elif file.is_documentation_page():
                if file.src_uri not in self.pages:
                    files.remove(file)
            elif source.startswith(docs) and file.src_uri not in allowed_assets:
                files.remove(file)
        for uri, markdown in prepared.play_pages().items():
            files.append(
                File.generated(config, uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            )
        self.pristine = _installed_theme_files(files, project.root)
        for file in _edition_files(config, prepared):
            if file.src_uri in files.src_uris:
                files.remove(files.src_uris[file.src_uri])
            files.append(file)
        return files

    @event_priority(50)  # before mkdocs-macros, which then leaves the expanded page alone
    def on_page_markdown(
        self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ):
        record = self.pages.get(page.file.src_uri)
        if record is None or self.expander is None:
            return markdown
        try:
            expanded = self.expander.expand(record, markdown, page)
        except ContentError as exc:
            raise _content_error(exc) from None
        page.meta["render_macros"] = False
        return expanded

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for path in self._ready().project.source_dirs():
            if path.exists():
                server.watch(str(path))
        return server

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        prepared = self._ready()
        site = Path(config.site_dir)
        try:  # the search index first, so that the leak guard reads it too
            log.debug("search index: %.2f s", index_site(site))
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        started = time.perf_counter()
        leaks = guard(
            site, prepared.source, prepared.edition,
            public=[*_nav_titles(config.nav), *prepared.renderer.words.values(), config.site_name,
                    str(config.copyright or "")],
            pristine=self.pristine,
        )  # fmt: skip
        took = time.perf_counter() - started
        if leaks:
            shown = prepared.project.display(prepared.edition.site_dir)
            for leak in leaks[:20]:
                log.error(leak.format(shown))
            raise PluginError(
                f"{len(leaks)} piece(s) of internal text in the '{prepared.edition.name}' "
                "edition; nothing was published"
            )
        if not prepared.edition.for_staff:
            log.info(f"{PASSED} {took:.2f} s")
        self.built = True

    def on_build_error(self, *, error: Exception) -> None:
        self.built = False
        if self.staged is not None:
            self.staged.discard()
            self.staged = None

    def on_shutdown(self) -> None:
        """MkDocs got through the build, strict-mode warnings included: publish it."""
        if self.staged is None:
            return
        if self.built:
            self.staged.publish()
            if self.mkdocs_config is not None:  # `gh-deploy` pushes config.site_dir next
                self.mkdocs_config.site_dir = str(self.staged.final)
        else:
            self.staged.discard()
        self.staged = None

    def _ready(self) -> PreparedEdition:
        if self.prepared is None:
            raise PluginError("adoptbook has not read its configuration yet")
        return self.prepared


def _nav_titles(nav: Any) -> Iterator[str]:
    for entry in nav or []:
        if isinstance(entry, dict):
            for title, value in entry.items():
                yield str(title)
                if isinstance(value, list):
                    yield from _nav_titles(value)


def _installed_theme_files(files: Files, project_root: Path) -> frozenset[str]:
    """Static files copied unchanged from a theme installed outside the project."""
    root = f"{project_root}{os.sep}"
    return frozenset(
        file.dest_uri
        for file in files
        if file.abs_src_path and not file.generated_by and not file.is_documentation_page()
        and not os.path.abspath(file.abs_src_path).startswith(root)
    )  # fmt: skip


def _content_error(exc: ContentError) -> PluginError:
    for problem in exc.problems:
        log.error(problem.format())
    return PluginError(f"{len(exc.problems)} content error(s); nothing was built")


def _apply_edition(config: MkDocsConfig, prepared: PreparedEdition) -> None:
    settings = prepared.settings()
    for key in ("site_name", "copyright", "site_url"):
        if key in settings:
            config[key] = settings[key]
    config.extra["adoptbook"] = settings["extra"]["adoptbook"]
    brand = prepared.brand
    if brand is not None:
        config.theme["logo"] = f"{ASSET_FOLDER}/{brand.logo}"
        config.theme["favicon"] = f"{ASSET_FOLDER}/{brand.favicon}"
        config.theme["palette"] = {"primary": brand.palette.primary, "accent": brand.palette.accent}
        if brand.colors:
            config.extra_css.append(f"{ASSET_FOLDER}/brand.css")
    if not prepared.edition.indexable:
        config.theme.static_templates.discard("sitemap.xml")  # nothing to advertise


def _edition_files(config: MkDocsConfig, prepared: PreparedEdition) -> list[File]:
    """The brand pack's logo, favicon and colours, and robots.txt."""
    project, brand, edition = prepared.project, prepared.brand, prepared.edition
    files = []
    if brand is not None:
        folder = project.brands_dir / edition.brand
        files = [
            File.generated(config, f"{ASSET_FOLDER}/{name}", abs_src_path=str(folder / name))
            for name in sorted({brand.logo, brand.favicon})
        ]
        css = brand_css(brand)
        if css:
            files.append(File.generated(config, f"{ASSET_FOLDER}/brand.css", content=css))
    if not edition.indexable:
        files.append(File.generated(config, "robots.txt", content=ROBOTS_CLOSED))
    elif "robots.txt" not in prepared.content.assets:
        sitemap = (
            f"Sitemap: {edition.site_url.rstrip('/')}/sitemap.xml\n" if edition.site_url else ""
        )
        files.append(
            File.generated(config, "robots.txt", content=f"User-agent: *\nAllow: /\n{sitemap}")
        )
    return files
