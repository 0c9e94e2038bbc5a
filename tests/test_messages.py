"""Messages, call sheets and sharing, from the data to the rendered pages (no browser).

Send order, paragraphs without hard wraps, how each placeholder is entered, the
account fields a page hands its script, the customer-site link on internal play
pages, and call sheets (internal only, kept out of search).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest

from adoptbook.callsheet import CALL_SHEETS_URL
from adoptbook.config import Edition, load_project
from adoptbook.messages import label, message_data, paragraphs, placeholder_kind, shared_fields
from adoptbook.model import CommunicationPlay
from adoptbook.pipeline import PreparedEdition, prepare_edition, render_pages
from adoptbook.schedule import send_order
from adoptbook.share import customer_page_url, share_targets
from helpers import VALID_MYTH, make_project
from sitekit import ROOT, copy_project

TODAY = dt.date(2026, 11, 25)


def test_send_order_follows_the_rollout() -> None:
    in_order = [
        "during the sale",
        "week -8",
        "weeks -4 to -2",
        "week -1",
        "before go-live",
        "at go-live",
        "after go-live",
        "week 1",
        "weeks 4 to 13",
        "week 52",
        "ongoing",
        "before renewal",
        "at renewal",
    ]
    assert sorted(reversed(in_order), key=send_order) == in_order


def test_go_live_week_and_at_go_live_are_the_same_moment() -> None:
    assert send_order("week 0") == send_order("at go-live")


def test_paragraphs_lose_their_hard_wraps_and_keep_list_lines() -> None:
    body = (
        "Hello everyone,\n\n"
        "We have now been using {system_name} for {days_live} days. Thank you for the\n"
        "effort so far.\n\n"
        "1. Which part of your work is still easier outside {system_name}, and why?\n"
        "2. What, if anything, stops you from using it the way we planned: a policy,\n"
        "   a form, a report, a missing field, time?\n"
        "- a bullet\n\n\n"
        "{signature}\n"
    )
    assert paragraphs(body) == [
        "Hello everyone,",
        "We have now been using {system_name} for {days_live} days. Thank you for the "
        "effort so far.",
        "1. Which part of your work is still easier outside {system_name}, and why?\n"
        "2. What, if anything, stops you from using it the way we planned: a policy, "
        "a form, a report, a missing field, time?\n"
        "- a bullet",
        "{signature}",
    ]


@pytest.mark.parametrize(
    ("name", "body", "kind"),
    [
        ("go_live_date", "", "date"),
        ("date", "", "date"),
        ("help_link", "{help_link}\n", "link"),
        ("survey_url", "", "link"),
        ("what_changes", "Today\n\n{what_changes}\n\nThanks", "long"),
        ("csm_name", "Best regards,\n\n{csm_name}\n", "text"),  # a signature, not a paragraph
        ("customer_name", "Welcome to {customer_name}.", "text"),
        ("team_targets", "Hi,\n\n  {team_targets}", "long"),
    ],
)
def test_placeholder_kind(name: str, body: str, kind: str) -> None:
    assert placeholder_kind(name, body) == kind


def test_labels_read_as_words() -> None:
    assert label("csm_name") == "CSM name"
    assert label("go_live_date") == "Go-live date"
    assert label("customer_name") == "Customer name"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PreparedEdition]:
    root = copy_project(tmp_path_factory.mktemp("messages"), ROOT)
    project = load_project(root / "mkdocs.yml")
    editions = ("internal", "customer")
    return {name: prepare_edition(project, project.edition(name), today=TODAY) for name in editions}


@pytest.fixture(scope="module")
def pages(bundled: dict[str, PreparedEdition]) -> dict[str, dict[str, str]]:
    return {name: render_pages(prepared) for name, prepared in bundled.items()}


def communications(prepared: PreparedEdition) -> list[CommunicationPlay]:
    return [p for p in prepared.content.plays.values() if isinstance(p, CommunicationPlay)]


def data_attribute(markdown: str, attribute: str) -> list:
    values = re.findall(rf'{attribute}="([^"]*)"', markdown)
    return [json.loads(html.unescape(value)) for value in values]


@pytest.mark.parametrize("edition", ["internal", "customer"])
def test_message_pages_carry_their_filled_in_data(
    bundled: dict[str, PreparedEdition], pages: dict[str, dict[str, str]], edition: str
) -> None:
    plays = communications(bundled[edition])
    assert plays
    for play in plays:
        page = pages[edition][f"plays/{play.id}.md"]
        (message,) = data_attribute(page, "data-ab-message")
        assert message == message_data(play)
        (fields,) = data_attribute(page, "data-ab-fields")
        assert [f["name"] for f in fields] == list(play.placeholders)
        # The text as written is still on the page, for readers without scripts.
        assert play.body.splitlines()[0] in page


def test_customer_message_data_comes_from_the_customer_edition_only(
    bundled: dict[str, PreparedEdition], pages: dict[str, dict[str, str]]
) -> None:
    internal_only = {
        p.id for p in communications(bundled["internal"]) if "customer" not in p.audience
    }
    assert {"call-recap", "share-a-play"} <= internal_only
    rendered = "".join(pages["customer"].values())
    for play_id in internal_only:
        assert f"&quot;id&quot;:&quot;{play_id}&quot;" not in rendered
        assert f"plays/{play_id}.md" not in pages["customer"]


def test_communication_lists_go_in_send_order_with_their_when_label(
    pages: dict[str, dict[str, str]], bundled: dict[str, PreparedEdition]
) -> None:
    for edition, uri in (("customer", "toolkit/communications.md"), ("internal", "csm/index.md")):
        page = pages[edition][uri]
        listed = re.findall(
            r"^- \*\*([^*]+)\*\*: \[[^\]]+\]\(\.\./plays/([a-z0-9-]+)\.md\)", page, re.M
        )
        plays = {p.id: p for p in communications(bundled[edition])}
        assert [pid for _, pid in listed] == sorted(
            plays, key=lambda pid: (send_order(plays[pid].send_when), plays[pid].title)
        )
        assert len(listed) == len(plays)
        assert listed[0][0] == "8 weeks before go-live"
        assert all(when for when, _ in listed)


def test_shared_fields_are_the_placeholders_several_messages_use(
    bundled: dict[str, PreparedEdition],
) -> None:
    fields = shared_fields(communications(bundled["customer"]))
    names = [f["name"] for f in fields]
    assert {"customer_name", "system_name", "go_live_date", "sponsor_name"} <= set(names)
    assert "days_live" not in names  # one message only
    dates = {f["name"] for f in fields if f["kind"] == "date"}
    assert "go_live_date" in dates


def test_internal_play_pages_link_to_their_customer_page(
    bundled: dict[str, PreparedEdition], pages: dict[str, dict[str, str]]
) -> None:
    base = bundled["customer"].edition.site_url
    assert base
    for play in bundled["internal"].content.plays.values():
        page = pages["internal"][f"plays/{play.id}.md"]
        url = f"{base.rstrip('/')}/plays/{play.id}/"
        assert (url in page) == ("customer" in play.audience), play.id
    assert "This play on the customer site" not in "".join(pages["customer"].values())


def test_no_customer_site_url_means_no_link(bundled: dict[str, PreparedEdition]) -> None:
    play = bundled["internal"].content.plays["no-choice"]
    internal = bundled["internal"].edition
    no_url = Edition("customer", "customer", "customer", None, None, Path("site/c"))
    assert share_targets([internal, no_url], internal) == []
    assert customer_page_url(play, [no_url], "plays") is None
    assert share_targets([no_url], bundled["customer"].edition) == []


def test_the_link_goes_to_a_customer_edition_that_shows_the_play(
    bundled: dict[str, PreparedEdition],
) -> None:
    play = bundled["internal"].content.plays["sponsor-announcement"]  # segments: [b2b]
    b2c = Edition("b2c", "customer", "customer", "b2c", None, Path("s/b2c"), "https://b2c.test/")
    b2b = Edition("b2b", "customer", "customer", "b2b", None, Path("s/b2b"), "https://b2b.test")
    assert customer_page_url(play, [b2c, b2b], "plays") == (
        "https://b2b.test/plays/sponsor-announcement/"
    )
    assert customer_page_url(play, [b2c], "plays") is None


def test_call_sheets_only_in_the_internal_edition(
    bundled: dict[str, PreparedEdition], pages: dict[str, dict[str, str]]
) -> None:
    sheets = {u for u in pages["internal"] if u.startswith(f"{CALL_SHEETS_URL}/")}
    coached = {p.id for p in bundled["internal"].content.plays.values() if p.coaching}
    assert sheets == {f"{CALL_SHEETS_URL}/{pid}.md" for pid in coached}
    assert not [u for u in pages["customer"] if u.startswith(f"{CALL_SHEETS_URL}/")]
    assert "call-sheets" not in "".join(pages["customer"].values())


def test_a_call_sheet_is_out_of_search_and_links_back(
    bundled: dict[str, PreparedEdition], pages: dict[str, dict[str, str]]
) -> None:
    play = bundled["internal"].content.plays["value-review-invitation"]
    sheet = pages["internal"][f"{CALL_SHEETS_URL}/{play.id}.md"]
    front = sheet.split("\n---\n", 1)[0]
    assert "search:\n  exclude: true" in front
    assert 'data-pagefind-ignore="all"' in sheet
    assert f"](../plays/{play.id}.md){{ .ab-shortcut" in sheet
    assert play.coaching and play.coaching.talk_track
    for heading in ("Talk track", "Discovery questions", "Objections and answers", "Red flags"):
        assert f"## {heading}" in sheet
    for objection in play.coaching.objections:
        assert " ".join(objection.answer.split()) in sheet
    page = pages["internal"][f"plays/{play.id}.md"]
    assert f"](../{CALL_SHEETS_URL}/{play.id}.md){{ .ab-shortcut" in page


def test_links_in_coaching_still_lead_to_their_play_from_the_call_sheet(tmp_path: Path) -> None:
    linked = VALID_MYTH.replace(
        "owner: CS Enablement",
        "coaching:\n  talk_track: See [the other play](other.md) first.\n"
        "  objections:\n    - objection: What about [the other](other.md)?\n"
        "      answer: Read [it](other.md#why).\nowner: CS Enablement",
    )
    other = VALID_MYTH.replace("id: sample", "id: other")
    config = make_project(
        tmp_path, {"plays/myths/sample.yml": linked, "plays/myths/other.yml": other}
    )
    project = load_project(config)
    pages = render_pages(prepare_edition(project, project.edition("internal"), today=TODAY))
    sheet = pages[f"{CALL_SHEETS_URL}/sample.md"]
    assert sheet.count("](../plays/other.md)") == 2
    assert "](../plays/other.md#why)" in sheet
    assert "](other.md" not in sheet
