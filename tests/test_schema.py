"""The JSON Schema files editors rely on (VS Code YAML) are committed, fresh and referenced."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from adoptbook.schema import PLAY_SCHEMA, TAXONOMY_SCHEMA, schema_files
from adoptbook.taxonomy import Taxonomy
from adoptbook.yamlpos import load_file
from helpers import ROOT, make_project, run_cli

SCHEMA_DIR = ROOT / "plays" / "schema"
HEADER = "# yaml-language-server: $schema="
PLAYS = sorted(p for p in (ROOT / "plays").rglob("*.y*ml"))


def repo_taxonomy() -> Taxonomy:
    return Taxonomy.model_validate(load_file(ROOT / "taxonomy.yml", "taxonomy.yml").data)


@pytest.mark.parametrize("name", [PLAY_SCHEMA, TAXONOMY_SCHEMA])
def test_committed_schema_is_fresh(name):
    expected = schema_files(repo_taxonomy())[name]
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == expected, (
        f"plays/schema/{name} is stale (the play model or taxonomy.yml changed): "
        "run `make schema` and commit the result"
    )


def test_schema_command_writes_the_same_files(tmp_path):
    config = make_project(tmp_path)
    result = run_cli(config, "schema")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"wrote plays/schema/{PLAY_SCHEMA}",
        f"wrote plays/schema/{TAXONOMY_SCHEMA}",
    ]
    for name, text in schema_files(repo_taxonomy()).items():
        assert (tmp_path / "plays/schema" / name).read_text(encoding="utf-8") == text


def test_play_schema_offers_the_taxonomy_values():
    """What makes VS Code complete 'go-live' and flag 'go-life' while typing."""
    schema = json.loads((SCHEMA_DIR / PLAY_SCHEMA).read_text(encoding="utf-8"))
    stages = schema["$defs"]["MythPlay"]["properties"]["stages"]["items"]["enum"]
    assert stages == list(repo_taxonomy().stages)
    assert schema["discriminator"]["propertyName"] == "type"


@pytest.mark.parametrize("path", PLAYS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_play_starts_with_the_schema_line(path: Path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith(HEADER), f"{path.relative_to(ROOT)}: line 1 must be {HEADER}..."
    target = (path.parent / first.removeprefix(HEADER)).resolve()
    assert target == (SCHEMA_DIR / PLAY_SCHEMA).resolve(), f"{path}: points at {target}"


def test_taxonomy_starts_with_its_schema_line():
    first = (ROOT / "taxonomy.yml").read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == f"{HEADER}{os.path.relpath(SCHEMA_DIR / TAXONOMY_SCHEMA, ROOT)}"
