"""Build editions: each in its own MkDocs process, all published together or not at all."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .config import Project
from .plugin import SITE_DIR_ENV
from .sitedir import StagedSite, publish

EDITION_ENV = "ADOPTBOOK_EDITION"


@dataclass
class EditionResult:
    name: str
    ok: bool
    output: str
    seconds: float
    site_dir: Path


def build_editions(
    project: Project, names: list[str], *, strict: bool = True
) -> list[EditionResult]:
    """Build `names` in parallel into staging folders; swap them in only if all succeed."""
    parents = dict.fromkeys(project.editions[name].site_dir.parent for name in names)
    made = [folder for folder in parents if not folder.exists()]
    staged = {name: StagedSite(project.editions[name].site_dir) for name in names}
    started = time.monotonic()
    running = {name: _start(project, name, staged[name].staging, strict) for name in names}
    results = []
    for name, process in running.items():
        output, _ = process.communicate()
        elapsed = time.monotonic() - started
        ok = process.returncode == 0 and staged[name].staging.is_dir()
        results.append(EditionResult(name, ok, output, elapsed, project.editions[name].site_dir))
    if all(r.ok for r in results):
        for name in names:
            publish(staged[name].staging, project.editions[name].site_dir)
    else:
        for site in staged.values():
            site.discard()
        for folder in made:  # no empty site/ left behind either
            with contextlib.suppress(OSError):
                folder.rmdir()
    return results


def _start(project: Project, name: str, staging: Path, strict: bool) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        EDITION_ENV: name,
        SITE_DIR_ENV: str(staging),
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project.config_file.resolve())]
    if strict:
        command.append("--strict")
    return subprocess.Popen(
        command,
        cwd=project.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
