"""Accessibility: axe-core on the pages people use most, in both editions.

The home page, one play page of each type, the open search results (on a wide screen
and a phone), "Find a play" narrowed by a facet and words, and the filtered symptom
index, with no serious or critical violation. axe-core comes bundled with
axe-playwright-python; nothing is fetched. Every run writes the full axe report (all impacts) to
test-artifacts/axe-<edition>-<page>.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from journey_kit import PLAY_TYPES, Edition, first_of_type
from playwright.sync_api import Page, expect

from sitekit import EDITIONS

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")
SEARCH_QUERY = "supervisor"
TARGETS = ("home", "search", "search-phone", "finder", "symptoms", *PLAY_TYPES)
PAGES = {"home": "", "search": "", "search-phone": "", "finder": "find/"}
PAGES["symptoms"] = "csm/symptoms/"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


def describe(violation: dict[str, Any]) -> str:
    nodes = violation["nodes"]
    lines = [f"{violation['impact']}: {violation['id']}: {violation['help']} ({len(nodes)} nodes)"]
    for node in nodes[:5]:
        summary = " ".join((node.get("failureSummary") or "").split())
        lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", EDITIONS)
def test_no_serious_or_critical_violations(
    name: str, target: str, editions: dict[str, Edition], page: Page, axe: Axe, artifacts: Path
) -> None:
    edition = editions[name]
    if target in PAGES:
        if not (edition.site / PAGES[target] / "index.html").is_file():
            pytest.skip(f"the {name} edition has no {PAGES[target]} page")
        if target == "search-phone":
            page.set_viewport_size(PHONE)
        page.goto(edition.page_url(PAGES[target]))
    else:
        play = first_of_type(edition.built, name, target)
        if play is None:
            pytest.skip(f"the {name} edition has no {target} play")
        page.goto(edition.page_url(play.url))
    expect(page.locator("article h1").first).to_be_visible()
    if target.startswith("search"):
        expect(page.locator('[data-ab-module="search"][data-ab-started]')).to_be_attached()
        if target == "search-phone":
            page.locator(".ab-search__open").click()
        else:
            page.keyboard.press("/")
        page.keyboard.type(SEARCH_QUERY)
        expect(page.locator(".ab-search__result").first).to_be_visible()
        page.screenshot(path=artifacts / f"{name}-{target}.png")
    elif target == "finder":
        page.locator("#ab-finder-stage").select_option("go-live")
        page.locator("#ab-finder-q").fill(SEARCH_QUERY)
        expect(page.locator(".ab-finder__ranked > li").first).to_be_visible()
        page.screenshot(path=artifacts / f"{name}-finder.png", full_page=True)
    elif target == "symptoms":
        page.locator("#ab-symptom-filter").fill("nobody")
        expect(page.locator(".ab-filter__status")).to_contain_text("phrases")

    results = axe.run(page)
    violations = results.response["violations"]
    report = artifacts / f"axe-{name}-{target}.json"
    report.write_text(json.dumps(violations, indent=2), encoding="utf-8")
    blocking = [v for v in violations if v.get("impact") in BLOCKING]
    assert not blocking, f"{page.url} (full report: {report}):\n" + "\n".join(
        describe(v) for v in blocking
    )
