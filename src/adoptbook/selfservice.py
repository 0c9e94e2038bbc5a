"""Template helpers for the self-service tools on play pages: assessments and dated plans.

Each tool is Markdown and HTML for people plus data attributes for its browser
module (overrides/assets/js/); see assessments.py, plans.py and schedule.py.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .assessments import band_range
from .model import ActionPlanPlay
from .plans import dates_span, golive_control, plan_json

if TYPE_CHECKING:
    from .render import PlayRenderer

TIMELINE_MACRO = "rollout_timeline("


def self_service_globals(renderer: PlayRenderer) -> dict[str, Any]:
    def plan_data(play: ActionPlanPlay) -> str:
        return plan_json(play, lambda value: renderer.label("personas", value), renderer.markdown)

    helpers: dict[str, Callable[..., Any] | str | None] = {
        "band_range": band_range,
        "dates_span": dates_span,
        "golive_control": golive_control,
        "plan_json": plan_data,
        "timeline_uri": timeline_link(renderer),
    }
    return helpers


def timeline_link(renderer: PlayRenderer) -> str | None:
    """The rollout timeline page of this edition, relative to the play pages, if it has one."""
    for page in renderer.content.pages:
        if TIMELINE_MACRO in page.body:
            return posixpath.relpath(page.src_uri, renderer.plays_url)
    return None
