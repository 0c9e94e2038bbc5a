"""`adoptbook diff`: two revisions of a project, checked, rendered and compared.

Revision BASE is read from git into a temporary folder; HEAD is another revision read
the same way, or the work tree as it is. Both share one parse cache in memory and go
through the same pipeline as `adoptbook render`, and the later one reuses the earlier
one's unchanged pages (snapshot.py); diff.py compares them.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .config import load_project
from .diff import DiffResult, diff_snapshots
from .gitrev import Repo, RevisionError, checkout, find_repo, resolve, unmerged_paths
from .loader import play_cache
from .snapshot import take_snapshot


def compare(
    config_file: Path, base: str, head: str | None = None, today: dt.date | None = None
) -> DiffResult:
    """Compare the project at revision `base` with revision `head`, or with the work tree.

    Raises RevisionError for a revision that cannot be compared, ConfigError for an
    unusable mkdocs.yml in the work tree, RevisionFailsCheck for content with errors.
    """
    repo = find_repo(config_file.resolve().parent)
    base_rev = resolve(repo, base)
    head_rev = resolve(repo, head) if head else None
    if head_rev is None:
        _no_conflicts(repo, config_file.resolve().parent)
    # One parse cache in memory for both revisions: a file one parsed, the other finds. The
    # project's cache on disk is left alone: unpickling it costs what parsing does.
    cache = play_cache(config_file.resolve().parent, stored=False)
    with (
        _no_cyclic_gc(),
        tempfile.TemporaryDirectory(prefix="adoptbook-diff-", dir=_memory_dir()) as tmp,
    ):
        base_project = checkout(repo, base_rev, config_file, Path(tmp, "base"))
        if head_rev is None:
            head_project, head_label = load_project(config_file), "the work tree"
        else:
            head_project = checkout(repo, head_rev, config_file, Path(tmp, "head"))
            head_label = head_rev.label
        before = take_snapshot(base_project, base_rev.label, None, cache, today)
        after = take_snapshot(head_project, head_label, before, cache, today)
    return diff_snapshots(before, after)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Both revisions' plays stay alive until the end; the cyclic garbage collector would
    scan them again and again (a fifth of the time at 1,000 plays) and free nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _memory_dir() -> str | None:
    """A RAM-backed folder for the throwaway copy of a revision, where the system has one.

    Writing a thousand small files costs ten times more on some disks than in memory.
    """
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def _no_conflicts(repo: Repo, folder: Path) -> None:
    """A work tree with unresolved merge conflicts has no one content to compare."""
    conflicted = unmerged_paths(repo, folder)
    if conflicted:
        more = f" and {len(conflicted) - 1} more" if len(conflicted) > 1 else ""
        raise RevisionError(
            f"the work tree has unresolved merge conflicts ({conflicted[0]}{more}); "
            "resolve them, or compare two revisions: adoptbook diff BASE HEAD"
        )
