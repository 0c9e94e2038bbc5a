"""Journey 3: a content editor changes a play.

They break it and `adoptbook check` names the file, line and column; they fix
it; with `adoptbook serve` running they change the play's title and the page in
the browser shows the new title after a reload.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from journey_kit import SourcePlay, source_plays
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from sitekit import ROOT, BuiltSite, adoptbook, copy_project

pytestmark = pytest.mark.browser

STAGES_LINE = re.compile(r"^stages: \[\s*([a-z][a-z0-9-]*)", re.MULTILINE)
TITLE_LINE = re.compile(r"^title: (?![>|]).+$", re.MULTILINE)
SERVER_START_WAIT = 120.0  # seconds: the first build of the whole playbook
RELOAD_WAIT = 20.0  # seconds: a rebuild after one file changed


@dataclass
class Editable:
    play: SourcePlay
    file: Path
    text: str


def editable_play(project: Path, built: BuiltSite) -> Editable:
    """A play in the internal edition with a one-line title and a flow list of stages."""
    on_site = {
        p.id
        for p in source_plays(built)
        if (built.site("internal") / p.url / "index.html").is_file()
    }
    for play in source_plays(BuiltSite(project, "")):
        text = (project / play.path).read_text(encoding="utf-8")
        if play.id in on_site and STAGES_LINE.search(text) and TITLE_LINE.search(text):
            return Editable(play, project / play.path, text)
    raise AssertionError("no play with `title: ...` and `stages: [...]` lines to edit")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def adoptbook_serve(project: Path, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "adoptbook", "serve", "--edition", "internal"]
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield server
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_served(server: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_WAIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"`adoptbook serve` exited with {server.returncode}:\n{log.read_text()}")
        with (
            contextlib.suppress(OSError, urllib.error.URLError),
            urllib.request.urlopen(url, timeout=5) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.25)
    pytest.fail(
        f"`adoptbook serve` did not serve {url} in {SERVER_START_WAIT:.0f} s:\n{log.read_text()}"
    )


def h1_after_reload(page: Page) -> str:
    """The page's h1 after a reload; live reload may be reloading it at the same moment."""
    try:
        page.reload(wait_until="load")
        return page.locator("article h1").inner_text(timeout=5_000)
    except PlaywrightError:
        return ""


def test_editor_sees_errors_by_line_then_the_new_title_in_the_preview(
    page: Page, bundled_site: BuiltSite, tmp_path: Path
) -> None:
    content = Path(os.environ.get("ADOPTBOOK_TEST_PLAYBOOK") or ROOT).resolve()
    project = copy_project(tmp_path / "project", content)
    target = editable_play(project, bundled_site)
    relative = target.play.path.as_posix()

    # Break it: misspell a stage. The check names the file, the line and the column.
    match = STAGES_LINE.search(target.text)
    assert match is not None
    line = target.text.count("\n", 0, match.start(1)) + 1
    column = match.start(1) - target.text.rfind("\n", 0, match.start(1))
    stage = match.group(1)
    misspelled = stage[:-1] if len(stage) > 3 else stage + "x"
    target.file.write_text(
        target.text[: match.start(1)] + misspelled + target.text[match.end(1) :], encoding="utf-8"
    )
    result = adoptbook(project, "check")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(
        rf"^{re.escape(relative)}:{line}:{column}: error: .*'{re.escape(misspelled)}'",
        output,
        re.MULTILINE,
    ), f"expected {relative}:{line}:{column} naming '{misspelled}' in:\n{output}"
    assert "Traceback" not in output

    # Fix it: the check is clean again.
    target.file.write_text(target.text, encoding="utf-8")
    result = adoptbook(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr

    # Preview with `adoptbook serve`, change the title, see it after a reload.
    port = free_port()
    url = f"http://127.0.0.1:{port}/{target.play.url}"
    log = tmp_path / "serve.log"
    with adoptbook_serve(project, port, log) as server:
        wait_until_served(server, url, log)
        page.goto(url)
        old_title = " ".join(target.play.data["title"].split())
        expect(page.locator("article h1")).to_contain_text(old_title)

        new_title = f"Edited while previewing {port}"
        title = TITLE_LINE.search(target.text)
        assert title is not None
        edited = target.text[: title.start()] + f"title: {new_title}" + target.text[title.end() :]
        target.file.write_text(edited, encoding="utf-8")

        deadline = time.monotonic() + RELOAD_WAIT
        seen = h1_after_reload(page)
        while new_title not in seen and time.monotonic() < deadline:
            page.wait_for_timeout(500)
            seen = h1_after_reload(page)
        assert new_title in seen, (
            f"the page still shows {seen!r} {RELOAD_WAIT:.0f} s after the title was changed;\n"
            f"serve log:\n{log.read_text()}"
        )

        # Break it while previewing: the browser shows the error with its file and line.
        broken = edited.replace(f"[{stage}", f"[{misspelled}", 1)
        target.file.write_text(broken, encoding="utf-8")
        banner = page.locator(".ab-errors")
        deadline = time.monotonic() + RELOAD_WAIT
        while time.monotonic() < deadline and not _shown(page, banner):
            page.wait_for_timeout(500)
        expect(banner).to_contain_text(f"{relative}:{line}:{column}: error:")
        expect(banner).to_have_attribute("role", "alert")
        expect(page.locator("article h1")).to_contain_text(new_title)  # the last good page

        target.file.write_text(edited, encoding="utf-8")
        deadline = time.monotonic() + RELOAD_WAIT
        while time.monotonic() < deadline and _shown(page, banner):
            page.wait_for_timeout(500)
        expect(banner).to_have_count(0)
        assert server.poll() is None, log.read_text()


def _shown(page: Page, banner) -> bool:
    try:
        page.reload(wait_until="load")
        return banner.count() > 0
    except PlaywrightError:
        return False
