"""Journey 5: messages with their blanks filled in, in both editions.

Someone types the account's details once on a message page, copies the message
(the clipboard holds the subject, then the body in paragraphs, values filled in,
blanks marked), opens it in their mail program, reloads, opens another message
and finds the details still there, then clears them. Done with the mouse, then
with the keyboard alone; on a touch screen every control is at least 44 px and
covers no text. Nothing leaves the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from journey_kit import Edition, SourcePlay, Watch, filled_text, published, tab_to
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from sitekit import EDITIONS

pytestmark = pytest.mark.browser

VALUES = {
    "customer_name": "Northwind Traders",
    "go_live_date": "2027-03-01",
    "system_name": "Ledgerly",
    "help_link": "https://help.northwind.test/start",
}
SHOWN = {**VALUES, "go_live_date": "1 March 2027"}  # en-GB, the context's locale
ACCOUNT_KEY = "adoptbook:account"


def messages_with(edition: Edition, *names: str) -> list[SourcePlay]:
    """The edition's messages whose placeholders include every one of `names`."""
    return [
        p
        for p in published(edition.built, edition.name)
        if p.type == "communication" and set(names) <= set(p.data.get("placeholders") or {})
    ]


def two_messages(edition: Edition) -> tuple[SourcePlay, SourcePlay]:
    first = messages_with(edition, "customer_name", "go_live_date", "help_link")
    assert first, f"no message in the {edition.name} edition uses a name, a date and a link"
    others = [p for p in messages_with(edition, "customer_name") if p.id != first[0].id]
    assert others, f"only one message in the {edition.name} edition uses customer_name"
    return first[0], others[0]


def shown_values(play: SourcePlay) -> dict[str, str]:
    return {k: v for k, v in SHOWN.items() if k in play.data["placeholders"]}


def field(page: Page, name: str) -> Locator:
    return page.locator(f".ab-account-form [name={name}]")


def clipboard(page: Page) -> str:
    return str(page.evaluate("navigator.clipboard.readText()"))


@pytest.fixture
def clip_context(context: BrowserContext) -> BrowserContext:
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context


@pytest.mark.parametrize("name", EDITIONS)
def test_fill_in_copy_reload_and_reuse_the_account_details(
    name: str,
    editions: dict[str, Edition],
    clip_context: BrowserContext,
    watch: Watch,
    artifacts: Path,
) -> None:
    edition = editions[name]
    first, second = two_messages(edition)
    page = clip_context.new_page()
    page.goto(edition.page_url(first.url))

    panel = page.locator(".ab-account-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("nothing leaves the browser")
    description = " ".join(str(first.data["placeholders"]["customer_name"]).split())
    expect(panel).to_contain_text(description)
    expect(field(page, "go_live_date")).to_have_attribute("type", "date")

    # Before anything is typed, every blank is marked and copies as "[words]".
    card = page.locator(".ab-message-card")
    expect(card.locator("mark.ab-blank").first).to_be_visible()
    expect(card).to_contain_text("[customer name]")
    for key, value in VALUES.items():
        if key in first.data["placeholders"]:
            field(page, key).fill(value)
    expect(card).to_contain_text("1 March 2027")
    expect(card.locator(f'a[href="{VALUES["help_link"]}"]')).to_be_visible()
    # The message as written (with its hard wraps) gives way to the filled-in one.
    expect(page.locator(".ab-message")).to_be_hidden()
    page.screenshot(path=artifacts / f"{name}-message-filled.png", full_page=True)

    page.get_by_role("button", name="Copy message").click()
    expect(page.get_by_role("status").filter(has_text="Message copied")).to_be_visible()
    expected = filled_text(first.data, shown_values(first))
    assert clipboard(page) == expected
    subject, body = expected.split("\n\n", 1)
    page.get_by_role("button", name="Copy subject").click()
    expect(page.get_by_role("status").filter(has_text="Subject copied")).to_be_visible()
    assert clipboard(page) == subject.removeprefix("Subject: ")
    page.get_by_role("button", name="Copy body").click()
    expect(page.get_by_role("status").filter(has_text="Body copied")).to_be_visible()
    assert clipboard(page) == body

    mailto = page.get_by_role("link", name="Open in email").get_attribute("href") or ""
    assert mailto.startswith("mailto:?"), mailto
    query = parse_qs(urlsplit(mailto).query)
    assert query["subject"] == [subject.removeprefix("Subject: ")]
    assert query["body"] == [body.replace("\n", "\r\n")]

    # The values stay in this browser: after a reload, and on another message.
    page.reload()
    expect(field(page, "customer_name")).to_have_value(VALUES["customer_name"])
    page.goto(edition.page_url(second.url))
    expect(field(page, "customer_name")).to_have_value(VALUES["customer_name"])
    expect(page.locator(".ab-message-card")).to_contain_text(VALUES["customer_name"])
    page.get_by_role("button", name="Copy message").click()
    expect(page.get_by_role("status").filter(has_text="Message copied")).to_be_visible()
    assert clipboard(page) == filled_text(second.data, shown_values(second))
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('{ACCOUNT_KEY}'))")
    assert stored["customer_name"] == VALUES["customer_name"]
    assert stored.get("go_live_date", VALUES["go_live_date"]) == "2027-03-01"

    # One click clears every value; the blanks come back.
    page.get_by_role("button", name="Clear details").click()
    expect(field(page, "customer_name")).to_have_value("")
    assert page.evaluate(f"localStorage.getItem('{ACCOUNT_KEY}')") is None
    expect(page.locator(".ab-message-card")).to_contain_text("[customer name]")
    assert not watch.problems, "\n".join(watch.problems)


