"""`adoptbook check` as a command: exit codes, warnings, --strict, JSON, GitHub annotations."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from helpers import ROOT, VALID_MYTH, check, lines, make_project, page, run_cli

SAMPLE = "plays/myths/sample.yml"
OVERDUE = VALID_MYTH.replace("reviewed: 2026-11-01", "reviewed: 2025-01-01\nreview_every: 180d")
OVERDUE_LINE = (
    f"{SAMPLE}:14:11: warning: reviewed: review overdue since 2025-06-30 "
    "(last reviewed 2025-01-01, review_every 180d)"
)
BROKEN = VALID_MYTH.replace("stages: [planning, go-live]", "stages: [planning, go-life]")
BROKEN_LINE = (
    f"{SAMPLE}:12:20: error: stages[1]: 'go-life' is not a stage (did you mean 'go-live'?)"
)


def test_clean_project_exits_0(tmp_path):
    config = make_project(tmp_path, {SAMPLE: VALID_MYTH, "playbooks/index.md": page("customer")})
    result = check(config)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "0 error(s), 0 warning(s)\n"


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    config = make_project(
        tmp_path,
        {
            SAMPLE: BROKEN,
            "plays/myths/other.yml": "- a list\n",
            "playbooks/index.md": page(None),
        },
    )
    result = check(config)
    assert lines(result) == [
        "playbooks/index.md:1:1: error: front matter needs 'audience: internal', "
        "'audience: customer' or 'audience: [internal, customer]'",
        "plays/myths/other.yml:1:1: error: a play must be a mapping of fields, not a list",
        BROKEN_LINE,
    ]
    assert result.stderr == "3 error(s), 0 warning(s)\n"
    assert result.exit_code == 1


def test_overdue_review_is_a_warning(tmp_path):
    config = make_project(tmp_path, {SAMPLE: OVERDUE})
    result = check(config)
    assert lines(result) == [OVERDUE_LINE]
    assert result.stderr == "0 error(s), 1 warning(s)\n"
    assert result.exit_code == 0


def test_strict_fails_on_warnings(tmp_path):
    config = make_project(tmp_path, {SAMPLE: OVERDUE})
    result = check(config, "--strict")
    assert lines(result) == [OVERDUE_LINE]
    assert result.exit_code == 1


def test_review_in_the_future_is_a_warning(tmp_path):
    config = make_project(tmp_path, {SAMPLE: VALID_MYTH.replace("2026-11-01", "2027-01-01")})
    result = check(config)
    assert lines(result) == [f"{SAMPLE}:14:11: warning: reviewed: 2027-01-01 is in the future"]
    assert result.exit_code == 0


def test_json_format(tmp_path):
    config = make_project(tmp_path, {SAMPLE: BROKEN, "plays/myths/overdue.yml": OVERDUE})
    result = check(config, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert problems == [
        {
            "path": "plays/myths/overdue.yml",
            "line": 2,
            "column": 5,
            "message": "id: 'sample' differs from the file name 'overdue.yml'; "
            "name the file sample.yml",
            "severity": "warning",
        },
        {
            "path": "plays/myths/overdue.yml",
            "line": 14,
            "column": 11,
            "message": "reviewed: review overdue since 2025-06-30 "
            "(last reviewed 2025-01-01, review_every 180d)",
            "severity": "warning",
        },
        {
            "path": SAMPLE,
            "line": 2,
            "column": 5,
            "message": "id: 'sample' is already used by plays/myths/overdue.yml:2; "
            "ids must be unique",
            "severity": "error",
        },
        {
            "path": SAMPLE,
            "line": 12,
            "column": 20,
            "message": "stages[1]: 'go-life' is not a stage (did you mean 'go-live'?)",
            "severity": "error",
        },
    ]


def test_json_format_when_clean_is_an_empty_list(tmp_path):
    result = check(make_project(tmp_path, {SAMPLE: VALID_MYTH}), "--format", "json")
    assert json.loads(result.stdout) == []
    assert result.exit_code == 0


def test_github_actions_annotations(tmp_path):
    config = make_project(tmp_path, {SAMPLE: BROKEN, "plays/myths/overdue.yml": OVERDUE})
    result = check(config, github=True)
    annotations = [line for line in lines(result) if line.startswith("::")]
    assert annotations == [
        "::warning file=plays/myths/overdue.yml,line=2,col=5::id: 'sample' differs from the "
        "file name 'overdue.yml'; name the file sample.yml",
        "::warning file=plays/myths/overdue.yml,line=14,col=11::reviewed: review overdue since "
        "2025-06-30 (last reviewed 2025-01-01, review_every 180d)",
        f"::error file={SAMPLE},line=2,col=5::id: 'sample' is already used by "
        "plays/myths/overdue.yml:2; ids must be unique",
        f"::error file={SAMPLE},line=12,col=20::stages[1]: 'go-life' is not a stage "
        "(did you mean 'go-live'?)",
    ]
    assert BROKEN_LINE in lines(result)
    assert result.exit_code == 1


def test_no_annotations_outside_github_actions(tmp_path):
    result = check(make_project(tmp_path, {SAMPLE: BROKEN}))
    assert lines(result) == [BROKEN_LINE]


def test_missing_config_is_a_configuration_error(tmp_path):
    result = run_cli(tmp_path / "mkdocs.yml", "check")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "mkdocs.yml: error: no such file (run from the folder with mkdocs.yml)"
    )


def test_unknown_option_is_a_usage_error(tmp_path):
    result = run_cli(make_project(tmp_path), "check", "--bogus")
    assert result.exit_code == 2
    assert "No such option '--bogus'" in result.stderr


def test_unknown_format_is_a_usage_error(tmp_path):
    result = run_cli(make_project(tmp_path), "check", "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of 'text', 'json'" in result.stderr


def test_broken_taxonomy_is_reported_with_its_line(tmp_path):
    config = make_project(tmp_path, {SAMPLE: VALID_MYTH})
    taxonomy = tmp_path / "taxonomy.yml"
    taxonomy.write_text(
        taxonomy.read_text().replace("  go-live:\n    label:", "  go-live:\n    lable:")
    )
    result = check(config)
    assert lines(result)[:2] == [
        "taxonomy.yml:38:5: error: stages.go-live: missing required field 'label'",
        "taxonomy.yml:38:5: error: stages.go-live: unknown field 'lable' (did you mean 'label'?)",
    ]
    assert result.exit_code == 1


def test_real_subprocess(tmp_path):
    """`python -m adoptbook` in a real process: one line, exit 1, only the tally on stderr."""
    config = make_project(tmp_path, {SAMPLE: BROKEN})
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    done = subprocess.run(
        [sys.executable, "-m", "adoptbook", "-f", str(config), "check", "--today", "2026-11-25"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.stdout.splitlines() == [BROKEN_LINE]
    assert done.stderr == "1 error(s), 0 warning(s)\n"
    assert done.returncode == 1


def test_the_bundled_plays_pass(tmp_path):
    """The playbook in this repository has no errors (warnings such as due reviews aside)."""
    result = run_cli(ROOT / "mkdocs.yml", "check")
    assert [line for line in lines(result) if ": error: " in line] == []
    assert result.exit_code == 0
