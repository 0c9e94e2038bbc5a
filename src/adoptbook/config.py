"""Configuration: mkdocs.yml as MkDocs reads it, the plugin options, and the project.

Every command reads mkdocs.yml with MkDocs' own loader (so `INHERIT`, `!ENV` and
`!relative` behave exactly as in `mkdocs build`) and validates the adoptbook options
with the same function, so a configuration mistake is the same one-line error everywhere.
The edition a process builds is never taken from mkdocs.yml: the command that started
the process names it (`adoptbook build --edition X`, or `ADOPTBOOK_EDITION=X`), and when
nothing names one, plain MkDocs commands build the least privileged edition.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from .brand import Brand, BrandError, load_brand
from .model import AUDIENCES, INTERNAL

EDITION_ENV = "ADOPTBOOK_EDITION"
"""Names the edition a build, serve or render produces; set by the adoptbook CLI."""
STAGING_ENV = "ADOPTBOOK_STAGING"
"""Set by `adoptbook build`: the folder an edition's process writes to; the CLI publishes it."""
CHECKED_ENV = "ADOPTBOOK_CHECKED"
"""Set by `adoptbook build`: the digest of the sources it has already checked."""


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
    indexable = c.Type(bool, default=True)
    """Whether search engines may index a customer edition; internal editions never are."""


DEFAULT_EDITIONS = {
    "internal": {"audience": "internal", "brand": "internal"},
    "customer": {"audience": "customer", "brand": "customer"},
}


class PluginConfig(base.Config):
    """Options of the `adoptbook` plugin in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    """Declared only so that `enabled: false` is refused: without the plugin nothing is filtered."""
    editions = c.Type(dict, default=DEFAULT_EDITIONS)
    """Every edition, by name (see EditionConfig)."""
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


RETIRED_OPTIONS = {
    "edition": (
        "mkdocs.yml no longer chooses the edition; the command does: "
        "`adoptbook build --edition X`, or ADOPTBOOK_EDITION=X for plain mkdocs commands"
    ),
}


@dataclass(frozen=True)
class Edition:
    name: str
    audience: str
    brand: str
    segment: str | None
    tier: str | None
    site_dir: Path
    site_url: str | None = None
    indexable: bool = True

    @classmethod
    def for_audience(cls, audience: str) -> Edition:
        """A plain edition showing everything `audience` may see (used by checks)."""
        return cls(audience, audience, audience, None, None, Path("site", audience))

    @property
    def for_staff(self) -> bool:
        """An edition whose readers are internal: never public, never indexed."""
        return self.audience == INTERNAL

    @property
    def shows_everything(self) -> bool:
        """True for an internal edition with no segment or tier filter: nothing to guard."""
        return self.for_staff and not self.segment and not self.tier

    @property
    def narrowing(self) -> str:
        """'segment b2c', 'tier tech-touch' or '' (for messages)."""
        pairs = (("segment", self.segment), ("tier", self.tier))
        return ", ".join(f"{kind} {value}" for kind, value in pairs if value)


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
    brands: dict[str, Brand] = field(default_factory=dict)
    mkdocs: dict[str, Any] = field(default_factory=dict)
    """mkdocs.yml as MkDocs' loader read it (INHERIT merged, !ENV resolved), not validated."""

    def display(self, path: Path) -> str:
        """A path as shown in messages: relative to the project when inside it."""
        if path.is_absolute() and path.is_relative_to(self.root):  # no file system calls
            return path.relative_to(self.root).as_posix()
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def edition(self, name: str | None = None) -> Edition:
        """The edition `name`, or the least privileged one when no name is given."""
        return choose_edition(self, name)

    def source_dirs(self) -> list[Path]:
        """Folders and files whose change changes the site (watched by serve, hashed by build)."""
        return [self.plays_dir, self.docs_dir, self.snippets_dir, self.taxonomy, self.brands_dir,
                self.templates_dir, self.config_file]  # fmt: skip


class ConfigError(Exception):
    """mkdocs.yml or the plugin options are unusable: one line naming the file and the option."""

    def __init__(self, config_file: str, option: str, message: str, plugin: str = "adoptbook"):
        where = f"plugins.{plugin}.{option}: " if option else ""
        super().__init__(f"{config_file}: error: {where}{message}")


def load_project(config_file: Path) -> Project:
    """Read mkdocs.yml the way MkDocs does, and validate the adoptbook options."""
    raw = read_mkdocs_yml(config_file)
    options = plugin_options(raw, config_file.name)
    return project_from_options(config_file, raw, options)


def read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml through MkDocs' own loader: INHERIT, !ENV and !relative as in a build."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError

    if not config_file.is_file():
        raise ConfigError(
            config_file.name, "", "no such file (run from the folder with mkdocs.yml)"
        )
    config = MkDocsConfig(config_file_path=str(config_file))
    try:
        with config_file.open("rb") as fd:
            config.load_file(fd)
    except (ConfigurationError, UnicodeDecodeError, OSError) as exc:
        message = " ".join(str(exc).split())
        raise ConfigError(config_file.name, "", f"cannot read it: {message}") from None
    return dict(config)


def plugin_options(raw: dict[str, Any], display: str) -> dict[str, Any]:
    """The adoptbook plugin's options from mkdocs.yml's `plugins` (list or mapping form)."""
    plugins = raw.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else [_entry(p) for p in plugins]
    for name, options in entries:
        if name == "adoptbook":
            if options is not None and not isinstance(options, dict):
                message = "plugins.adoptbook: its options must be a mapping"
                raise ConfigError(display, "", message)
            return dict(options or {})
    raise ConfigError(
        display, "", "plugins: the 'adoptbook' plugin is not listed; add `- adoptbook`"
    )


