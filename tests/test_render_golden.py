"""Golden files: the Markdown page of each fixture play, in each edition.

Refresh after an intended change, then review the diff:

    ADOPTBOOK_UPDATE_GOLDENS=1 pytest tests/test_render_golden.py
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from adoptbook.config import load_project
from adoptbook.pipeline import prepare_edition, render_pages
from sitekit import ROOT, copy_project

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("ADOPTBOOK_UPDATE_GOLDENS") == "1"
EDITIONS = ("internal", "customer")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    project = load_project(copy_project(tmp_path_factory.mktemp("golden")) / "mkdocs.yml")
    today = dt.date(2026, 11, 25)
    return {
        e: render_pages(prepare_edition(project, project.edition(e), today=today)) for e in EDITIONS
    }


def golden_cases() -> list[tuple[str, str]]:
    return sorted(
        (edition, path.relative_to(GOLDEN / edition).as_posix())
        for edition in EDITIONS
        for path in (GOLDEN / edition).rglob("*.md")
    )


@pytest.mark.parametrize(("edition", "uri"), golden_cases())
def test_page_matches_golden(rendered: dict[str, dict[str, str]], edition: str, uri: str) -> None:
    golden = GOLDEN / edition / uri
    actual = rendered[edition].get(uri)
    if UPDATE:
        golden.write_text(actual or "", encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), f"{edition}/{uri} differs from its golden"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_has_a_golden(rendered: dict[str, dict[str, str]], edition: str) -> None:
    if UPDATE:
        for uri, text in rendered[edition].items():
            target = GOLDEN / edition / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    goldens = {p.relative_to(GOLDEN / edition).as_posix() for p in (GOLDEN / edition).rglob("*.md")}
    assert goldens == set(rendered[edition]), "pages added or removed: refresh the goldens"


def test_goldens_cover_every_play_type_in_both_editions() -> None:
    for edition in EDITIONS:
        kinds = {
            line.split(": ", 1)[1]
            for path in Path(GOLDEN / edition / "plays").glob("*.md")
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("  type: ")
        }
        assert kinds == {"myth", "action-plan", "communication", "checklist", "guide"}
