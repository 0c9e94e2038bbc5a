"""`adoptbook build`: each edition in its own MkDocs process, published together or not at all.

The content is checked once, by the caller, before any edition starts; each edition's
process is told so (with a digest of the sources it checked) and only filters and renders.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .config import CHECKED_ENV, EDITION_ENV, STAGING_ENV, Edition, Project
from .sitedir import Release


@dataclass
class EditionResult:
    edition: Edition
    ok: bool
    output: str
    seconds: float


def build_editions(
    project: Project, editions: list[Edition], *, checked: str, strict: bool = True,
    jobs: int | None = None,
) -> list[EditionResult]:  # fmt: skip
    """Build `editions`, at most `jobs` at a time, into staging folders; swap all in only
    if all succeed, otherwise leave every previous site exactly as it was."""
    release = Release({e.name: e.site_dir for e in editions})
    jobs = max(1, jobs or os.cpu_count() or 1)
    waiting, running, results = list(editions), [], []
    started = time.monotonic()
    while waiting or running:
        while waiting and len(running) < jobs:
            edition = waiting.pop(0)
            staging = release.staging(edition.name)
            running.append((edition, *_start(project, edition, staging, checked, strict)))
        for entry in [r for r in running if r[1].poll() is not None]:
            edition, process, log = entry
            running.remove(entry)
            log.seek(0)
            ok = process.returncode == 0 and release.is_built(edition.name)
            results.append(EditionResult(edition, ok, log.read(), time.monotonic() - started))
            log.close()
        time.sleep(0.02)
    results.sort(key=lambda r: editions.index(r.edition))
    if all(r.ok for r in results):
        release.publish_all()
    else:
        release.discard_all()
    return results


def _start(
    project: Project, edition: Edition, staging: Path, checked: str, strict: bool
) -> tuple[subprocess.Popen[str], IO[str]]:
    """The edition's MkDocs process, writing what it prints to a temporary file."""
    env = {
        **os.environ,
        EDITION_ENV: edition.name,
        STAGING_ENV: str(staging),
        CHECKED_ENV: checked,
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project.config_file.resolve())]
    if strict:
        command.append("--strict")
    log = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - read and closed by build_editions
    process = subprocess.Popen(
        command, cwd=project.root, env=env, stdout=log, stderr=subprocess.STDOUT, text=True
    )
    return process, log
