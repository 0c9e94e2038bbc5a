"""Hand-written playbook pages: one way to expand their macros, for check, render and build.

Pages are expanded by mkdocs-macros' own Jinja environment and variables (its `config`,
`extra`, `page`, filters, modules...), with adoptbook's macro functions registered in it.
`adoptbook check` and `adoptbook render` set that environment up from mkdocs.yml the way a
build does; during a build the plugin expands each page here before mkdocs-macros would,
so a page that fails fails the same way, at the line Jinja reports, in all three.
"""

from __future__ import annotations

import traceback
from copy import copy
from pathlib import Path
from typing import Any

import jinja2

from .config import ConfigError
from .content import Page
from .macros import MACRO_NAMES, Macros
from .problems import ContentError, Problem

MACROS_PLUGIN = "macros"


class PageExpander:
    """Expands pages' macros with mkdocs-macros, for whichever edition is `use`d."""

    def __init__(self, macros_plugin: Any) -> None:
        self.plugin = macros_plugin
        self.macros: Macros | None = None
        self.current_uri = ""
        self.plugin.register_macros({name: self._dispatch(name) for name in MACRO_NAMES})

    def use(self, macros: Macros) -> None:
        """Expand with this edition's macros from now on."""
        self.macros = macros

    def current_page(self) -> str:
        return self.current_uri

    def _dispatch(self, name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> str:
            if self.macros is None:
                raise ContentError.single(
                    self.current_uri, "macros used before an edition was chosen"
                )
            return self.macros.functions()[name](*args, **kwargs)

        call.__name__ = name
        call.__doc__ = getattr(Macros, name).__doc__
        return call

    def expand(self, page: Page, markdown: str | None = None, mkdocs_page: Any = None) -> str:
        """The page body with its macros expanded; ContentError at file:line on failure."""
        body = page.body if markdown is None else markdown
        if not self._renders(page):
            return body
        self.current_uri = page.src_uri
        mkdocs_page = mkdocs_page or stand_in_page(page, self.plugin.conf)
        self.plugin._page = mkdocs_page  # what mkdocs-macros' own page hook sets
        self.plugin.variables["page"] = copy(mkdocs_page)
        variables = copy(self.plugin.variables)
        variables.update(page.meta)
        try:
            return self.plugin.env.from_string(body).render(**variables)
        except (jinja2.TemplateError, ContentError, TypeError, ValueError, KeyError) as exc:
            raise ContentError([_located(page, body, exc)]) from None

    def _renders(self, page: Page) -> bool:
        """mkdocs-macros' own rule: `render_macros` in front matter, else its defaults."""
        wanted = page.meta.get("render_macros")
        if wanted is not None:
            return bool(wanted)
        config = self.plugin.config
        return bool(config["render_by_default"]) or self.plugin.force_page_rendering(page.src_uri)


def _located(page: Page, body: str, exc: Exception) -> Problem:
    """The failure at the template line Jinja reports, mapped to the page file."""
    lineno = getattr(exc, "lineno", None) if isinstance(exc, jinja2.TemplateSyntaxError) else None
    if lineno is None:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
        lineno = frames[-1].lineno if frames else 1
    lines = body.splitlines()
    text = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    column = min((i for i in (text.find("{{"), text.find("{%")) if i >= 0), default=0) + 1
    return Problem(page.path, page.body_line + lineno - 1, column, f"macro error: {_describe(exc)}")


def _describe(exc: Exception) -> str:
    if isinstance(exc, ContentError):
        return "; ".join(p.message for p in exc.problems)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.message or str(exc)
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def stand_in_page(page: Page, config: Any) -> Any:
    """A MkDocs Page for a page being expanded outside a build (check, render)."""
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page as MkDocsPage

    file = File(page.src_uri, str(config["docs_dir"]), str(config.get("site_dir") or "site"),
                bool(config.get("use_directory_urls", True)))  # fmt: skip
    title = page.meta.get("title")
    mkdocs_page = MkDocsPage(title if isinstance(title, str) else None, file, config)
    mkdocs_page.meta = page.meta
    mkdocs_page.markdown = page.body
    return mkdocs_page


def macros_plugin_for(config: Any, options: dict[str, Any]) -> Any:
    """A configured mkdocs-macros plugin, as MkDocs would set it up from these options."""
    from mkdocs_macros.plugin import MacrosPlugin

    plugin = MacrosPlugin()
    errors, _warnings = plugin.load_config(options, config.config_file_path)
    if errors:
        key, error = errors[0]
        raise ConfigError(Path(config.config_file_path).name, key, str(error), plugin="macros")
    plugin.on_config(config)
    return plugin
