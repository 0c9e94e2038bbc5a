"""Journey 2: the customer's adoption owner helps themselves, in the customer edition.

From the home page they click through to the adoption toolkit, open a checklist
and an action plan, and print a play. No page they see carries coaching content.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from journey_kit import PLAYS_URL, Edition, Watch
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

COACHING_TRACES = ("Coaching the conversation", "Talk track", "CSM coaching")
HIDDEN_IN_PRINT = {
    "header": ".md-header",
    "navigation tabs": ".md-tabs",
    "navigation sidebar": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "search": ".ab-search",
    "footer": ".md-footer",
    "print button": ".ab-print",
}


class Visits:
    """Every page the customer sees, each checked for traces of coaching content."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.urls: list[str] = []

    def check(self) -> None:
        page = self.page
        page.wait_for_load_state("load")
        self.urls.append(page.url)
        html = page.content()
        for trace in COACHING_TRACES:
            assert trace not in html, f"{page.url} shows {trace!r}"
        expect(page.locator(".coaching, .ab-coaching-heading, #coaching")).to_have_count(0)


def content_link(href: str) -> str:
    """A CSS selector for a link in the page's content to `href` (relative, as written)."""
    return f'article.md-content__inner a[href="{href}"]'


def open_first_play(page: Page) -> None:
    page.locator(f'article.md-content__inner a[href*="{PLAYS_URL}/"]').first.click()
    expect(page).to_have_url(re.compile(rf"/{PLAYS_URL}/[a-z0-9-]+/$"))


def test_customer_reaches_toolkit_checklist_plan_and_print_view(
    page: Page, customer: Edition, watch: Watch, artifacts: Path
) -> None:
    visits = Visits(page)
    page.goto(customer.url)
    visits.check()

    # Home -> the adoption toolkit.
    page.locator(content_link("toolkit/")).first.click()
    expect(page).to_have_url(customer.page_url("toolkit/"))
    expect(page.locator("article h1")).to_contain_text("Adoption toolkit")
    visits.check()

    # Toolkit -> checklists -> one checklist.
    page.locator(content_link("checklists/")).first.click()
    expect(page).to_have_url(customer.page_url("toolkit/checklists/"))
    visits.check()
    open_first_play(page)
    expect(page.locator("article h2#checklist")).to_be_visible()
    expect(page.locator("article .ab-question legend").first).to_be_visible()
    visits.check()

    # Back to the toolkit -> the adoption plan -> one action plan.
    page.go_back()
    page.go_back()
    expect(page).to_have_url(customer.page_url("toolkit/"))
    page.locator(content_link("plan/")).first.click()
    expect(page).to_have_url(customer.page_url("toolkit/plan/"))
    visits.check()
    open_first_play(page)
    article = page.locator("article.md-content__inner")
    expect(article.locator("h2#steps")).to_be_visible()
    expect(article).to_contain_text("Done when")
    visits.check()

    # The print view of that play: navigation, header and search are gone, the play stays.
    # Play pages keep the sidebar off screen too (plays are not in the nav).
    for name, selector in HIDDEN_IN_PRINT.items():
        if name not in ("footer", "table of contents", "navigation sidebar"):
            expect(page.locator(selector).first, f"{name} on screen").to_be_visible()
    page.emulate_media(media="print")
    for name, selector in HIDDEN_IN_PRINT.items():
        expect(page.locator(selector).first, f"{name} in print").to_be_hidden()
    expect(article.locator("h1")).to_be_visible()
    expect(article.locator("h2#steps")).to_be_visible()
    play = page.url.rstrip("/").rsplit("/", 1)[-1]
    page.screenshot(path=artifacts / f"customer-print-{play}.png", full_page=True)
    page.emulate_media(media="screen")

    assert len(visits.urls) == 6
    assert not watch.problems, "\n".join(watch.problems)


def test_customer_finds_the_spreadsheet_play_with_one_search(page: Page, customer: Edition) -> None:
    """What a customer's adoption owner types, not a play title, finds the right play first."""
    query = "our people keep using spreadsheets"
    page.goto(customer.url)
    expect(page.locator('[data-ab-module="search"][data-ab-started]')).to_be_attached()
    page.keyboard.press("/")
    page.keyboard.type(query)
    expect(page.locator(".ab-search__results")).to_have_attribute("data-ab-query", query)
    first_result = page.locator(".ab-search__result a").first
    expect(first_result).to_be_visible()
    first_result.click()
    article = page.locator("article.md-content__inner")
    expect(article).to_contain_text("Our people keep using spreadsheets instead of the system")
    expect(page).to_have_url(re.compile(rf"/{PLAYS_URL}/[a-z0-9-]+/"))
    Visits(page).check()
