"""`adoptbook check` on messages: placeholder names spelled two ways, links in messages.

In the style of test_check_bad_input.py: each case is a small project's files and
the exact lines `check` prints. A spelling difference is a warning (the message
still works; the reader just types the value twice), so plain `check` exits 0 and
`check --strict` (CI, `make check`) exits 1; a Markdown link in a message is an
error (the message goes out as plain text, where it shows as brackets).
"""

from __future__ import annotations

import pytest

from helpers import VALID_COMMUNICATION, check, lines, make_project

WELCOME = "plays/communications/welcome.yml"
REMINDER = "plays/communications/reminder.yml"
NUDGE = "plays/communications/nudge.yml"


def message(play_id: str, *renames: tuple[str, str]) -> str:
    """A copy of the valid communication with another id and placeholder names."""
    text = VALID_COMMUNICATION.replace("id: welcome", f"id: {play_id}")
    for old, new in renames:
        assert old in text, old
        text = text.replace(old, new)
    return text


CUSTOMER = ("customer_name", "customer")
GOLIVE = ("go_live_date", "golive_date")

SPELLINGS = [
    pytest.param(
        {REMINDER: message("reminder", CUSTOMER)},
        [
            f"{REMINDER}:18:3: warning: placeholders.customer: means the same as "
            f"'customer_name' (1 play, e.g. {WELCOME}:18); spell it 'customer_name' "
            "so one account value fills every message"
        ],
        id="customer-vs-customer_name",
    ),
    pytest.param(
        {REMINDER: message("reminder"), NUDGE: message("nudge", GOLIVE)},
        [
            f"{NUDGE}:19:3: warning: placeholders.golive_date: means the same as "
            f"'go_live_date' (2 plays, e.g. {REMINDER}:19); spell it 'go_live_date' "
            "so one account value fills every message"
        ],
        id="golive_date-vs-go_live_date",
    ),
    pytest.param(
        {
            REMINDER: message("reminder", ("customer_name", "sponsor_name")),
            NUDGE: message("nudge", ("customer_name", "sponsor")),
        },
        [
            f"{NUDGE}:18:3: warning: placeholders.sponsor: means the same as "
            f"'sponsor_name' (1 play, e.g. {REMINDER}:18); spell it 'sponsor_name' "
            "so one account value fills every message"
        ],
        id="sponsor-vs-sponsor_name",
    ),
    pytest.param(
        {
            REMINDER: message("reminder", ("customer_name", "help_link")),
            NUDGE: message("nudge", ("customer_name", "help_url")),
        },
        [
            f"{NUDGE}:18:3: warning: placeholders.help_url: means the same as "
            f"'help_link' (1 play, e.g. {REMINDER}:18); spell it 'help_link' "
            "so one account value fills every message"
        ],
        id="help_url-vs-help_link",
    ),
    pytest.param(
        {
            REMINDER: message("reminder", CUSTOMER),
            NUDGE: message("nudge", CUSTOMER, GOLIVE),
        },
        [
            f"{NUDGE}:19:3: warning: placeholders.golive_date: means the same as "
            f"'go_live_date' (2 plays, e.g. {REMINDER}:19); spell it 'go_live_date' "
            "so one account value fills every message",
            f"{WELCOME}:18:3: warning: placeholders.customer_name: means the same as "
            f"'customer' (2 plays, e.g. {NUDGE}:18); spell it 'customer' "
            "so one account value fills every message",
        ],
        id="the-most-used-spelling-wins",
    ),
]


@pytest.mark.parametrize(("files", "expected"), SPELLINGS)
def test_placeholders_spelled_two_ways_are_warnings(tmp_path, files, expected):
    config = make_project(tmp_path, {WELCOME: VALID_COMMUNICATION, **files})
    relaxed = check(config)
    assert lines(relaxed) == expected
    assert relaxed.exit_code == 0
    strict = check(config, "--strict")
    assert lines(strict) == expected
    assert strict.exit_code == 1


def test_names_that_mean_different_things_are_not_flagged(tmp_path):
    other = message("reminder", ("go_live_date", "renewal_date"), ("customer_name", "team_name"))
    config = make_project(tmp_path, {WELCOME: VALID_COMMUNICATION, REMINDER: other})
    result = check(config, "--strict")
    assert lines(result) == []
    assert result.exit_code == 0


LINKS = [
    pytest.param(
        (
            "From {go_live_date} we",
            "See [the guide](https://example.com/guide). From {go_live_date} we",
        ),
        f"{WELCOME}:16:7: error: body: a message is sent as plain text: write the address "
        "itself (https://...) or a {placeholder} for it, not a Markdown link; mail programs "
        "and the page make addresses into links",
        id="markdown-link-in-body",
    ),
    pytest.param(
        ('subject: "{customer_name}', 'subject: "[Read me](https://example.com) {customer_name}'),
        f"{WELCOME}:12:11: error: subject: a message is sent as plain text: write the address "
        "itself (https://...) or a {placeholder} for it, not a Markdown link; mail programs "
        "and the page make addresses into links",
        id="markdown-link-in-subject",
    ),
]


@pytest.mark.parametrize(("rename", "expected"), LINKS)
def test_markdown_links_in_messages_are_errors(tmp_path, rename, expected):
    config = make_project(tmp_path, {WELCOME: message("welcome", rename)})
    result = check(config)
    assert lines(result) == [expected]
    assert result.exit_code == 1


def test_a_plain_address_in_a_message_is_fine(tmp_path):
    body = (
        "From {go_live_date} we",
        "Help: https://help.example.com/start\n\n  From {go_live_date} we",
    )
    config = make_project(tmp_path, {WELCOME: message("welcome", body)})
    result = check(config, "--strict")
    assert lines(result) == []
    assert result.exit_code == 0


def test_a_message_that_fails_the_schema_is_still_checked(tmp_path):
    broken = message(
        "reminder",
        CUSTOMER,
        ("From {go_live_date} we", "See [the guide](https://example.com). From {go_live_date} we"),
        ("owner: CS Enablement\n", ""),
    )
    config = make_project(tmp_path, {WELCOME: VALID_COMMUNICATION, REMINDER: broken})
    result = check(config)
    assert lines(result) == [
        f"{REMINDER}:2:1: error: missing required field 'owner'",
        f"{REMINDER}:16:7: error: body: a message is sent as plain text: write the address "
        "itself (https://...) or a {placeholder} for it, not a Markdown link; mail programs "
        "and the page make addresses into links",
        f"{REMINDER}:18:3: warning: placeholders.customer: means the same as "
        f"'customer_name' (1 play, e.g. {WELCOME}:18); spell it 'customer_name' "
        "so one account value fills every message",
    ]
    assert result.exit_code == 1
