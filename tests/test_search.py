"""search.py: indexing a built site with Pagefind, reading its files, facets of a play."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from adoptbook.config import load_project
from adoptbook.pipeline import prepare_edition
from adoptbook.search import (
    SIGNATURE,
    SearchIndexError,
    index_site,
    play_facets,
    read_index_file,
    stable_filters,
)
from sitekit import copy_project, tree_digest

PAGE = """<!doctype html><html lang="en"><body>
<article data-pagefind-body>
<h1>{title}</h1><p>{text}</p>
<span data-pagefind-filter="stage:{stage}"></span><span data-pagefind-filter="tier:{tier}"></span>
</article></body></html>"""


def small_site(folder: Path) -> Path:
    pages = [
        ("One", "spreadsheets everywhere", "go-live", "b"),
        ("Two", "nobody logs in", "sale", "a"),
    ]
    for number, (title, text, stage, tier) in enumerate(pages):
        page = folder / f"p{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(PAGE.format(title=title, text=text, stage=stage, tier=tier), "utf-8")
    return folder


def test_index_site_writes_the_index_without_pagefinds_own_ui(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    seconds = index_site(site)
    bundle = site / "pagefind"
    assert seconds > 0 and (bundle / "pagefind.js").is_file()
    assert (
        not (bundle / "pagefind-ui.js").exists() and not (bundle / "wasm.unknown.pagefind").exists()
    )
    fragments = [json.loads(read_index_file(p)) for p in bundle.glob("fragment/*.pf_fragment")]
    assert {f["url"] for f in fragments} == {"/p0/", "/p1/"}
    assert {f["filters"]["stage"][0] for f in fragments} == {"go-live", "sale"}


def test_the_same_site_gives_the_same_index_byte_for_byte(tmp_path: Path) -> None:
    first, second = small_site(tmp_path / "a"), tmp_path / "b"
    shutil.copytree(first, second)
    index_site(first)
    index_site(second)
    assert tree_digest(first) == tree_digest(second)


def test_stable_filters_keeps_every_filter_readable(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    index_site(site)
    before = {p.name for p in (site / "pagefind" / "filter").iterdir()}
    stable_filters(site / "pagefind")  # a second pass changes nothing
    assert {p.name for p in (site / "pagefind" / "filter").iterdir()} == before
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    meta = site / "pagefind" / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    for name in before:
        assert name.removesuffix(".pf_filter").encode() in read_index_file(meta)


def test_indexing_a_folder_without_pages_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(SearchIndexError) as caught:
        index_site(tmp_path / "empty")
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'empty'}:1:1: error: search indexing failed: ")
    assert "\n" not in message


def test_read_index_file_opens_compressed_and_plain_files(tmp_path: Path) -> None:
    packed, plain, other = tmp_path / "x.pf_fragment", tmp_path / "x.json", tmp_path / "s.gz"
    packed.write_bytes(gzip.compress(SIGNATURE + b'{"url": "/a/"}'))
    plain.write_text("{}", "utf-8")
    other.write_bytes(gzip.compress(b"<urlset/>"))
    assert read_index_file(packed) == b'{"url": "/a/"}'
    assert read_index_file(plain) == b"{}"
    assert read_index_file(other) == b"<urlset/>"


def test_a_play_for_every_segment_is_filed_under_each(tmp_path: Path) -> None:
    project = load_project(copy_project(tmp_path / "p") / "mkdocs.yml")
    prepared = prepare_edition(project, project.edition("customer"))
    content = prepared.content
    note = play_facets(content.plays["go-live-note"], content.taxonomy)
    assert note["segment"] == list(content.taxonomy.segments)  # written for every segment
    myth = play_facets(content.plays["no-choice"], content.taxonomy)
    assert myth["segment"] == ["b2b"] and myth["type"] == ["myth"]
    assert list(myth) == ["type", "stage", "segment", "tier", "persona", "tag"]


@pytest.mark.build
def test_adoptbook_serve_indexes_every_rebuild(tmp_path: Path) -> None:
    """Editors see the same search in `adoptbook serve`: its index follows their edits."""
    project = copy_project(tmp_path / "p")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "adoptbook", "serve", "--edition", "customer"]
    command += ["-a", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        entry = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
        first = wait_for(lambda: fetch(entry))
        play = project / "plays/myths/no-choice.yml"
        play.write_text(play.read_text("utf-8").replace("We made it", "We made it really"), "utf-8")
        second = wait_for(lambda: (text := fetch(entry)) != first and text)
        assert json.loads(second)["languages"]["en"]["page_count"] > 3
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(probe: Callable[[], Any], seconds: float = 120) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"nothing after {seconds:.0f} s")
