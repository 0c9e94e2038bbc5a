"""Journey 4: every page of both editions loads cleanly with the network closed.

No JavaScript console error, no failed request, no request to any host but
127.0.0.1 (fonts, scripts or images from the internet would show up here). Also
saves screenshots of the home page and one play page of each type, per edition,
to test-artifacts/ for people to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from journey_kit import PLAY_TYPES, Edition, Watch, first_of_type, site_pages
from playwright.sync_api import Page, expect

from sitekit import EDITIONS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", EDITIONS)
def test_every_page_loads_without_errors_or_outside_requests(
    name: str, editions: dict[str, Edition], page: Page, watch: Watch
) -> None:
    edition = editions[name]
    pages = site_pages(edition.site)
    assert "" in pages and len(pages) > 5, pages
    failures = []
    for path in pages:
        response = page.goto(edition.page_url(path), wait_until="load")
        assert response is not None
        watch.settle(page)
        if response.status != 200:
            watch.problems.append(f"HTTP {response.status}: {path}")
        if path != "404.html":
            expect(page.locator("article h1").first).to_be_visible()
        # A same-origin request the browser itself cancels (net::ERR_ABORTED, e.g. the
        # search worker racing the page's teardown) is not a broken site; anything that
        # returned an error status, failed otherwise or left 127.0.0.1 is.
        if watch.problems:
            failures.append(f"/{path}:\n  " + "\n  ".join(watch.problems))
        watch.clear()
    assert not failures, f"{len(failures)} of {len(pages)} pages had problems:\n" + "\n".join(
        failures
    )


@pytest.mark.parametrize("name", EDITIONS)
def test_screenshots_of_home_and_one_play_per_type(
    name: str, editions: dict[str, Edition], page: Page, artifacts: Path
) -> None:
    edition = editions[name]
    shots = {f"{name}-home.png": ""}
    for play_type in PLAY_TYPES:
        play = first_of_type(edition.built, name, play_type)
        if play is not None:
            shots[f"{name}-{play_type}-{play.id}.png"] = play.url
    for filename, path in shots.items():
        page.goto(edition.page_url(path), wait_until="load")
        page.wait_for_load_state("networkidle")
        expect(page.locator("article h1").first).to_be_visible()
        page.screenshot(path=artifacts / filename)
        assert (artifacts / filename).stat().st_size > 10_000, filename
    assert len(shots) > 1, f"no play page in the {name} edition"
