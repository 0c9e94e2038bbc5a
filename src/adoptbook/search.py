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
import hashlib
import json
import os
import re
import subprocess
import time
from collections import Counter
from pathlib import Path

from .model import PlayBase
from .problems import ContentError
from .taxonomy import Taxonomy

BUNDLE_DIR = "pagefind"
# Parts of a page that are about other pages, or no content at all: lists of plays on
# playbook pages (macros.py marks them `ab-plays`), tag listings, heading anchors.
EXCLUDE_SELECTORS = (".ab-plays", ".md-tags", ".headerlink", ".md-source-file")
# Pagefind's own UIs and the fallback for pages without a language: the site uses
# neither (the search box is overrides/assets/js/search.js), so they are not published.
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
    "wasm.unknown.pagefind",
)  # fmt: skip
# Word-index chunks of about a quarter of Pagefind's default size: a query loads one
# chunk per word, so a whole sentence fetches 4x fewer bytes (median chunk at 1,000
# plays: 9.6 KB instead of 27 KB), for a slightly longer list of chunks (+1 KB).
# The setting is marked "unstable" by Pagefind; without it, search still works.
INDEX_CHUNK_SIZE = 5000
SIGNATURE = b"pagefind_dcd"  # what Pagefind puts in front of every compressed file's content
PLAY_MAP = "adoptbook-plays.json"  # Pagefind's id of each play page -> its URL (finder.js)
COMMON_WORDS = "adoptbook-common.json"  # words too common to be worth loading (engine.js)
COMMON_MIN_PAGES = 3000  # below this, no word's part of the index is large
WORD = re.compile(r"\w+")
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
    env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK_SIZE)}
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    output = (result.stderr or result.stdout).strip()
    if result.returncode != 0 or not (site_dir / BUNDLE_DIR / "pagefind.js").is_file():
        last = output.splitlines()[-1] if output else f"exit status {result.returncode}"
        raise SearchIndexError.single(str(site_dir), f"search indexing failed: {last}")
    bundle = site_dir / BUNDLE_DIR
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    stable_filters(bundle)
    write_page_notes(bundle)
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


def write_page_notes(bundle: Path) -> None:
    """What the browser needs besides Pagefind's index, read from its fragments.

    - PLAY_MAP: which Pagefind page is which play, so "Find a play" ranks its own list
      without loading a fragment per result (URLs relative to the site's root);
    - COMMON_WORDS: words on at least half of a large site's pages (COMMON_MIN_PAGES or
      more). Each is one of the largest pieces of the index to download, and ranks
      next to nothing; the search box leaves them out of a query with other words.
    """
    plays: dict[str, str] = {}
    pages_with: Counter[str] = Counter()
    paths = sorted((bundle / "fragment").glob("*.pf_fragment"))
    count_words = len(paths) >= COMMON_MIN_PAGES
    for path in paths:
        fragment = json.loads(read_index_file(path))
        if fragment.get("filters", {}).get("kind") == ["play"]:
            plays[path.stem] = fragment["url"].lstrip("/")
        if count_words:
            pages_with.update(set(WORD.findall(fragment.get("content", "").lower())))
    common = sorted(word for word, n in pages_with.items() if n >= len(paths) / 2)
    for name, data in ((PLAY_MAP, plays), (COMMON_WORDS, common)):
        text = json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
        (bundle / name).write_text(text, encoding="utf-8")


def stable_filters(bundle: Path) -> None:
    """Write each filter's values in order, so that the same site gives the same bytes.

    Pagefind 1.5.2 writes them in a random order (fixed upstream after 1.5.2, in
    Pagefind's commit 0b56369), which renames the filter files and the metadata file
    that lists them on every run. Drop this once a release with the fix is out.
    """
    renamed: dict[bytes, bytes] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        data = _values_in_order(read_index_file(path))
        language = path.stem.split("_", 1)[0]
        name = f"{language}_{hashlib.sha256(data).hexdigest()[:7]}"
        path.unlink()
        _write_compressed(path.with_name(f"{name}.pf_filter"), data)
        renamed[path.stem.encode()] = name.encode()
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _filters_in_order(read_index_file(meta_path))
        for old, new in renamed.items():  # same length: the encoding around them is unchanged
            if meta.count(old) == 1:
                meta = meta.replace(old, new)
        digest = hashlib.sha256(meta).hexdigest()[:10]
        language["hash"] = f"{language['hash'].split('_', 1)[0]}_{digest}"
        meta_path.unlink()
        _write_compressed(bundle / f"pagefind.{language['hash']}.pf_meta", meta)
    entry_path.write_text(json.dumps(entry, separators=(",", ":"), ensure_ascii=False), "utf-8")


def _values_in_order(data: bytes) -> bytes:
    """A filter file, [name, [[value, pages], ...]], with its values in order."""
    return _sorted_array(data, _item_end(data, 1))  # after the array head and the name


def _filters_in_order(meta: bytes) -> bytes:
    """The metadata file, [version, pages, chunks, filters, sorts, fields], filters in order."""
    at = 1
    for _ in range(3):
        at = _item_end(meta, at)
    return _sorted_array(meta, at)


def _sorted_array(data: bytes, at: int) -> bytes:
    """`data` with the items of the CBOR array at `at` sorted by their bytes."""
    count, first = _argument(data, at)
    spans, end = [], first
    for _ in range(count):
        start, end = end, _item_end(data, end)
        spans.append(data[start:end])
    return data[:first] + b"".join(sorted(spans)) + data[end:]


def _argument(data: bytes, at: int) -> tuple[int, int]:
    """A CBOR head at `at`: its number (length, count or value) and where its content starts."""
    info = data[at] & 31
    if info < 24:
        return info, at + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def _item_end(data: bytes, at: int) -> int:
    """Where the CBOR item at `at` ends: integers, strings and arrays, as Pagefind writes."""
    major = data[at] >> 5
    number, start = _argument(data, at)
    if major in (0, 1):
        return start
    if major in (2, 3):
        return start + number
    for _ in range(number):  # an array
        start = _item_end(data, start)
    return start


def _write_compressed(path: Path, data: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + data, mtime=0))


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
