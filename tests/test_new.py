"""`adoptbook new TYPE ID`: a valid, commented play in the right folder, never overwriting."""

from __future__ import annotations

import re

import pytest

from adoptbook.playtypes import TYPES
from adoptbook.yamlpos import parse
from helpers import VALID_MYTH, lines, make_project, run_cli

TOP_LEVEL_KEY = re.compile(r"^([a-z_]+):")
NESTED_KEY = re.compile(r"^ {2,}(?:- )?([a-z_]+):")


@pytest.mark.parametrize("play_type", list(TYPES))
def test_new_play_of_each_type_is_valid_but_strict_check_wants_it_filled_in(tmp_path, play_type):
    config = make_project(tmp_path)
    result = run_cli(config, "new", play_type, "some-id")
    path = f"plays/{TYPES[play_type].folder}/some-id.yml"
    assert result.stdout == f"wrote {path}\n"
    assert result.exit_code == 0
    text = (tmp_path / path).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/play.schema.json\n")
    assert parse(text, path).data["type"] == play_type

    checked = run_cli(config, "check")
    assert checked.exit_code == 0  # valid: it builds
    warnings = checked.stdout.splitlines()
    assert warnings and all(
        line.startswith(f"{path}:") and ": warning: " in line and "scaffold text left in" in line
        for line in warnings
    ), warnings
    assert run_cli(config, "check", "--strict").exit_code == 1  # CI wants it filled in
    filled = (tmp_path / path).read_text(encoding="utf-8").replace("TODO: ", "")
    (tmp_path / path).write_text(filled, encoding="utf-8")
    assert run_cli(config, "check", "--strict").stdout == ""


@pytest.mark.parametrize("play_type", list(TYPES))
def test_every_field_has_a_comment_above_it(tmp_path, play_type):
    config = make_project(tmp_path)
    run_cli(config, "new", play_type, "some-id")
    text = (tmp_path / "plays" / TYPES[play_type].folder / "some-id.yml").read_text()
    source = text.splitlines()
    written = set()
    for number, line in enumerate(source):
        match = TOP_LEVEL_KEY.match(line)
        if match:
            written.add(match.group(1))
            assert source[number - 1].startswith("# "), f"no comment above {line!r}"
    required = {name for name, f in TYPES[play_type].model.model_fields.items() if f.is_required()}
    assert required <= written


@pytest.mark.parametrize("play_type", list(TYPES))
def test_nested_fields_are_explained_in_their_parents_comment(tmp_path, play_type):
    config = make_project(tmp_path)
    run_cli(config, "new", play_type, "some-id")
    text = (tmp_path / "plays" / TYPES[play_type].folder / "some-id.yml").read_text()
    comment, parent = "", ""
    for line in text.splitlines():
        if line.startswith("# "):
            comment += " " + line[2:]
        elif match := TOP_LEVEL_KEY.match(line):
            parent, explained, comment = match.group(1), comment, ""
        elif (nested := NESTED_KEY.match(line)) and parent != "placeholders":
            assert f"{nested.group(1)} (" in explained, f"{parent}.{nested.group(1)}"


def test_refuses_to_overwrite(tmp_path):
    config = make_project(tmp_path)
    assert run_cli(config, "new", "guide", "some-id").exit_code == 0
    path = tmp_path / "plays/guides/some-id.yml"
    path.write_text(path.read_text().replace("TODO: a heading", "Why it matters"))
    before = path.read_bytes()

    again = run_cli(config, "new", "guide", "some-id")
    assert again.exit_code == 1
    assert again.stderr == (
        "Error: a play with id 'some-id' already exists: plays/guides/some-id.yml\n"
    )
    assert path.read_bytes() == before


def test_refuses_to_overwrite_a_file_that_is_not_a_valid_play(tmp_path):
    config = make_project(tmp_path, {"plays/guides/some-id.yml": "half: [written\n"})
    result = run_cli(config, "new", "guide", "some-id")
    assert result.exit_code == 1
    assert result.stderr == "Error: plays/guides/some-id.yml already exists; not overwriting it\n"
    assert (tmp_path / "plays/guides/some-id.yml").read_text() == "half: [written\n"


def test_refuses_an_id_used_by_another_play(tmp_path):
    config = make_project(tmp_path, {"plays/myths/sample.yml": VALID_MYTH})
    result = run_cli(config, "new", "guide", "sample")
    assert result.exit_code == 1
    assert "a play with id 'sample' already exists: plays/myths/sample.yml" in result.stderr
    assert not (tmp_path / "plays/guides/sample.yml").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "guide", "Not A Slug"], "'Not A Slug' is not a valid id"),
        (["new", "essay", "some-id"], "'essay' is not a play type; use one of myth, action-plan"),
        (["new", "guide"], "Missing argument 'ID'"),
    ],
)
def test_usage_errors(tmp_path, args, message):
    config = make_project(tmp_path)
    result = run_cli(config, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert list((tmp_path / "plays").rglob("*.yml")) == []


def test_new_play_is_written_where_check_finds_it(tmp_path):
    """The scaffold is checked like any play: filling it in wrongly gives a located error."""
    config = make_project(tmp_path)
    run_cli(config, "new", "myth", "some-id")
    path = tmp_path / "plays/myths/some-id.yml"
    text = path.read_text()
    path.write_text(text.replace("stages: [selection]", "stages: [selektion]"))
    number = text.splitlines().index("stages: [selection]") + 1
    result = run_cli(config, "check")
    assert [line for line in lines(result) if ": error: " in line] == [
        f"plays/myths/some-id.yml:{number}:10: error: stages[0]: 'selektion' is not a stage "
        "(did you mean 'selection'?)"
    ]
