"""The parse cache: a second run re-parses only the files that changed, and never goes stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from adoptbook import loader
from adoptbook.config import load_project
from adoptbook.pipeline import find_problems
from helpers import VALID_MYTH, make_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ADOPTBOOK_CACHE_DIR", str(tmp_path / "cache"))
    files = {f"plays/myths/sample-{i}.yml": VALID_MYTH.replace("id: sample", f"id: sample-{i}")
             for i in range(3)}  # fmt: skip
    (tmp_path / "p").mkdir()
    return make_project(tmp_path / "p", files).parent


def parsed_files(config: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The files one check parses, and the problems it finds."""
    seen: list[str] = []
    real = loader.parse

    def counting(text: str, display: str, **kwargs):
        seen.append(display)
        return real(text, display, **kwargs)

    monkeypatch.setattr(loader, "parse", counting)
    problems = find_problems(load_project(config))[1]
    plays = sorted(d for d in seen if d.startswith("plays/"))
    return plays, [p.format() for p in problems if p.severity == "error"]


def test_second_run_parses_only_the_changed_file(project: Path, monkeypatch) -> None:
    config = project / "mkdocs.yml"
    first, _ = parsed_files(config, monkeypatch)
    assert len(first) == 3
    assert parsed_files(config, monkeypatch) == ([], [])
    changed = project / "plays/myths/sample-1.yml"
    changed.write_text(changed.read_text().replace("stages: [planning", "stages: [plan"))
    plays, errors = parsed_files(config, monkeypatch)
    assert plays == ["plays/myths/sample-1.yml"]
    assert errors == [
        "plays/myths/sample-1.yml:12:10: error: stages[0]: 'plan' is not a stage "
        "(did you mean 'planning'?)"
    ]


def test_an_unreadable_cache_is_only_a_slower_run(project: Path, monkeypatch, tmp_path) -> None:
    config = project / "mkdocs.yml"
    parsed_files(config, monkeypatch)
    for file in (tmp_path / "cache").iterdir():
        file.write_bytes(b"not a pickle")
    plays, errors = parsed_files(config, monkeypatch)
    assert len(plays) == 3 and errors == []


def test_the_cache_can_be_turned_off(project: Path, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("ADOPTBOOK_CACHE_DIR", "off")
    config = project / "mkdocs.yml"
    assert len(parsed_files(config, monkeypatch)[0]) == 3
    assert len(parsed_files(config, monkeypatch)[0]) == 3
    assert not (tmp_path / "cache").exists()
