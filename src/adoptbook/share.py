"""Where a play can be shared: its page in a customer edition, from mkdocs.yml's editions.

The internal edition links each play that customers may also see to its page in
the first customer edition that has a `site_url` and lets the play in (segment and
tier filters), so a CSM can send the customer the page they are reading. The link
is derived from the play's own audience and the editions' settings, never decided
by a template.
"""

from __future__ import annotations

from collections.abc import Iterable

from .config import Edition
from .editions import applies_to
from .model import PlayBase


def share_targets(editions: Iterable[Edition], edition: Edition) -> list[Edition]:
    """The customer editions `edition` may link to: only an internal edition links out."""
    if edition.audience != "internal":
        return []
    return [e for e in editions if e.audience == "customer" and e.site_url]


def customer_page_url(play: PlayBase, targets: Iterable[Edition], plays_url: str) -> str | None:
    """The play's page in the first customer edition that shows it, or None."""
    if "customer" not in play.audience:
        return None
    scope = {"segments": play.segments, "tiers": play.tiers}
    for target in targets:
        if target.audience == "customer" and target.site_url and applies_to(scope, target):
            return f"{target.site_url.rstrip('/')}/{plays_url}/{play.id}/"
    return None
