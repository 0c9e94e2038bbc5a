"""CONTRIBUTING.md's examples stay true: its play passes, its error line is what check prints."""

from __future__ import annotations

import re
import shutil

import pytest

from adoptbook.yamlpos import parse
from helpers import ROOT, check, lines, make_project

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^ *```(\w+)\n(.*?)^ *```$", GUIDE, re.MULTILINE | re.DOTALL)
YAML_BLOCKS = [text for kind, text in BLOCKS if kind == "yaml"]
EXAMPLE_PLAY = next(text for text in YAML_BLOCKS if "\nid: " in text)
EXAMPLE_ERROR = next(text for kind, text in BLOCKS if kind == "text").strip()


@pytest.fixture
def repo_copy(tmp_path):
    """The real playbook, with CONTRIBUTING's example in place of plays/myths/no-choice.yml."""
    config = make_project(tmp_path)
    shutil.rmtree(tmp_path / "plays")
    shutil.copytree(ROOT / "plays", tmp_path / "plays")
    (tmp_path / "plays/myths/no-choice.yml").write_text(EXAMPLE_PLAY, encoding="utf-8")
    return config


def test_example_play_passes_the_check(repo_copy):
    result = check(repo_copy)
    assert [line for line in lines(result) if "no-choice.yml" in line] == []


def test_example_error_line_is_what_check_prints(repo_copy):
    play = repo_copy.parent / "plays/myths/no-choice.yml"
    play.write_text(EXAMPLE_PLAY.replace("go-live, adoption]", "go-life, adoption]"))
    result = check(repo_copy)
    assert EXAMPLE_ERROR in lines(result)
    assert result.exit_code == 1


@pytest.mark.parametrize("text", YAML_BLOCKS)
def test_every_yaml_example_is_valid_yaml(text):
    parse(text, "CONTRIBUTING.md")