def _entry(item: Any) -> tuple[Any, Any]:
    if isinstance(item, dict) and len(item) == 1:
        return next(iter(item.items()))
    return item, None


def project_from_options(config_file: Path, raw: dict[str, Any], options: dict[str, Any]):
    display = config_file.name
    validated = _validated(PluginConfig, options, display, "")
    if validated.enabled is False:
        raise ConfigError(
            display, "enabled", "the adoptbook plugin cannot be switched off: it decides "
            "what each edition may show",
        )  # fmt: skip
    root = config_file.resolve().parent

    def resolve(value: str) -> Path:
        return (root / value).resolve()

    editions = _editions(validated.editions, display, resolve)
    project = Project(
        root=root,
        config_file=config_file,
        docs_dir=resolve(str(raw.get("docs_dir") or "docs")),
        plays_dir=resolve(validated.plays_dir),
        snippets_dir=resolve(validated.snippets_dir),
        taxonomy=resolve(validated.taxonomy),
        brands_dir=resolve(validated.brands_dir),
        templates_dir=resolve(validated.templates_dir),
        plays_url=validated.plays_url.strip("/"),
        editions=editions,
        mkdocs=raw,
    )
    _check_output_folders(project, display)
    return _with_brands(project, display)


def _validated(schema: type[base.Config], options: dict[str, Any], display: str, prefix: str):
    """Options validated by their Config class; unknown or retired names are errors too."""
    for name in options:
        if name in RETIRED_OPTIONS and not prefix:
            raise ConfigError(display, name, RETIRED_OPTIONS[name])
    config = schema(config_file_path=display)
    config.load_dict(options)
    failed, warnings = config.validate()
    for key, error in failed:
        raise ConfigError(display, f"{prefix}{key}", " ".join(str(error).split()))
    for key, _message in warnings:
        known = [name for name, _ in config._schema]
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else f"; known: {', '.join(known)}"
        raise ConfigError(display, f"{prefix}{key}", f"unknown option{hint}")
    return config


def _editions(declared: dict[str, Any], display: str, resolve: Any) -> dict[str, Edition]:
    if not declared:
        raise ConfigError(display, "editions", "declare at least one edition")
    editions = {}
    for name, options in declared.items():
        if not isinstance(options, dict):
            raise ConfigError(display, f"editions.{name}", "expected a mapping of options")
        ed = _validated(EditionConfig, options, display, f"editions.{name}.")
        if ed.audience == INTERNAL and options.get("indexable"):
            message = "an internal edition is never indexable by search engines"
            raise ConfigError(display, f"editions.{name}.indexable", message)
        editions[str(name)] = Edition(
            name=str(name),
            audience=ed.audience,
            brand=ed.brand,
            segment=ed.segment,
            tier=ed.tier,
            site_dir=resolve(ed.site_dir or f"site/{name}"),
            site_url=ed.site_url,
            indexable=ed.indexable and ed.audience != INTERNAL,
        )
    return editions


def _check_output_folders(project: Project, display: str) -> None:
    """No edition writes into another's folder, or over the project's own files."""
    sources = [project.root, project.docs_dir, project.plays_dir, project.snippets_dir]
    seen: dict[Path, str] = {}
    for edition in project.editions.values():
        target = edition.site_dir
        option = f"editions.{edition.name}.site_dir"
        for source in sources:
            if target == source or source.is_relative_to(target):
                message = f"'{project.display(target)}' would overwrite the project's own files"
                raise ConfigError(display, option, message)
        for other_dir, other in seen.items():
            if (
                target == other_dir
                or target.is_relative_to(other_dir)
                or other_dir.is_relative_to(target)
            ):
                message = (
                    f"'{project.display(target)}' overlaps the output folder of edition "
                    f"'{other}' ('{project.display(other_dir)}'); give each edition its own folder"
                )
                raise ConfigError(display, option, message)
        seen[target] = edition.name


def _with_brands(project: Project, display: str) -> Project:
    brands = {}
    known = sorted(p.name for p in project.brands_dir.glob("*") if p.is_dir())
    for edition in project.editions.values():
        option = f"editions.{edition.name}.brand"
        if edition.brand not in brands:
            folder = project.brands_dir / edition.brand
            try:
                brands[edition.brand] = load_brand(folder, project.display(folder))
            except BrandError as exc:
                hint = f" (known: {', '.join(known)})" if known and "not found" in str(exc) else ""
                raise ConfigError(display, option, f"{exc}{hint}") from None
        if brands[edition.brand].marker and not edition.for_staff:
            message = (
                f"brand '{edition.brand}' carries the internal marker "
                f"('{brands[edition.brand].marker}'); a {edition.audience} edition cannot use it"
            )
            raise ConfigError(display, option, message)
    return Project(**{**project.__dict__, "brands": brands})


def choose_edition(project: Project, name: str | None) -> Edition:
    """The named edition; with no name, the least privileged one, or a clear error."""
    display = project.config_file.name
    if name:
        if name not in project.editions:
            declared = ", ".join(project.editions)
            raise ConfigError(display, "editions", f"no edition '{name}' (declared: {declared})")
        return project.editions[name]
    public = [e for e in project.editions.values() if not e.for_staff]
    if "customer" in project.editions and project.editions["customer"] in public:
        return project.editions["customer"]
    if len(public) == 1:
        return public[0]
    choice = "several customer editions" if public else "only internal editions"
    raise ConfigError(
        display,
        "editions",
        f"no edition named, and this project declares {choice}: name one with "
        f"`adoptbook build --edition X` or {EDITION_ENV}=X",
    )


def requested_edition() -> str | None:
    """The edition the command that started this process asked for, if any."""
    return os.environ.get(EDITION_ENV) or None
