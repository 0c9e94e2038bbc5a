"""Site search with Pagefind: index one built edition, read what the index holds.

Pagefind reads an edition's built HTML after MkDocs wrote it (the theme marks up
each page with `data-pagefind-*` attributes: weights, filters, metadata) and writes
a chunked index to `<site>/pagefind/`, which the browser loads piece by piece. It
runs on one edition's output folder at a time, so each index holds only the pages
that edition has.

Everything Pagefind writes except its scripts and styles is gzip-compressed;
`read_index_file` opens any of its files so that leak checks can read them.
"""

from __future__ import annotations

import gzip
import subprocess
import time
from pathlib import Path

from .model import PlayBase
from .problems import ContentError
from .taxonomy import Taxonomy

BUNDLE_DIR = "pagefind"
# Parts of a page that are about other pages, or no content at all: lists of plays on
# playbook pages (macros.py marks them `ab-plays`), tag listings, heading anchors.
EXCLUDE_SELECTORS = (".ab-plays", ".md-tags", ".headerlink", ".md-source-file")
SIGNATURE = b"pagefind_dcd"  # what Pagefind puts in front of every compressed file's content
GZIP_MAGIC = b"\x1f\x8b"
# The facets of a play, in the order the finder shows them: name -> the play's values.
FACETS = ("type", "stage", "segment", "tier", "persona", "tag")
OPEN_ENDED = {"segment": "segments", "tier": "tiers"}  # no value means every value


class SearchIndexError(ContentError):
    """Pagefind could not index a built site."""


def index_site(site_dir: Path, *, language: str = "en") -> float:
    """Index the built site in `site_dir` in place; returns the seconds it took.

    Raises SearchIndexError (one line, naming the folder) when Pagefind fails.
    """
    started = time.perf_counter()
    command = [str(pagefind_binary()), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR]
    command += ["--force-language", language, "--silent"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    output = (result.stderr or result.stdout).strip()
    if result.returncode != 0 or not (site_dir / BUNDLE_DIR / "pagefind.js").is_file():
        last = output.splitlines()[-1] if output else f"exit status {result.returncode}"
        raise SearchIndexError.single(str(site_dir), f"search indexing failed: {last}")
    return time.perf_counter() - started


def pagefind_binary() -> Path:
    """The pagefind executable shipped by `pagefind[bin]` (or $PAGEFIND_BINARY_PATH)."""
    from pagefind.service import get_executable  # imported here: it pulls in asyncio

    binary = get_executable()
    if binary is None:
        raise SearchIndexError.single(
            "pyproject.toml", "the pagefind binary is missing: install 'pagefind[bin]'"
        )
    return binary


def read_index_file(path: Path) -> bytes:
    """The content of any file Pagefind wrote, decompressed when it is compressed."""
    data = path.read_bytes()
    if not data.startswith(GZIP_MAGIC):
        return data
    data = gzip.decompress(data)
    return data.removeprefix(SIGNATURE)


def play_facets(play: PlayBase, taxonomy: Taxonomy) -> dict[str, list[str]]:
    """Facet name -> the play's values; a play for every segment (or tier) lists them all."""
    facets = {
        "type": [play.type],
        "stage": list(play.stages),
        "segment": list(play.segments),
        "tier": list(play.tiers),
        "persona": list(play.personas),
        "tag": list(play.tags),
    }
    for name, kind in OPEN_ENDED.items():
        if not facets[name]:
            facets[name] = list(taxonomy.vocabulary(kind))
    return facets
