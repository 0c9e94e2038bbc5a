"""The taxonomy: every type, stage, segment, tier, persona and tag, declared once."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .model import PlainText, Slug


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: PlainText = Field(description="How the value is shown on the site.")
    description: PlainText = Field(description="One line saying what it means.")
    icon: str | None = Field(None, description="Optional Material icon, e.g. material/account.")


class Taxonomy(BaseModel):
    """Ordered vocabularies; a play may only use values declared here."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    types: dict[Slug, Term]
    stages: dict[Slug, Term] = Field(description="In order, from software selection to renewal.")
    segments: dict[Slug, Term]
    tiers: dict[Slug, Term] = Field(description="In order, from most to least hands-on service.")
    personas: dict[Slug, Term]
    tags: dict[Slug, Term] = Field(default_factory=dict)

    def vocabulary(self, kind: str) -> dict[str, Term]:
        vocabulary: dict[str, Term] = getattr(self, kind)
        return vocabulary

    def label(self, kind: str, value: str) -> str:
        term = self.vocabulary(kind).get(value)
        return term.label if term else value


KINDS = ("types", "stages", "segments", "tiers", "personas", "tags")
SINGULAR = {
    "types": "type",
    "stages": "stage",
    "segments": "segment",
    "tiers": "tier",
    "personas": "persona",
    "tags": "tag",
}
