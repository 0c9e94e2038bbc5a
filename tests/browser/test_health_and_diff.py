"""The playbook health page in a browser, and the pull-request comment of `adoptbook diff`.

The health page of the bundled playbook: a heat-map and bars without JavaScript, no
serious or critical axe-core violation, a clean print layout, and no such page in
the customer edition. The diff comment: rendered as GitHub renders Markdown
(CommonMark, tables, raw <details>), the customer sentences are on show and the page
diffs folded until opened. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from journey_kit import Edition
from markdown_it import MarkdownIt
from playwright.sync_api import Page, expect

from helpers import run_cli
from sitekit import copy_project

pytestmark = pytest.mark.browser

HEALTH = "csm/health/"
VIEWPORT = {"width": 1280, "height": 900}


def test_health_page_shows_a_heat_map_and_bars_without_javascript(
    internal: Edition, browser, artifacts: Path
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORT)
    page = context.new_page()
    try:
        response = page.goto(internal.page_url(HEALTH))
        assert response is not None and response.status == 200
        for part in ("Reviews", "Coverage", "Gaps", "Size"):
            expect(page.locator("article h2", has_text=part).first).to_be_visible()
        gap = page.locator(".ab-heat-0").first
        expect(gap).to_be_visible()
        colour = gap.evaluate("cell => getComputedStyle(cell).backgroundColor")
        assert colour == "rgb(253, 226, 225)", colour  # gaps stand out before any script runs
        bar = page.locator(".ab-bar > span").first
        assert bar.evaluate("bar => bar.getBoundingClientRect().width") > 0
        page.locator("article h2", has_text="Coverage").scroll_into_view_if_needed()
        page.screenshot(path=artifacts / "internal-health.png")
    finally:
        context.close()


def test_health_page_has_no_serious_accessibility_violation(
    internal: Edition, page: Page, artifacts: Path
) -> None:
    page.goto(internal.page_url(HEALTH))
    violations = Axe().run(page).response["violations"]
    (artifacts / "axe-internal-health.json").write_text(json.dumps(violations, indent=2))
    blocking = [v["id"] for v in violations if v.get("impact") in ("serious", "critical")]
    assert not blocking


def test_health_page_prints_without_site_chrome(
    internal: Edition, page: Page, artifacts: Path
) -> None:
    page.goto(internal.page_url(HEALTH))
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    cell = page.locator(".ab-heat-0").first
    assert cell.evaluate("c => getComputedStyle(c).printColorAdjust") == "exact"
    page.screenshot(path=artifacts / "internal-health-print.png", full_page=True)
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF")
    (artifacts / "internal-health.pdf").write_bytes(pdf)


def test_the_customer_edition_has_no_health_page(customer: Edition, page: Page) -> None:
    response = page.goto(customer.page_url(HEALTH))
    assert response is not None and response.status == 404
    page.goto(customer.url)
    assert page.locator('a[href*="health"]').count() == 0


# --- the pull-request comment -----------------------------------------------------

NEW_PLAY = """\
id: first-week
title: The first week after go-live
type: guide
audience: [internal, customer]
summary: Keep the first week small and visible.
sections:
  - heading: Every morning
    body: Walk the floor and ask one team what slowed them down.
  - heading: Account notes
    body: Record which teams struggled, for the renewal review.
    audience: internal
stages: [go-live]
owner: CS Enablement
reviewed: 2026-11-01
"""

GITHUB_LIKE_CSS = """
body { font: 14px/1.5 -apple-system, "Segoe UI", sans-serif; max-width: 900px; margin: 2rem auto; }
table { border-collapse: collapse; } th, td { border: 1px solid #d0d7de; padding: 4px 10px; }
pre { background: #f6f8fa; padding: 8px; overflow: auto; } blockquote { color: #57606a; }
summary { cursor: pointer; font-weight: 600; }
"""


def _comment(tmp_path: Path) -> str:
    repo = copy_project(tmp_path / "playbook")
    git = ["git", "-C", str(repo), "-c", "user.name=T", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "base"], check=True)
    (repo / "plays/guides/first-week.yml").write_text(NEW_PLAY, encoding="utf-8")
    result = run_cli(repo / "mkdocs.yml", "diff", "HEAD")
    assert result.exit_code == 3
    return result.stdout


def test_the_comment_reads_well_in_a_browser(tmp_path: Path, page: Page, artifacts: Path) -> None:
    body = MarkdownIt("commonmark", {"html": True}).enable("table").render(_comment(tmp_path))
    html = f"<!doctype html><meta charset=utf-8><style>{GITHUB_LIKE_CSS}</style>{body}"
    (artifacts / "diff-comment.html").write_text(html, encoding="utf-8")
    page.set_content(html)

    expect(page.get_by_role("table")).to_be_visible()
    sentence = page.get_by_text("Walk the floor and ask one team what slowed them down.")
    expect(sentence.first).to_be_visible()  # the customer sentences are not folded
    assert page.get_by_text("Record which teams struggled").count() == 0
    diff_block = page.locator("details pre").first
    expect(diff_block).to_be_hidden()
    page.screenshot(path=artifacts / "diff-comment.png", full_page=True)

    diff_block.locator("xpath=ancestor::details[1]/summary").click()
    expect(diff_block).to_be_visible()
    page.screenshot(path=artifacts / "diff-comment-open.png", full_page=True)
