"""Brand packs: a folder with brand.yml, a logo and a favicon, one per edition."""

from __future__ import annotations

import html
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .problems import ContentError
from .schema_errors import problems_from
from .yamlpos import load_file

BRAND_FILE = "brand.yml"
ASSET_FOLDER = "assets/brand"


class Palette(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    primary: str = Field("indigo", description="Material palette name for headers and links.")
    accent: str = Field("indigo", description="Material palette name for hover and focus.")


class Brand(BaseModel):
    """What a brand pack sets on the site."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    site_name: str = Field(description="Shown in the header and the browser tab.")
    marker: str | None = Field(
        None,
        description="The internal marker: a banner on every page, e.g. 'Internal'. "
        "Only internal editions may use a brand that has one.",
    )
    logo: str = Field("logo.svg", description="Logo file in the brand folder.")
    favicon: str = Field("favicon.svg", description="Favicon file in the brand folder.")
    palette: Palette = Palette()
    colors: dict[str, str] = Field(
        default_factory=dict,
        description="Optional exact colours: primary, primary_light, accent (CSS values).",
    )
    footer: str = Field("", description="Footer text (copyright line).")
    support: str | None = Field(
        None,
        description="Where readers get help: an email or web address, shown in the footer "
        "and by the support_contact() macro.",
    )
    intro: str | None = Field(
        None, description="A sentence or two for the top of the home page (brand_intro() macro)."
    )

    def support_link(self) -> str:
        """The support contact as a Markdown link ('' when there is none)."""
        if not self.support:
            return ""
        target = self.support if "://" in self.support else f"mailto:{self.support}"
        return (
            f"[{self.support}](<{target}>)"
            if "@" in self.support or "://" in self.support
            else self.support
        )

    def footer_html(self) -> str:
        """The footer line, with the support contact linked."""
        footer = html.escape(self.footer)
        if not self.support:
            return footer
        contact = html.escape(self.support)
        target = self.support if "://" in self.support else f"mailto:{self.support}"
        link = f'<a href="{html.escape(target, quote=True)}">{contact}</a>'
        return f"{footer} · Help: {link}" if footer else f"Help: {link}"


class BrandError(Exception):
    """A brand pack or one of its files is missing (a configuration mistake)."""


def load_brand(folder: Path, display: str) -> Brand:
    """Read and validate a brand pack.

    A missing pack or file raises BrandError; a mistake inside brand.yml raises
    ContentError at its line.
    """
    path = folder / BRAND_FILE
    if not path.is_file():
        raise BrandError(f"brand pack not found: {display}/{BRAND_FILE} does not exist")
    doc = load_file(path, f"{display}/{BRAND_FILE}")
    try:
        brand = Brand.model_validate(doc.data)
    except ValidationError as exc:
        raise ContentError(problems_from(exc, doc, Brand)) from None
    for kind, name in (("logo", brand.logo), ("favicon", brand.favicon)):
        if not (folder / name).is_file():
            raise BrandError(
                f"{display}/{BRAND_FILE} names {kind} '{name}', which is not in {display}/"
            )
    return brand


def brand_css(brand: Brand) -> str:
    """CSS custom properties for the brand's exact colours (Material reads these)."""
    names = {
        "primary": "--md-primary-fg-color",
        "primary_light": "--md-primary-fg-color--light",
        "primary_dark": "--md-primary-fg-color--dark",
        "accent": "--md-accent-fg-color",
    }
    lines = [f"  {names[key]}: {value};" for key, value in brand.colors.items() if key in names]
    return ":root, [data-md-color-scheme] {\n" + "\n".join(lines) + "\n}\n" if lines else ""
