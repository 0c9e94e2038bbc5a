"""The MkDocs adapter: wires MkDocs events to the engine-agnostic pipeline."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler

from .brand import ASSET_FOLDER, brand_css
from .config import PluginConfig, project_from_options
from .macros import Macros
from .pipeline import PreparedEdition, prepare_edition, prune_nav
from .problems import ContentError
from .search import index_site
from .sitedir import StagedSite

log = get_plugin_logger(__name__)

SITE_DIR_ENV = "ADOPTBOOK_SITE_DIR"


class AdoptbookPlugin(BasePlugin[PluginConfig]):
    """Loads, checks and filters plays for one edition, and adds their pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.prepared: PreparedEdition | None = None
        self.staged: StagedSite | None = None
        self.warnings = CountHandler()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        project = project_from_options(
            root, Path(config.config_file_path), config.docs_dir, self.config
        )
        try:
            self.prepared = prepare_edition(project, self.config.edition)
        except ContentError as exc:
            for problem in exc.problems:
                log.error(problem.format())
            raise PluginError(f"{len(exc.problems)} content error(s); nothing was built") from None
        for warning in self.prepared.warnings:
            log.info(warning.format())
        _apply_brand(config, self.prepared)
        if self.prepared.edition.site_url:
            config.site_url = self.prepared.edition.site_url
        config.nav = prune_nav(config.nav, self.prepared.page_uris())
        if self.command == "build":
            self._choose_site_dir(config)
        return config

    def _choose_site_dir(self, config: MkDocsConfig) -> None:
        assert self.prepared is not None
        if os.environ.get(SITE_DIR_ENV):
            config.site_dir = os.environ[SITE_DIR_ENV]  # the CLI stages and swaps itself
            return
        self.staged = StagedSite(self.prepared.edition.site_dir)
        config.site_dir = str(self.staged.staging)
        if config.strict:
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        prepared = self._ready()
        project = prepared.project
        hidden_dirs = (f"{project.brands_dir}{os.sep}", f"{project.templates_dir}{os.sep}")
        visible = prepared.page_uris()
        for file in list(files):
            source = os.path.abspath(file.abs_src_path) if file.abs_src_path else ""
            if source.startswith(hidden_dirs) or (
                file.is_documentation_page()
                and not file.generated_by
                and file.src_uri not in visible
            ):
                files.remove(file)
        for uri, markdown in prepared.play_pages().items():
            file = File.generated(
                config, uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV
            )
            files.append(file)
        for file in _brand_files(config, prepared):
            files.append(file)
        return files

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        project = self._ready().project
        for path in (project.plays_dir, project.snippets_dir, project.taxonomy, project.brands_dir):
            if path.exists():
                server.watch(str(path))
        return server

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:  # every build (staged, `adoptbook build`, serve) indexes its own output folder
            log.debug("search index: %.2f s", index_site(Path(config.site_dir)))
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        if self.staged is None:
            return
        if self.warnings.get_counts():
            self.staged.discard()  # MkDocs aborts right after this in strict mode
        else:
            self.staged.publish()

    def on_build_error(self, *, error: Exception) -> None:
        if self.staged is not None:
            self.staged.discard()

    def on_shutdown(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)

    def make_macros(self, current_page: Callable[[], str]) -> Macros:
        """The page macros of this edition (called by `adoptbook.macros.define_env`)."""
        return self._ready().macros(current_page)

    def _ready(self) -> PreparedEdition:
        if self.prepared is None:
            raise PluginError("adoptbook must come before macros in mkdocs.yml's plugins")
        return self.prepared


def _apply_brand(config: MkDocsConfig, prepared: PreparedEdition) -> None:
    brand, edition = prepared.brand, prepared.edition
    config.site_name = brand.site_name
    config.copyright = brand.footer
    config.theme["logo"] = f"{ASSET_FOLDER}/{brand.logo}"
    config.theme["favicon"] = f"{ASSET_FOLDER}/{brand.favicon}"
    config.theme["palette"] = {"primary": brand.palette.primary, "accent": brand.palette.accent}
    config.extra["adoptbook"] = {
        "edition": edition.name,
        "audience": edition.audience,
        "marker": brand.marker,
    }
    if brand.colors:
        config.extra_css.append(f"{ASSET_FOLDER}/brand.css")


def _brand_files(config: MkDocsConfig, prepared: PreparedEdition) -> list[File]:
    project, brand = prepared.project, prepared.brand
    folder = project.brands_dir / prepared.edition.brand
    files = [
        File.generated(config, f"{ASSET_FOLDER}/{name}", abs_src_path=str(folder / name))
        for name in sorted({brand.logo, brand.favicon})
    ]
    css = brand_css(brand)
    if css:
        files.append(File.generated(config, f"{ASSET_FOLDER}/brand.css", content=css))
    return files
