"""The edition filter leaves the loaded data alone and reuses what it does not change."""

from __future__ import annotations

import copy
from pathlib import Path

from adoptbook.config import Edition, load_project
from adoptbook.editions import for_edition
from adoptbook.loader import load_content
from sitekit import copy_project


def test_filtering_for_any_edition_never_changes_the_source(tmp_path: Path) -> None:
    project = load_project(copy_project(tmp_path / "p") / "mkdocs.yml")
    content = load_content(project)
    before = [copy.deepcopy(source.data) for source in content.plays]
    b2c = Edition("b2c", "customer", "customer", "b2c", None, tmp_path / "b2c")
    for edition in (project.edition("internal"), project.edition("customer"), b2c):
        for_edition(content, edition)
    assert [source.data for source in content.plays] == before


def test_the_internal_edition_shows_the_plays_as_loaded(tmp_path: Path) -> None:
    project = load_project(copy_project(tmp_path / "p") / "mkdocs.yml")
    content = load_content(project)
    shown = for_edition(content, project.edition("internal")).plays
    assert all(shown[source.play.id] is source.play for source in content.plays)
