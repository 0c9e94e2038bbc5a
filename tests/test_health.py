"""Playbook health: `adoptbook report` and the internal edition's health page.

The project is tests/fixtures/mini plus plays made to fall into each part of the
report: reviews due, gaps in coverage, plays without symptoms or links, variants
customers do not get, lonely placeholders and scaffold text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adoptbook.config import load_project
from adoptbook.health_report import heat_level
from adoptbook.pipeline import prepare_edition, render_pages
from helpers import run_cli
from sitekit import copy_project

TODAY = "2026-11-25"

OVERDUE = """\
id: overdue-guide
title: An overdue guide
type: guide
audience: internal
summary: Its review is long past.
sections:
  - heading: Why
    body: See [the myth](no-choice.md).
stages: [renewal]
symptoms: ["Nobody has read this in a year"]
owner: Team Alpha
reviewed: 2026-01-01
review_every: 90d
"""

DUE_SOON = """\
id: due-soon-myth
title: A myth due for review soon
type: myth
audience: [internal, customer]
summary: Its review is due within a month.
myth: It will sort itself out.
reality: It will not.
why_it_matters: Waiting costs a quarter.
instead: [Plan the first week.]
stages: [go-live]
segments: [b2c]
tiers: [tech-touch]
variants:
  tiers:
    tech-touch:
      text: Only CSMs see this tech-touch advice.
      audience: internal
related: [overdue-guide]
owner: Team Beta
reviewed: 2026-09-01
review_every: 90d
"""

HEALTH_PAGE = """\
---
title: Playbook health
audience: internal
---

# Playbook health

