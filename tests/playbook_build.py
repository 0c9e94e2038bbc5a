"""Real builds of a playbook in a temporary folder, with the real `adoptbook` command.

A project here is the repo's configuration and theme (mkdocs.yml, taxonomy.yml,
overrides/) with content (playbooks/, plays/, snippets/) from the repo itself or
from a fixture such as tests/fixtures/mini.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
CONFIG_PARTS = ("mkdocs.yml", "taxonomy.yml", "overrides")
CONTENT_PARTS = ("playbooks", "plays", "snippets")
EDITIONS = ("internal", "customer")


@dataclass(frozen=True)
class BuiltSite:
    """A project copied to a temporary folder and built with `adoptbook build`."""

    root: Path
    output: str  # everything `adoptbook build` printed

    def site(self, edition: str) -> Path:
        return self.root / "site" / edition

    def plays(self) -> list[Path]:
        return sorted((self.root / "plays").rglob("*.yml"))


def copy_project(target: Path, content_from: Path = ROOT) -> Path:
    """The repo's configuration and theme in `target`, with the content of `content_from`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in CONFIG_PARTS:
        _copy(ROOT / name, target / name)
    for name in CONTENT_PARTS:
        if (content_from / name).exists():
            _copy(content_from / name, target / name)
        else:
            (target / name).mkdir(exist_ok=True)
    return target


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("site"))
    else:
        shutil.copy(source, target)


def run_adoptbook(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real `adoptbook` command, run in `project` as a subprocess."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "adoptbook", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def build_copy(target: Path, content_from: Path) -> BuiltSite:
    root = copy_project(target, content_from)
    result = run_adoptbook(root, "build")
    output = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(
            f"`adoptbook build` of {content_from} failed (exit {result.returncode}):\n{output}",
            pytrace=False,
        )
    return BuiltSite(root, output)
