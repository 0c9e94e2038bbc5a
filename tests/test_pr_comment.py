"""scripts/pr-comment: one edition-diff comment per pull request, posted once, then updated.

A stand-in `gh` on PATH answers the comment listing from a file and records every
call, so the script's choice between posting and updating is tested without GitHub.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from adoptbook.diff_report import MARKER
from sitekit import ROOT

SCRIPT = ROOT / "scripts" / "pr-comment"
FAKE_GH = """\
#!{python}
import json, os, sys
with open(os.environ["GH_LOG"], "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if "--method" not in sys.argv:
    sys.stdout.write(open(os.environ["GH_PAGES"]).read())
"""


def run_script(tmp_path: Path, pages: list[list[dict]]) -> tuple[subprocess.CompletedProcess, list]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    gh.chmod(0o755)
    (tmp_path / "pages.json").write_text("".join(json.dumps(page) for page in pages))
    body = tmp_path / "diff.md"
    body.write_text(f"{MARKER}\n## Edition diff\n", encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GH_LOG": str(tmp_path / "calls.log"),
        "GH_PAGES": str(tmp_path / "pages.json"),
        "GITHUB_REPOSITORY": "acme/playbook",
    }
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "7", str(body)], env=env, capture_output=True, text=True
    )
    log = tmp_path / "calls.log"
    calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    return done, calls


def comment(number: int, body: str, login: str = "github-actions[bot]") -> dict:
    return {"id": number, "body": body, "user": {"login": login}}


def test_the_first_run_posts_a_comment(tmp_path: Path) -> None:
    done, calls = run_script(tmp_path, [[comment(1, "Looks good to me", "reviewer")]])
    assert done.returncode == 0, done.stderr
    assert calls[0] == ["api", "--paginate", "repos/acme/playbook/issues/7/comments?per_page=100"]
    body = f"body=@{tmp_path / 'diff.md'}"
    assert calls[1] == [
        "api",
        "--method",
        "POST",
        "repos/acme/playbook/issues/7/comments",
        "-F",
        body,
    ]
    assert len(calls) == 2


def test_a_later_run_updates_the_bots_comment_only(tmp_path: Path) -> None:
    pages = [
        [comment(1, f"quoting {MARKER}", "reviewer"), comment(2, f"{MARKER}\nby hand", "someone")],
        [comment(3, "unrelated"), comment(4, f"{MARKER}\n## Edition diff\nold")],
    ]
    done, calls = run_script(tmp_path, pages)
    assert done.returncode == 0, done.stderr
    assert calls[1][1:4] == ["--method", "PATCH", "repos/acme/playbook/issues/comments/4"]
    assert "updated the edition diff comment 4" in done.stdout


def test_the_marker_is_the_one_adoptbook_diff_writes() -> None:
    assert f'MARKER = "{MARKER}"' in SCRIPT.read_text(encoding="utf-8")