{{ health_report() }}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("health") / "p")
    (root / "plays/guides/overdue-guide.yml").write_text(OVERDUE, encoding="utf-8")
    (root / "plays/myths/due-soon-myth.yml").write_text(DUE_SOON, encoding="utf-8")
    (root / "playbooks/health.md").write_text(HEALTH_PAGE, encoding="utf-8")
    result = run_cli(root / "mkdocs.yml", "new", "checklist", "half-done")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def report(project: Path) -> dict:
    result = run_cli(project / "mkdocs.yml", "report", "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ids(refs: list[dict]) -> list[str]:
    return sorted(ref["id"] for ref in refs)


def test_reviews_due_or_overdue_by_owner_with_dates(report: dict) -> None:
    reviews = [
        (r["owner"], r["play"]["id"], r["reviewed"], r["due"], r["overdue"])
        for r in report["reviews"]
    ]
    assert reviews == [
        ("Team Alpha", "overdue-guide", "2026-01-01", "2026-04-01", True),
        ("Team Beta", "due-soon-myth", "2026-09-01", "2026-11-30", False),
    ]
    assert report["due_soon_days"] == 30
    assert "no-choice" not in ids(report["no_review_cycle"])  # it has review_every
    assert "csm-strategy" in ids(report["no_review_cycle"])


def test_coverage_counts_every_cell_and_shows_the_gaps(report: dict) -> None:
    coverage = report["coverage"]
    cells = {
        (c["stage"], c["type"], c["segment"], c["tier"]): c["plays"] for c in coverage["cells"]
    }
    stages, types = coverage["stages"], coverage["types"]
    segments, tiers = coverage["segments"], coverage["tiers"]
    assert len(cells) == len(stages) * len(types) * len(segments) * len(tiers)
    assert "sustain" in stages  # declared terms no play uses are rows too: they are gaps
    assert cells[("go-live", "myth", "b2c", "tech-touch")] == 1  # due-soon-myth
    assert cells[("go-live", "myth", "b2c", "high-touch")] == 0
    assert cells[("go-live", "myth", "b2b", "tech-touch")] == 1  # no-choice: b2b, every tier
    assert cells[("go-live", "myth", "b2b", "mid-touch")] == 1
    assert cells[("sustain", "guide", "b2b", "high-touch")] == 0
    assert coverage["gaps"] == sum(1 for n in cells.values() if n == 0) > 0


def test_gaps_in_the_plays(report: dict) -> None:
    assert ids(report["without_symptoms"]) == [
        "before-you-buy",
        "critical-path",
        "csm-strategy",
        "due-soon-myth",
    ]
    unlinked = ids(report["unlinked"])
    assert "overdue-guide" not in unlinked  # due-soon-myth names it as related
    assert "no-choice" not in unlinked  # overdue-guide links to it
    assert "supervisor-targets" not in unlinked  # critical-path links to it
    assert {"before-you-buy", "go-live-note", "half-done"} <= set(unlinked)
    gaps = {
        (g["play"]["id"], g["kind"], g["value"], g["internal_only"]) for g in report["variant_gaps"]
    }
    assert gaps == {
        ("no-choice", "tiers", "mid-touch", False),  # tier variants, none for mid-touch
        ("due-soon-myth", "tiers", "tech-touch", True),  # written, but internal only
    }
    lonely = {(p["name"], p["play"]["id"]) for p in report["lonely_placeholders"]}
    assert ("system_name", "go-live-note") in lonely
    [scaffold] = report["scaffold_left"]
    assert scaffold["play"]["id"] == "half-done"
    assert "title" in scaffold["fields"] and "items[0].question" in scaffold["fields"]


def test_size_counts_each_edition(report: dict, project: Path) -> None:
    sizes = {s["name"]: s for s in report["sizes"]}
    assert sizes["internal"]["plays"] == 9
    assert sizes["customer"]["plays"] == 6  # csm-strategy, overdue-guide, half-done: internal
    audiences = [
        next(line for line in p.read_text(encoding="utf-8").splitlines() if "audience:" in line)
        for p in (project / "playbooks").glob("*.md")
    ]
    assert sizes["internal"]["pages"] == sum("internal" in a for a in audiences)
    assert sizes["customer"]["pages"] == sum("customer" in a for a in audiences)
    assert sizes["customer"]["pages"] < sizes["internal"]["pages"]
    assert sizes["customer"]["plays_by_type"]["myth"] == 2


def test_the_markdown_report_has_every_part(project: Path) -> None:
    result = run_cli(project / "mkdocs.yml", "report", "--today", TODAY)
    assert result.exit_code == 0
    text = result.stdout
    for heading in ("## Reviews", "### Team Alpha", "## Coverage", "## Gaps", "## Size"):
        assert f"\n{heading}\n" in text
    assert "| An overdue guide (`overdue-guide`) | 2026-01-01 | 2026-04-01 | **overdue** |" in text
    assert "<span" not in text  # plain Markdown in a terminal; the page has the heat-map


def test_a_customer_edition_has_no_report(project: Path) -> None:
    result = run_cli(project / "mkdocs.yml", "report", "--edition", "customer")
    assert result.exit_code == 2
    assert "edition 'customer' is not internal" in result.output


def test_the_page_is_in_the_internal_edition_only(project: Path) -> None:
    config = load_project(project / "mkdocs.yml")
    internal = render_pages(prepare_edition(config, config.editions["internal"]))
    customer = render_pages(prepare_edition(config, config.editions["customer"]))
    page = internal["health.md"]
    assert '<span class="ab-heat ab-heat-0">0</span>' in page
    assert '<span class="ab-bar" aria-hidden="true">' in page
    assert "[An overdue guide](plays/overdue-guide.md)" in page
    assert "@media print" in page
    assert "health.md" not in customer
    assert not any("ab-heat" in text or "Playbook health" in text for text in customer.values())


def test_the_macro_on_a_customer_page_is_a_check_error(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    (root / "playbooks/leaky.md").write_text(
        HEALTH_PAGE.replace("audience: internal", "audience: [internal, customer]"),
        encoding="utf-8",
    )
    result = run_cli(root / "mkdocs.yml", "check")
    assert result.exit_code == 1
    assert "playbooks/leaky.md:8:1: error: macro error: health_report() shows internal data" in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("count", "largest", "level"),
    [(0, 5, 0), (1, 5, 1), (3, 5, 3), (5, 5, 4), (1, 1, 4), (2, 9, 1), (8, 9, 4)],
)
def test_heat_levels(count: int, largest: int, level: int) -> None:
    assert heat_level(count, largest) == level
