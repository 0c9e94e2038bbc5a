"""Parsed play files, remembered by their bytes, so that the next run re-reads only what changed.

A pull request usually touches one play: with the cache, `adoptbook check` parses and
validates that one file and takes the others as they were. Entries are keyed by the
file's name and bytes and by the code that reads them, so an edit, a rename or a new
adoptbook all miss the cache; nothing stale can be used. The cache lives in the user's
cache folder (`$XDG_CACHE_HOME/adoptbook`, or ADOPTBOOK_CACHE_DIR; `off` turns it off).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

CACHE_ENV = "ADOPTBOOK_CACHE_DIR"
_READERS = ("model.py", "playtypes.py", "yamlpos.py", "loader.py", "schema_errors.py", "content.py")


def cache_folder() -> Path | None:
    chosen = os.environ.get(CACHE_ENV)
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "adoptbook"


class ParseCache:
    """One project's parsed plays: file key -> what loading that file produced."""

    def __init__(self, project_root: Path, code_version: str) -> None:
        folder = cache_folder()
        name = hashlib.sha256(str(project_root).encode()).hexdigest()[:16]
        self.path = folder / f"plays-{name}.pickle" if folder else None
        self.code = code_version
        self.old: dict[str, Any] = self._read()
        self.new: dict[str, Any] = {}

    def key(self, display: str, raw: bytes) -> str:
        return hashlib.sha256(b"\0".join([self.code.encode(), display.encode(), raw])).hexdigest()

    def get(self, key: str) -> Any:
        entry = self.old.get(key)
        if entry is not None:
            self.new[key] = entry
        return entry

    def put(self, key: str, entry: Any) -> None:
        self.new[key] = entry

    def save(self) -> None:
        """Keep what this run used; write only when something changed."""
        if self.path is None or self.new.keys() == self.old.keys():
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as file:
                pickle.dump(self.new, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)

    def _read(self) -> dict[str, Any]:
        if self.path is None or not self.path.is_file():
            return {}
        try:
            with self.path.open("rb") as file:
                entries = pickle.load(file)
        except Exception:  # an unreadable cache is only a slower run, never an error
            return {}
        return entries if isinstance(entries, dict) else {}


def code_version(extra: str = "") -> str:
    """A digest of the code that turns a file into a play (and of `extra`)."""
    digest = hashlib.sha256(extra.encode())
    here = Path(__file__).parent
    for name in _READERS:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()
