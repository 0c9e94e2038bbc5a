"""Small fixture projects and a CLI runner shared by the tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from adoptbook.cli import main

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-25"

# A minimal valid play; the tests below count on its line numbers.
VALID_MYTH = """\
# yaml-language-server: $schema=../schema/play.schema.json
id: sample
title: A sample myth
type: myth
audience: [internal, customer]
summary: One sentence a CSM can read aloud.
myth: It is mandatory, so everyone will use it.
reality: People still choose how well they use it.
why_it_matters: Half-used systems lose the renewal.
instead:
  - Map what changes for each role.
stages: [planning, go-live]
owner: CS Enablement
reviewed: 2026-11-01
"""


def make_project(root: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """A project in `root` with the repo's mkdocs.yml, taxonomy.yml and brands, plus `files`.

    Returns the path of its mkdocs.yml.
    """
    for name in ("mkdocs.yml", "taxonomy.yml"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "overrides" / "brands", root / "overrides" / "brands")
    (root / "plays").mkdir(exist_ok=True)
    (root / "playbooks").mkdir(exist_ok=True)
    for name, content in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root / "mkdocs.yml"


def run_cli(config: Path, *args: str, github: bool = False) -> Result:
    """Run `adoptbook -f CONFIG ARGS` in-process; fail on any exception but an exit."""
    env = {"GITHUB_ACTIONS": "true" if github else None, "NO_MKDOCS_2_WARNING": "1"}
    result = CliRunner().invoke(main, ["-f", str(config), *args], env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    return result


def check(config: Path, *args: str, github: bool = False) -> Result:
    return run_cli(config, "check", "--today", TODAY, *args, github=github)


def lines(result: Result) -> list[str]:
    return result.stdout.splitlines()


VALID_COMMUNICATION = """\
# yaml-language-server: $schema=../schema/play.schema.json
id: welcome
title: Welcome email
type: communication
audience: [internal, customer]
summary: Announce go-live to everyone who will use the system.
stages: [go-live]
sender: adoption-owner
recipients: [end-user]
channel: email
send_when: at go-live
subject: "{customer_name} goes live on {go_live_date}"
body: |
  Hello team,

  From {go_live_date} we work in the new system.
placeholders:
  customer_name: The customer's company name
  go_live_date: The go-live date
owner: CS Enablement
reviewed: 2026-11-01
"""


def page(audience: str | None, body: str = "# A page\n") -> str:
    """A playbook page with front matter (or none when `audience` is None)."""
    if audience is None:
        return body
    return f"---\ntitle: A page\naudience: {audience}\n---\n{body}"