def test_dates_are_written_the_way_the_readers_browser_writes_them(
    browser: Browser, customer: Edition
) -> None:
    play = messages_with(customer, "go_live_date")[0]
    context = browser.new_context(locale="en-US")
    try:
        page = context.new_page()
        page.goto(customer.page_url(play.url))
        field(page, "go_live_date").fill("2027-03-01")
        expect(page.locator(".ab-message-card")).to_contain_text("March 1, 2027")
    finally:
        context.close()


@pytest.mark.parametrize("name", EDITIONS)
def test_keyboard_only(
    name: str, editions: dict[str, Edition], clip_context: BrowserContext
) -> None:
    edition = editions[name]
    first, _ = two_messages(edition)
    page = clip_context.new_page()
    page.goto(edition.page_url(first.url))
    tab_to(page, ".ab-account-form [name=customer_name]")
    page.keyboard.type(VALUES["customer_name"])
    tab_to(page, ".ab-message-toolbar button.md-button--primary")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Message copied")).to_be_visible()
    assert VALUES["customer_name"] in clipboard(page)
    tab_to(page, ".ab-account-actions button")
    page.keyboard.press("Enter")
    expect(field(page, "customer_name")).to_have_value("")


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_touch_screen_controls_are_big_enough_and_cover_no_text(
    browser: Browser, internal: Edition, artifacts: Path
) -> None:
    play = messages_with(internal, "customer_name")[0]
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.goto(internal.page_url(play.url))
        assert page.evaluate("matchMedia('(pointer: coarse)').matches")
        expect(page.locator(".ab-message-card")).to_be_visible()
        controls = page.locator(
            ".ab-message-toolbar :is(a, button), .ab-account-panel :is(summary, input, button), "
            ".ab-play-tools a"
        )
        texts = page.locator(
            ".ab-message-subject, .ab-message-body p, .ab-account-privacy, .ab-field label, "
            ".ab-field-hint, article h1, .ab-lead"
        )
        text_boxes = [b for b in (t.bounding_box() for t in texts.all()) if b]
        assert controls.count() >= 6
        for control in controls.all():
            box = control.bounding_box()
            assert box, control
            label = control.evaluate("e => e.outerHTML.slice(0, 80)")
            assert box["height"] >= 44 and box["width"] >= 44, (label, box)
            assert not [t for t in text_boxes if overlaps(box, t)], label
        page.screenshot(path=artifacts / "internal-message-touch.png", full_page=True)
    finally:
        context.close()


def article_text(page: Page) -> str:
    return " ".join(page.locator("article").inner_text().split())


@pytest.mark.parametrize("name", EDITIONS)
def test_without_javascript_every_page_shows_all_its_content(
    name: str, editions: dict[str, Edition], browser: Browser
) -> None:
    """With scripts off, each play page shows its title and summary, each message its
    subject and body as written, and each call sheet its coaching."""
    edition = editions[name]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        plays = published(edition.built, name)
        for play in plays:
            page.goto(edition.page_url(play.url))
            text = article_text(page)
            assert " ".join(str(play.data["title"]).split()) in text, play.id
            if play.type == "communication":
                block = page.locator(".ab-message")
                expect(block).to_be_visible()
                written = " ".join(block.inner_text().split())
                for line in str(play.data["body"]).splitlines():
                    assert " ".join(line.split()) in written, (play.id, line)
                expect(page.locator(".ab-account-panel")).to_have_count(0)
        sheets = [p for p in plays if (edition.site / "call-sheets" / p.id).is_dir()]
        assert bool(sheets) == (name == "internal")
        for play in sheets:
            page.goto(edition.page_url(f"call-sheets/{play.id}/"))
            coaching: dict[str, Any] = play.data["coaching"]
            words = " ".join(str(coaching.get("talk_track", "")).split()[:6])
            assert words in article_text(page), play.id
    finally:
        context.close()
