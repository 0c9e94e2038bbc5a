"""Journey 5: an adoption owner helps themselves with the self-service tools, in both editions.

They answer a checklist and read the plays it recommends, print the answers for a
steering meeting, set their go-live date on a plan and download it for Asana, Jira
and their calendar, then read the rollout timeline eight weeks before go-live. The
downloads are parsed with `csv` and with `icalendar` from PyPI; "today" is fixed with
Playwright's clock so the overdue steps are known. Also: keyboard only, axe-core, and
with JavaScript off.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

import icalendar
import pytest
from axe_playwright_python.sync_playwright import Axe
from journey_kit import Edition, Watch, published, tab_to
from playwright.sync_api import Browser, Page, expect
from selfservice_kit import (
    GO_LIVE,
    TODAY,
    assessment,
    dated_plan,
    timeline_entries,
    timeline_url,
    title,
)

from sitekit import EDITIONS

pytestmark = pytest.mark.browser

ANSWERS = {"yes": 0, "no": 1, "not-sure": 2}  # position of each radio in a question
MORNING = dt.datetime.combine(TODAY, dt.time(9, 30))
STUB_PRINT = "window.print = () => { window.__abPrinted = (window.__abPrinted || 0) + 1; };"


def answer(page: Page, play_id: str, number: int, value: str) -> None:
    page.check(f'input[name="ab-{play_id}-{number}"][value="{value}"]')


def stored(page: Page, name: str):
    raw = page.evaluate(f"window.localStorage.getItem('adoptbook:{name}')")
    return None if raw is None else json.loads(raw)


# --- 1. the assessment ---------------------------------------------------------------------


@pytest.mark.parametrize("name", EDITIONS)
def test_answer_an_assessment_and_follow_a_recommended_play(
    name: str, editions: dict[str, Edition], page: Page, watch: Watch, artifacts: Path
) -> None:
    edition = editions[name]
    found = assessment(edition.built, name)
    play = found.play
    page.add_init_script(STUB_PRINT)
    page.goto(edition.page_url(play.url))
    questions = page.locator(".ab-question")
    expect(questions).to_have_count(len(found.items))
    expect(page.get_by_role("status").filter(has_text="questions answered")).to_contain_text(
        f"0 of {len(found.items)} questions answered"
    )

    # "No" to the first question, "not sure" to the second, "yes" to the rest.
    given = ["no", "not-sure"] + ["yes"] * (len(found.items) - 2)
    for number, value in enumerate(given, start=1):
        answer(page, play.id, number, value)
    band = found.band_for(2)
    result = page.locator(".ab-result")
    expect(result).to_contain_text(" ".join(band["label"].split()))
    expect(result).to_contain_text(f'2 "no" or "not sure" answers out of {len(found.items)}.')
    expect(page.locator(".ab-band--current")).to_contain_text(" ".join(band["label"].split()))

    # The recommended plays are those of the two questions, each named once.
    expected = found.routes([1, 2])
    links = page.locator(".ab-recommended a")
    expect(links).to_have_count(len(expected))
    assert links.evaluate_all("as => as.map(a => a.getAttribute('href'))") == [
        f"../{pid}/" for pid in expected
    ]
    result.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / f"{name}-assessment-result.png")

    # Answers survive a reload; "Print answers" shows only the answers, result and plays.
    page.reload()
    expect(page.locator(f'input[name="ab-{play.id}-2"][value="not-sure"]')).to_be_checked()
    expect(result).to_contain_text(" ".join(band["label"].split()))
    page.get_by_role("button", name="Print answers").click()
    assert page.evaluate("window.__abPrinted") == 1
    page.emulate_media(media="print")
    summary = page.locator(".ab-print-summary")
    expect(summary).to_be_visible()
    expect(questions.first).to_be_hidden()
    expect(summary.locator("tbody tr")).to_have_count(len(found.items))
    expect(summary.locator("tbody tr").nth(1)).to_contain_text("Not sure")
    expect(summary).to_contain_text(" ".join(band["label"].split()))
    page.screenshot(path=artifacts / f"{name}-assessment-print.png", full_page=True)
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(questions.first).to_be_visible()

    # Follow a recommended play.
    first = expected[0]
    links.first.click()
    expect(page).to_have_url(edition.page_url(f"plays/{first}/"))
    target = next(p for p in published(edition.built, name) if p.id == first)
    expect(page.locator("article h1")).to_contain_text(title(target))

    # Back on the checklist, "Clear answers" forgets them here and in storage.
    page.go_back()
    assert stored(page, f"assessment:{play.id}") is not None
    page.get_by_role("button", name="Clear answers").click()
    expect(page.locator('.ab-question input[type="radio"]:checked')).to_have_count(0)
    assert stored(page, f"assessment:{play.id}") is None
    expect(result).to_contain_text(f"0 of {len(found.items)} questions answered")
    assert not watch.problems, watch.problems


@pytest.mark.parametrize("name", EDITIONS)
def test_assessment_with_the_keyboard_only(
    name: str, editions: dict[str, Edition], page: Page, watch: Watch
) -> None:
    edition = editions[name]
    found = assessment(edition.built, name)
    play = found.play
    page.goto(edition.page_url(play.url))
    given = ["not-sure"] + ["yes"] * (len(found.items) - 1)
    for number, value in enumerate(given, start=1):
        tab_to(page, f'[name="ab-{play.id}-{number}"]')
        page.keyboard.press("Space")  # checks "yes", the first of the group
        for _ in range(ANSWERS[value]):
            page.keyboard.press("ArrowRight")  # moves to the next answer and checks it
    band = found.band_for(1)
    expect(page.locator(".ab-result")).to_contain_text(" ".join(band["label"].split()))
    expect(page.locator(f'input[name="ab-{play.id}-1"][value="not-sure"]')).to_be_checked()

    tab_to(page, "[data-ab-clear]")
    page.keyboard.press("Enter")
    expect(page.locator('.ab-question input[type="radio"]:checked')).to_have_count(0)
    assert not watch.problems, watch.problems


# --- 2. dated plans and their downloads ----------------------------------------------------


def download(page: Page, button: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


@pytest.mark.parametrize("name", EDITIONS)
def test_set_go_live_then_download_and_parse_the_three_files(
    name: str, editions: dict[str, Edition], page: Page, watch: Watch, tmp_path: Path
) -> None:
    edition = editions[name]
    play, steps = dated_plan(edition.built, name)
    page.goto(edition.page_url(play.url))
    page.get_by_label("Go-live date").fill(GO_LIVE.isoformat())
    expect(page.locator(".ab-plan-status")).to_contain_text("Mon 1 Mar 2027")

    # Each dated step shows its due date (and start date when it spans weeks).
    dated = [s for s in steps if s.due]
    shown = page.locator(".ab-dates[data-ab-due]")
    expect(shown.first.locator("time").last).to_be_visible()
    dues = shown.evaluate_all("ss => ss.map(s => s.querySelector('time:last-of-type').dateTime)")
    assert dues == [s.due.isoformat() for s in dated if s.due]

    asana = download(page, "Asana (CSV)", tmp_path)
    jira = download(page, "Jira (CSV)", tmp_path)
    ics = download(page, "Calendar (.ics)", tmp_path)
    assert [asana.name, jira.name, ics.name] == [
        f"{play.id}-asana.csv",
        f"{play.id}-jira.csv",
        f"{play.id}.ics",
    ]

    # Asana: its own headers, one task per step, the role in the description, no assignee.
    rows = list(csv.DictReader(io.StringIO(asana.read_text(encoding="utf-8"), newline="")))
    assert list(rows[0]) == ["Name", "Description", "Section/Column", "Assignee", "Due Date"]
    assert [r["Name"] for r in rows] == [s.name for s in steps]
    for row, step in zip(rows, steps, strict=True):
        assert row["Assignee"] == ""
        assert f"Owner (role): {step.owner}" in row["Description"]
        assert row["Section/Column"] == step.section
        if step.due:
            assert row["Due Date"] == step.due.strftime("%m/%d/%Y")
        else:
            assert row["Due Date"] == ""
            assert row["Description"].startswith(f"No date: {step.timing}")

    # Jira: Summary, Description, Due date, and two Labels columns.
    table = list(csv.reader(io.StringIO(jira.read_text(encoding="utf-8"), newline="")))
    assert table[0] == ["Summary", "Description", "Due date", "Labels", "Labels"]
    for row, step in zip(table[1:], steps, strict=True):
        assert row[0] == step.name
        assert row[2] == (step.due.isoformat() if step.due else "")
        assert row[3] == play.id
        assert (row[4] == "no-date") is (step.due is None)

    # iCalendar: CRLF lines of at most 75 octets; one all-day event per dated step,
    # undated steps as to-dos without a date.
    raw = ics.read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert len(events) == len(dated)
    for event, step in zip(events, dated, strict=True):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert type(start) is dt.date and start == step.due
        assert end == start + dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == step.name
        assert f"Owner (role): {step.owner}" in str(event["DESCRIPTION"])
        assert "DTSTAMP" in event
    todos = calendar.walk("VTODO")
    assert len(todos) == len(steps) - len(dated)
    assert all(str(t["SUMMARY"]).startswith("No date") and "DUE" not in t for t in todos)
    uids = [str(c["UID"]) for c in [*events, *todos]]
    assert len(set(uids)) == len(uids)
    assert not watch.problems, watch.problems


@pytest.mark.parametrize("name", EDITIONS)
def test_plan_dates_and_a_download_with_the_keyboard_only(
    name: str, editions: dict[str, Edition], page: Page, watch: Watch, tmp_path: Path
) -> None:
    edition = editions[name]
    play, _ = dated_plan(edition.built, name)
    page.goto(edition.page_url(play.url))
    tab_to(page, "[data-ab-golive]")
    page.keyboard.type(GO_LIVE.strftime("%m%d%Y"))  # the field follows the page's lang="en"
    expect(page.get_by_label("Go-live date")).to_have_value(GO_LIVE.isoformat())
    tab_to(page, '[data-ab-download="ics"]')
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == f"{play.id}.ics"
    assert icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes()).walk("VEVENT")
    assert not watch.problems, watch.problems


# --- 3. the rollout timeline -----------------------------------------------------------------


@pytest.mark.parametrize("name", EDITIONS)
def test_timeline_eight_weeks_before_go_live_shows_what_is_overdue_and_next(
    name: str, editions: dict[str, Edition], page: Page, watch: Watch, artifacts: Path
) -> None:
    edition = editions[name]
    page.clock.set_fixed_time(MORNING)
    page.goto(edition.page_url(timeline_url(edition.built)))
    page.evaluate("localStorage.setItem('adoptbook:account', '{\"customer_name\": \"Acme\"}')")
    page.reload()
    page.get_by_label("Go-live date").fill(GO_LIVE.isoformat())

    entries = timeline_entries(edition.built, name)
    overdue = [e.text for e in entries if e.due < TODAY]
    upcoming = [e.start for e in entries if e.start > TODAY]
    nxt = [e.text for e in entries if upcoming and e.start == min(upcoming)]
    assert overdue and nxt, "the bundled plans start more than 8 weeks before go-live"

    status = page.locator(".ab-timeline-status")
    expect(status).to_contain_text("Today is Mon 4 Jan 2027, 8 weeks before go-live.")
    expect(status).to_contain_text(f"{len(overdue)} overdue")
    shown = page.locator(".ab-entry[data-ab-state=overdue]")
    expect(shown).to_have_count(len(overdue))
    texts = shown.evaluate_all("es => es.map(e => e.querySelector('strong, em').textContent)")
    assert Counter(texts) == Counter(overdue)
    expect(shown.first.locator(".ab-entry-state")).to_have_text("Overdue")
    following = page.locator(".ab-entry[data-ab-state=next]")
    texts = following.evaluate_all("es => es.map(e => e.querySelector('strong, em').textContent)")
    assert Counter(texts) == Counter(nxt)
    page.locator(".ab-entry[data-ab-state=next]").first.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / f"{name}-timeline-8-weeks-out.png")

    # The date went into the shared account record, next to what was already there,
    # so every plan (and message) now shows it.
    assert stored(page, "account") == {"customer_name": "Acme", "go_live_date": "2027-03-01"}
    plan, _ = dated_plan(edition.built, name)
    page.goto(edition.page_url(plan.url))
    expect(page.get_by_label("Go-live date")).to_have_value(GO_LIVE.isoformat())
    page.get_by_role("button", name="Clear the date").click()
    assert stored(page, "account") == {"customer_name": "Acme"}
    assert not watch.problems, watch.problems


# --- 4. without JavaScript, and axe-core -----------------------------------------------------


@pytest.mark.parametrize("name", EDITIONS)
def test_without_javascript_every_page_shows_its_content(
    name: str, editions: dict[str, Edition], browser: Browser
) -> None:
    edition = editions[name]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        found = assessment(edition.built, name)
        page.goto(edition.page_url(found.play.url))
        expect(page.locator(".ab-question legend")).to_have_count(len(found.items))
        expect(page.locator(".ab-if-not a").first).to_be_visible()
        for band in found.bands:
            expect(page.locator(".ab-bands")).to_contain_text(" ".join(band["label"].split()))
        expect(page.locator('.ab-question input[type="radio"]').first).to_be_hidden()
        expect(page.get_by_role("button", name="Clear answers")).to_be_hidden()

        plan, steps = dated_plan(edition.built, name)
        page.goto(edition.page_url(plan.url))
        expect(page.locator(".ab-plan ol > li")).to_have_count(len(steps))
        expect(page.get_by_label("Go-live date")).to_be_hidden()

        page.goto(edition.page_url(timeline_url(edition.built)))
        entries = page.locator(".ab-entry[data-ab-due]")
        expect(entries).to_have_count(len(timeline_entries(edition.built, name)))
        expect(entries.first).to_be_visible()
        expect(page.get_by_label("Go-live date")).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("name", EDITIONS)
def test_no_serious_or_critical_axe_violations_on_the_tools_in_use(
    name: str, editions: dict[str, Edition], page: Page, artifacts: Path
) -> None:
    edition = editions[name]
    axe = Axe()
    page.clock.set_fixed_time(MORNING)
    found = assessment(edition.built, name)
    plan, _ = dated_plan(edition.built, name)
    blocking = []
    for label, url in (
        ("assessment", found.play.url),
        ("plan", plan.url),
        ("timeline", timeline_url(edition.built)),
    ):
        page.goto(edition.page_url(url))
        if label == "assessment":
            answer(page, found.play.id, 1, "no")
            for number in range(2, len(found.items) + 1):
                answer(page, found.play.id, number, "yes")
            expect(page.locator(".ab-recommended a").first).to_be_visible()
        else:
            page.get_by_label("Go-live date").fill(GO_LIVE.isoformat())
            expect(page.locator("time").first).to_be_visible()
        violations = axe.run(page).response["violations"]
        report = artifacts / f"axe-{name}-{label}-in-use.json"
        report.write_text(json.dumps(violations, indent=2), encoding="utf-8")
        blocking += [
            f"{label}: {v['impact']}: {v['id']}: {v['help']}"
            for v in violations
            if v.get("impact") in ("serious", "critical")
        ]
    assert not blocking, "\n".join(blocking)
