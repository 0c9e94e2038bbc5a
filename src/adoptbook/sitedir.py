"""Atomic output folders: build beside the site, swap in only on success."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class StagedSite:
    """A staging folder next to `final`; `publish` swaps it in, `discard` removes it."""

    def __init__(self, final: Path) -> None:
        self.final = final
        final.parent.mkdir(parents=True, exist_ok=True)
        self.staging = final.parent / f".{final.name}.staging-{os.getpid()}"
        shutil.rmtree(self.staging, ignore_errors=True)

    def publish(self) -> None:
        publish(self.staging, self.final)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def publish(staging: Path, final: Path) -> None:
    """Replace `final` with `staging` using renames, so readers never see half a site."""
    retired = final.parent / f".{final.name}.retired-{os.getpid()}"
    if final.exists():
        os.replace(final, retired)
    os.replace(staging, final)
    shutil.rmtree(retired, ignore_errors=True)
