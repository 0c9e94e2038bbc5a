"""Whatever an editor saves, `check` answers with clean problems, never an exception.

Random YAML documents, random text and bytes, and random mutations of the real plays
go through the loader and every check. Each problem must point inside the file
(line >= 1, column >= 1) and be one line.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adoptbook.config import load_project
from adoptbook.pipeline import find_problems
from adoptbook.playtypes import TYPES
from adoptbook.problems import Problem
from helpers import ROOT, VALID_MYTH, make_project

FUZZ = "plays/myths/fuzz.yml"
# Read once: hypothesis replays draws, so the texts must not change during the run.
REAL_PLAYS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "plays").rglob("*.yml"))]
FIELDS = sorted(
    {name for model in (t.model for t in TYPES.values()) for name in model.model_fields}
)
WORDS = [*FIELDS, *TYPES, "internal", "customer", "go-live", "b2b", "csm", "text"]
FUZZ_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.dates().map(dt.date.isoformat)
    | st.sampled_from(WORDS)
    | st.text(max_size=30)
)
keys = st.sampled_from(WORDS) | st.text(min_size=1, max_size=12)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
    max_leaves=40,
)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    return load_project(make_project(root))


def check_file(project, content: str | bytes) -> list[Problem]:
    path = project.root / FUZZ
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    problems = find_problems(project, dt.date(2026, 11, 25))[1]
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    source_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for problem in problems:
        assert problem.path == FUZZ, problem
        assert problem.severity in ("error", "warning"), problem
        assert problem.message.strip(), problem
        assert "\n" not in problem.message and "\r" not in problem.message, problem
        assert 1 <= problem.line <= len(source_lines), problem
        assert 1 <= problem.column <= len(source_lines[problem.line - 1]) + 1, problem
    return problems


@FUZZ_SETTINGS
@given(data=documents)
def test_random_yaml_documents(project, data):
    check_file(project, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@FUZZ_SETTINGS
@given(
    data=st.dictionaries(st.sampled_from(FIELDS), documents, max_size=12),
    kind=st.sampled_from(list(TYPES)),
)
def test_random_play_shaped_documents(project, data, kind):
    data = {"type": kind, **data}
    check_file(project, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@FUZZ_SETTINGS
@given(content=st.text(max_size=300) | st.binary(max_size=300))
def test_random_text_and_bytes(project, content):
    check_file(project, content)


def _mutate(text: str, data: st.DataObject) -> str:
    lines = text.split("\n")
    kind = data.draw(st.sampled_from(["delete", "duplicate", "swap", "tab", "truncate"]))
    if kind in ("delete", "duplicate"):
        index = data.draw(st.integers(0, len(lines) - 1))
        lines[index : index + 1] = [] if kind == "delete" else [lines[index]] * 2
        return "\n".join(lines)
    at = data.draw(st.integers(0, max(len(text) - 2, 0)))
    if kind == "swap":
        return text[:at] + text[at + 1 : at + 2] + text[at : at + 1] + text[at + 2 :]
    if kind == "tab":
        return text[:at] + "\t" + text[at:]
    return text[:at]


@pytest.mark.skipif(not REAL_PLAYS, reason="no plays in the repository yet")
@FUZZ_SETTINGS
@given(data=st.data())
def test_mutated_real_plays(project, data):
    text = data.draw(st.sampled_from(REAL_PLAYS))
    for _ in range(data.draw(st.integers(1, 3))):
        text = _mutate(text, data)
    check_file(project, text)


def test_a_valid_play_gives_no_problems(project):
    """The baseline for the properties above: a clean play passes through check_file clean."""
    assert check_file(project, VALID_MYTH.replace("id: sample", "id: fuzz")) == []
