"""Journey 1: a CSM on a live call, in the internal edition.

The customer says "our people keep using spreadsheets". The CSM presses `/`,
types it, opens the first result, reads the talk track, switches to the B2C
guidance and copies a ready email.
"""

from __future__ import annotations

import re

import pytest
from journey_kit import (
    Edition,
    SourcePlay,
    Watch,
    filled_text,
    first_of_type,
    plain_words,
    published,
)
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.browser

QUERY = "our people keep using spreadsheets"
SYMPTOM = "Our people keep using spreadsheets instead of the system"


def play_with_symptom(internal: Edition, symptom: str) -> SourcePlay:
    plays = [p for p in published(internal.built, "internal") if symptom in p.symptoms()]
    assert plays, f"no play in the internal edition has the symptom {symptom!r}"
    return plays[0]


def test_csm_finds_the_play_reads_the_talk_track_and_copies_an_email(
    context: BrowserContext, page: Page, internal: Edition, watch: Watch
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    expected = play_with_symptom(internal, SYMPTOM)

    # Search with the keyboard, as on a call: `/`, then what the customer said.
    page.goto(internal.url)
    expect(page.locator('[data-ab-module="search"][data-ab-started]')).to_be_attached()
    search = page.locator("#ab-search-input")
    expect(search).not_to_be_focused()
    page.keyboard.press("/")
    expect(search).to_be_focused()
    page.keyboard.type(QUERY)
    expect(page.locator(".ab-search__results")).to_have_attribute("data-ab-query", QUERY)
    first_result = page.locator(".ab-search__result a").first
    expect(first_result).to_be_visible()
    first_result.click()

    # The first result is the play whose symptoms include what the customer said.
    expect(page).to_have_url(re.compile(rf"/{re.escape(expected.url)}([?#].*)?$"))
    content = page.locator("article.md-content__inner")
    expect(content.locator("h1")).to_contain_text(" ".join(expected.data["title"].split()))
    expect(content).to_contain_text(SYMPTOM)

    # Its coaching section, with the talk track, is on the page and visible.
    coaching = content.locator(".admonition.coaching")
    expect(coaching).to_be_visible()
    expect(coaching).to_contain_text("Talk track")
    talk_track = expected.data["coaching"]["talk_track"]
    coaching.scroll_into_view_if_needed()
    expect(coaching).to_contain_text(plain_words(talk_track))

    # Switch the B2B/B2C tab: the B2C guidance shows, the B2B guidance hides.
    b2c_text = expected.segment_text("b2c")
    assert b2c_text, f"{expected.path} has no B2C guidance to switch to"
    tabs = content.locator(".tabbed-set").filter(
        has=page.locator(".tabbed-labels label", has_text=re.compile(r"^\s*B2C\s*$"))
    )
    expect(tabs).to_have_count(1)
    tabs.locator(".tabbed-labels label", has_text=re.compile(r"^\s*B2C\s*$")).click()
    b2c_block = tabs.locator(".tabbed-block", has_text=plain_words(b2c_text))
    expect(b2c_block).to_be_visible()
    b2b_text = expected.segment_text("b2b")
    if b2b_text:
        expect(tabs.locator(".tabbed-block", has_text=plain_words(b2b_text))).to_be_hidden()

    # Linked content tabs: B2C chosen once is chosen on every other play too.
    other = next(
        (
            p
            for p in published(internal.built, "internal")
            if p.id != expected.id and p.segment_text("b2c") and p.segment_text("b2b")
        ),
        None,
    )
    if other is not None:
        page.goto(internal.page_url(other.url))
        expect(
            page.locator(".tabbed-block", has_text=plain_words(other.segment_text("b2c") or ""))
        ).to_be_visible()

    # Copy an email with "Copy message": subject, then the body in paragraphs, blanks marked.
    email = first_of_type(internal.built, "internal", "communication")
    assert email is not None, "no communication play in the internal edition"
    page.goto(internal.page_url(email.url))
    page.get_by_role("button", name="Copy message").click()
    expect(page.get_by_role("status").filter(has_text="Message copied")).to_be_visible()
    clipboard: str = page.evaluate("navigator.clipboard.readText()")
    assert clipboard == filled_text(email.data, {}), clipboard

    assert not watch.problems, "\n".join(watch.problems)
