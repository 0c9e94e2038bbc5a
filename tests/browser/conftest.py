"""Browser fixtures: both editions served from localhost, one Debian chromium per session.

Playwright drives /usr/bin/chromium (installed by `make chromium`, i.e. apt); it
never downloads a browser of its own. The network is closed: every request to a
host other than 127.0.0.1 is aborted and recorded, so anything the site tries to
fetch from the internet shows up as a problem in the tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from journey_kit import ARTIFACTS, Edition, Watch, serve_folder
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from sitekit import EDITIONS, BuiltSite

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")  # never fetch a browser

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def editions(bundled_site: BuiltSite) -> Iterator[dict[str, Edition]]:
    """site/internal and site/customer, each on its own localhost port."""
    servers = {name: serve_folder(bundled_site.site(name)) for name in EDITIONS}
    try:
        yield {
            name: Edition(name, server.url, server.folder, bundled_site)
            for name, server in servers.items()
        }
    finally:
        for server in servers.values():
            server.close()


@pytest.fixture(scope="session")
def internal(editions: dict[str, Edition]) -> Edition:
    return editions["internal"]


@pytest.fixture(scope="session")
def customer(editions: dict[str, Edition]) -> Edition:
    return editions["customer"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's chromium. "
            "Install it with `make chromium` (apt-get install chromium).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def context(browser: Browser, watch: Watch) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    context.set_default_timeout(15_000)
    watch.attach(context)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
