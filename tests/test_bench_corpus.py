"""The benchmark's synthetic playbook (scripts/gen_corpus.py) is valid and realistic.

Only correctness is tested here; performance is measured by scripts/bench, never by tests.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import yaml

from adoptbook.cli import run_checks
from adoptbook.config import load_project
from adoptbook.problems import errors

ROOT = Path(__file__).resolve().parents[1]


def _gen_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "scripts" / "gen_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _plays(project: Path) -> dict[str, str]:
    return {
        path.relative_to(project).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((project / "plays").rglob("*.yml"))
    }


def test_generated_playbook_passes_check_and_has_every_feature(tmp_path: Path) -> None:
    config = _gen_corpus().generate(tmp_path / "p", 20)
    assert errors(run_checks(load_project(config))) == []
    plays = [yaml.safe_load(text) for text in _plays(tmp_path / "p").values()]
    assert len(plays) == 20
    types = {"myth", "action-plan", "communication", "checklist", "guide"}
    assert {p["type"] for p in plays} == types
    internal_only = [p for p in plays if p["audience"] == "internal"]
    assert 3 <= len(internal_only) <= 7
    assert all(p["related"] for p in plays)
    assert any("coaching" in p for p in plays)
    assert any("variants" in p and "tiers" in p["variants"] for p in plays)
    assert any(p.get("symptoms") for p in plays)
    assert "audience: internal\n" in "".join(_plays(tmp_path / "p").values())  # item-level
    checklists = [p for p in plays if p["type"] == "checklist"]
    assert all(p["results"] for p in checklists)
    assert any(item.get("if_not") for p in checklists for item in p["items"])


def test_generation_is_deterministic(tmp_path: Path) -> None:
    gen = _gen_corpus()
    gen.generate(tmp_path / "a", 20, check=False)
    gen.generate(tmp_path / "b", 20, check=False)
    assert _plays(tmp_path / "a") == _plays(tmp_path / "b")
