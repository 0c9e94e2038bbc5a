"""Writing and swapping site folders: build beside the site, swap in only on success.

The only module that creates, publishes or deletes output folders. A plain `mkdocs
build` stages one edition (`StagedSite`); `adoptbook build` stages several and publishes
them together or not at all (`Release`).
"""

from __future__ import annotations

import contextlib
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


class Release:
    """Several editions staged side by side, published together or not at all."""

    def __init__(self, finals: dict[str, Path]) -> None:
        parents = dict.fromkeys(final.parent for final in finals.values())
        self.made = [folder for folder in parents if not folder.exists()]
        self.sites = {name: StagedSite(final) for name, final in finals.items()}

    def staging(self, name: str) -> Path:
        return self.sites[name].staging

    def is_built(self, name: str) -> bool:
        return self.staging(name).is_dir()

    def publish_all(self) -> None:
        for site in self.sites.values():
            site.publish()

    def discard_all(self) -> None:
        """Remove every staging folder, and any parent folder made for them (no empty site/)."""
        for site in self.sites.values():
            site.discard()
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):
                folder.rmdir()
