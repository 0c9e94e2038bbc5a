"""Configuration: the plugin's options in mkdocs.yml, and the project they describe.

The same options serve `mkdocs build` (through the plugin) and the `adoptbook`
CLI, which reads mkdocs.yml without starting MkDocs so that `check` stays fast.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from .model import AUDIENCES


class EditionConfig(base.Config):
    """One published edition of the playbook."""

    audience = c.Choice(AUDIENCES)
    """Who the edition is for: `internal` (CSMs) or `customer`."""
    brand = c.Type(str)
    """Brand pack folder under `brands_dir` (name, logo, palette, footer, favicon)."""
    segment = c.Optional(c.Type(str))
    """Only plays for this segment (e.g. `b2c`); unset means every segment."""
    tier = c.Optional(c.Type(str))
    """Only plays for this tier (e.g. `tech-touch`); unset means every tier."""
    site_dir = c.Optional(c.Type(str))
    """Output folder, relative to mkdocs.yml; default `site/<edition>`."""
    site_url = c.Optional(c.Type(str))
    """Where the edition is published, e.g. `https://adoption.example.com/`; fills the sitemap."""


DEFAULT_EDITIONS = {
    "internal": {"audience": "internal", "brand": "internal"},
    "customer": {"audience": "customer", "brand": "customer"},
}


class PluginConfig(base.Config):
    """Options of the `adoptbook` plugin in mkdocs.yml."""

    edition = c.Type(str, default="internal")
    """The edition this build produces; usually `!ENV [ADOPTBOOK_EDITION, internal]`."""
    editions = c.DictOfItems(c.SubConfig(EditionConfig), default=DEFAULT_EDITIONS)
    """Every edition, by name."""
    plays_dir = c.Type(str, default="plays")
    """Folder of play YAML files, one folder per type."""
    snippets_dir = c.Type(str, default="snippets")
    """Folder of reusable Markdown; `internal/` inside it is internal-only."""
    taxonomy = c.Type(str, default="taxonomy.yml")
    """The file declaring every type, stage, segment, tier, persona and tag."""
    brands_dir = c.Type(str, default="overrides/brands")
    """Folder of brand packs, one sub-folder per brand."""
    templates_dir = c.Type(str, default="overrides/plays")
    """Folder searched first for play templates (`myth.md.j2`, ...)."""
    plays_url = c.Type(str, default="plays")
    """Where play pages appear in the site, e.g. `plays/<id>/`."""


@dataclass(frozen=True)
class Edition:
    name: str
    audience: str
    brand: str
    segment: str | None
    tier: str | None
    site_dir: Path
    site_url: str | None = None

    @classmethod
    def for_audience(cls, audience: str) -> Edition:
        """A plain edition showing everything `audience` may see (used by checks)."""
        return cls(audience, audience, audience, None, None, Path("site", audience))


@dataclass(frozen=True)
class Project:
    """Where everything lives, resolved against the folder holding mkdocs.yml."""

    root: Path
    config_file: Path
    docs_dir: Path
    plays_dir: Path
    snippets_dir: Path
    taxonomy: Path
    brands_dir: Path
    templates_dir: Path
    plays_url: str
    editions: dict[str, Edition]
    default_edition: str

    def display(self, path: Path) -> str:
        """A path as shown in messages: relative to the project when inside it."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def edition(self, name: str | None = None) -> Edition:
        return self.editions[name or self.default_edition]


class ConfigError(Exception):
    """mkdocs.yml or the plugin options are unusable (a usage error, exit 2)."""


def project_from_options(root: Path, config_file: Path, docs_dir: str, options: PluginConfig):
    def resolve(value: str) -> Path:
        return (root / value).resolve()

    editions = {
        name: Edition(
            name=name,
            audience=ed.audience,
            brand=ed.brand,
            segment=ed.segment,
            tier=ed.tier,
            site_dir=resolve(ed.site_dir or f"site/{name}"),
            site_url=ed.site_url,
        )
        for name, ed in options.editions.items()
    }
    if options.edition not in editions:
        raise ConfigError(
            f"edition '{options.edition}' is not declared; known: {', '.join(editions)}"
        )
    return Project(
        root=root,
        config_file=config_file,
        docs_dir=resolve(docs_dir),
        plays_dir=resolve(options.plays_dir),
        snippets_dir=resolve(options.snippets_dir),
        taxonomy=resolve(options.taxonomy),
        brands_dir=resolve(options.brands_dir),
        templates_dir=resolve(options.templates_dir),
        plays_url=options.plays_url.strip("/"),
        editions=editions,
        default_edition=options.edition,
    )


def load_project(config_file: Path) -> Project:
    """Read mkdocs.yml just enough to know the project, without a MkDocs build."""
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: no such file (run from the folder with mkdocs.yml)")
    try:
        raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{config_file}: cannot read: {exc}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{config_file}: expected a mapping of settings")
    options = PluginConfig(config_file_path=str(config_file))
    options.load_dict(_plugin_options(raw))
    failed, _warnings = options.validate()
    if failed:
        detail = "; ".join(f"{key}: {err}" for key, err in failed)
        raise ConfigError(f"{config_file}: plugin 'adoptbook': {detail}")
    root = config_file.resolve().parent
    return project_from_options(root, config_file, raw.get("docs_dir", "docs"), options)


def _plugin_options(raw: dict[str, Any]) -> dict[str, Any]:
    for entry in raw.get("plugins") or []:
        if entry == "adoptbook":
            return {}
        if isinstance(entry, dict) and "adoptbook" in entry:
            return dict(entry["adoptbook"] or {})
    return {}


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV` is resolved, other tags (python names) become None."""


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1]
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


_TolerantLoader.add_constructor("!ENV", _construct_env)
_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda lo, s, n: None)
