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
    """One project's parsed plays: file key -> what loading that file produced.

    Stored as a base file and a small file of what was added since, so that a run that
    changed one play writes one entry, not the whole cache again.
    """

    def __init__(self, project_root: Path, code_version: str) -> None:
        folder = cache_folder()
        name = hashlib.sha256(str(project_root).encode()).hexdigest()[:16]
        self.path = folder / f"plays-{name}.pickle" if folder else None
        self.added_path = folder / f"plays-{name}.added.pickle" if folder else None
        self.code = code_version
        self.base: dict[str, Any] = _read(self.path)
        self.old: dict[str, Any] = {**self.base, **_read(self.added_path)}
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
        """Keep what this run used: a few new entries go to the small file; once those
        are many, or entries went unused, the base is written again without them."""
        if self.path is None or self.added_path is None or self.new.keys() == self.old.keys():
            return
        added = {key: entry for key, entry in self.new.items() if key not in self.base}
        if len(added) <= max(20, len(self.base) // 10) and len(self.new) >= len(self.old) // 2:
            _write(self.added_path, added)
        else:
            _write(self.path, self.new)
            _write(self.added_path, {})


def _read(path: Path | None) -> dict[str, Any]:
    if path is None or not path.is_file():
        return {}
    try:
        with path.open("rb") as file:
            entries = pickle.load(file)
    except Exception:  # an unreadable cache is only a slower run, never an error
        return {}
    return entries if isinstance(entries, dict) else {}


def _write(path: Path, entries: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as file:
            pickle.dump(entries, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)


def code_version(extra: str = "") -> str:
    """A digest of the code that turns a file into a play (and of `extra`)."""
    digest = hashlib.sha256(extra.encode())
    here = Path(__file__).parent
    for name in _READERS:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()
