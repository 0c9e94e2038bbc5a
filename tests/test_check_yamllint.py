"""The yamllint config (.yamllint, also run by pre-commit and CI) accepts the playbook."""

from __future__ import annotations

import subprocess
import sys

import pytest

from adoptbook.playtypes import TYPES
from helpers import ROOT, make_project, run_cli


def yamllint(*paths: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "yamllint", "-c", str(ROOT / ".yamllint"), "-f", "parsable"]
    return subprocess.run([*command, *paths], cwd=cwd, capture_output=True, text=True, check=False)


def test_plays_taxonomy_and_workflows_pass():
    done = yamllint("plays", "taxonomy.yml", "mkdocs.yml", ".github", ".pre-commit-config.yaml")
    errors = [line for line in done.stdout.splitlines() if "[error]" in line]
    assert errors == []
    assert done.returncode == 0


@pytest.mark.parametrize("play_type", list(TYPES))
def test_new_plays_pass(tmp_path, play_type):
    run_cli(make_project(tmp_path), "new", play_type, "some-id")
    done = yamllint(f"plays/{TYPES[play_type].folder}/some-id.yml", cwd=tmp_path)
    assert [line for line in done.stdout.splitlines() if "[error]" in line] == []
    assert done.returncode == 0


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("a: yes\n", "(truthy)"),
        ("a:\n  - x\nb:\n- y\n", "(indentation)"),
        ("a: 1\na: 2\n", "(key-duplicates)"),
    ],
)
def test_catches_what_it_is_for(tmp_path, text, rule):
    (tmp_path / "bad.yml").write_text(text)
    done = yamllint("bad.yml", cwd=tmp_path)
    assert rule in done.stdout
    assert done.returncode == 1
