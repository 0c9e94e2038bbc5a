"""Journey 6: the call sheet, in the internal edition.

On a play page the CSM presses `c` and gets the play's call sheet (summary, talk
track, questions, objections, red flags, related plays); `c` again goes back. The
call sheet prints on one page, is kept out of the sidebar and the search index, and
the customer edition has none. axe-core finds no serious or critical violation on
the call sheet, a message page and the communications list, in both editions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from journey_kit import Edition, SourcePlay, Watch, published, tab_to
from playwright.sync_api import Page, expect

from adoptbook.search import read_index_file
from sitekit import EDITIONS

pytestmark = pytest.mark.browser

SHEETS = "call-sheets"
BLOCKING = ("serious", "critical")
PDF_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


def coached(edition: Edition) -> list[SourcePlay]:
    return [p for p in published(edition.built, edition.name) if p.data.get("coaching")]


def richest(edition: Edition) -> SourcePlay:
    """The play with the most coaching text: the hardest one to fit on a page."""
    return max(coached(edition), key=lambda p: len(json.dumps(p.data["coaching"])))


def test_c_opens_the_call_sheet_and_c_goes_back(
    page: Page, internal: Edition, watch: Watch, artifacts: Path
) -> None:
    play = richest(internal)
    page.goto(internal.page_url(play.url))
    expect(page.locator(".ab-play-tools")).to_contain_text("press c")
    page.keyboard.press("c")
    expect(page).to_have_url(re.compile(rf"/{SHEETS}/{play.id}/$"))
    sheet = page.locator("article .ab-call-sheet")
    expect(sheet.locator("h1")).to_contain_text(" ".join(play.data["title"].split()))
    coaching = play.data["coaching"]
    for heading, key in (
        ("Talk track", "talk_track"),
        ("Discovery questions", "discovery_questions"),
        ("Objections and answers", "objections"),
        ("Red flags", "red_flags"),
    ):
        if coaching.get(key):
            expect(sheet.get_by_role("heading", name=heading)).to_be_visible()
    for objection in coaching.get("objections", []):
        expect(sheet).to_contain_text(" ".join(objection["answer"].split()))
    if play.data.get("related"):
        expect(sheet.get_by_role("heading", name="Related plays")).to_be_visible()
    # Not in the sidebar, and the whole sheet fits one laptop screen.
    expect(page.locator(f'.md-nav a[href*="{SHEETS}/"]')).to_have_count(0)
    page.screenshot(path=artifacts / "internal-call-sheet.png")

    # Typing "c" into the search box searches; it does not leave the page.
    expect(page.locator(".ab-search[data-ab-started]")).to_have_count(1)
    query = page.locator("#ab-search-input")
    page.keyboard.press("/")
    expect(query).to_be_focused()
    page.keyboard.type("c")
    expect(query).to_have_value("c")
    expect(page).to_have_url(re.compile(rf"/{SHEETS}/{play.id}/$"))
    page.keyboard.press("Escape")
    page.locator("article.md-content__inner h1").click()  # back on the page, off the box
    expect(query).not_to_be_focused()
    page.keyboard.press("c")
    expect(page).to_have_url(re.compile(rf"/plays/{play.id}/$"))
    assert not watch.problems, "\n".join(watch.problems)


def test_the_call_sheet_back_link_works_from_the_keyboard(page: Page, internal: Edition) -> None:
    play = coached(internal)[0]
    page.goto(internal.page_url(f"{SHEETS}/{play.id}/"))
    tab_to(page, ".ab-sheet-nav a")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/plays/{play.id}/$"))


def test_print_preview_of_the_longest_call_sheets_is_one_page(
    page: Page, internal: Edition, artifacts: Path
) -> None:
    """The eight call sheets with the most coaching text each print on one A4 page
    (a PDF of the print preview has one page); shorter ones fit if these do."""
    plays = sorted(coached(internal), key=lambda p: -len(json.dumps(p.data["coaching"])))[:8]
    assert plays
    page.emulate_media(media="print")
    pages = {}
    for play in plays:
        page.goto(internal.page_url(f"{SHEETS}/{play.id}/"))
        page.wait_for_load_state("load")
        pdf = page.pdf(format="A4", print_background=True)
        pages[play.id] = len(PDF_PAGE.findall(pdf))
        if play == plays[0]:
            (artifacts / "internal-call-sheet-print.pdf").write_bytes(pdf)
            page.screenshot(path=artifacts / "internal-call-sheet-print.png", full_page=True)
            for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".ab-sheet-nav"):
                expect(page.locator(hidden).first).to_be_hidden()
            expect(page.locator(".ab-marker")).to_be_visible()  # still says "Internal"
    assert pages and all(count == 1 for count in pages.values()), pages


def test_call_sheets_are_out_of_search_and_absent_from_the_customer_edition(
    editions: dict[str, Edition],
) -> None:
    internal, customer = editions["internal"], editions["customer"]
    assert len(list((internal.site / SHEETS).glob("*/index.html"))) == len(coached(internal))
    fragments = (internal.site / "pagefind" / "fragment").glob("*.pf_fragment")
    urls = [json.loads(read_index_file(path))["url"].lstrip("/") for path in fragments]
    assert urls and not [url for url in urls if url.startswith(f"{SHEETS}/")]
    sheet = (internal.site / SHEETS / coached(internal)[0].id / "index.html").read_text("utf-8")
    assert 'data-pagefind-ignore="all"' in sheet
    assert not (customer.site / SHEETS).exists()
    for path in customer.site.rglob("*.html"):
        assert f"/{SHEETS}/" not in path.read_text("utf-8"), path


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def assert_no_blocking(page: Page, axe: Axe, report: Path) -> None:
    violations = axe.run(page).response["violations"]
    report.write_text(json.dumps(violations, indent=2), encoding="utf-8")
    blocking = [
        f"{v['impact']}: {v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:5]]}"
        for v in violations
        if v.get("impact") in BLOCKING
    ]
    assert not blocking, f"{page.url} (report: {report}):\n" + "\n".join(blocking)


@pytest.mark.parametrize("target", ["message", "communications", "call-sheet"])
@pytest.mark.parametrize("name", EDITIONS)
def test_no_serious_or_critical_axe_violations(
    name: str, target: str, editions: dict[str, Edition], page: Page, axe: Axe, artifacts: Path
) -> None:
    edition = editions[name]
    if target == "call-sheet":
        if not coached(edition) or not (edition.site / SHEETS).is_dir():
            pytest.skip(f"the {name} edition has no call sheets")
        page.goto(edition.page_url(f"{SHEETS}/{coached(edition)[0].id}/"))
    elif target == "communications":
        page.goto(edition.page_url("toolkit/communications/"))
        expect(page.locator(".ab-account-panel")).to_be_visible()
    else:
        play = next(p for p in published(edition.built, name) if p.type == "communication")
        page.goto(edition.page_url(play.url))
        page.locator(".ab-account-form input").first.fill("Northwind Traders")
        expect(page.locator(".ab-message-card .ab-value").first).to_be_visible()
    assert_no_blocking(page, axe, artifacts / f"axe-{name}-{target}.json")
