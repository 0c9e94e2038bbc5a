"""`adoptbook check` filters each view and expands its pages in a child process while the
parent runs the content checks: the result is what one process finds."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from adoptbook import pipeline
from adoptbook.config import ConfigError, load_project
from adoptbook.forking import Forked
from adoptbook.pipeline import check_project, find_problems
from adoptbook.problems import ContentError
from helpers import ROOT, VALID_MYTH, make_project

PARENT = os.getpid()


def test_a_child_returns_its_result_and_raises_what_it_raised() -> None:
    assert Forked(lambda: [os.getpid() != PARENT, "done"]).result() == [True, "done"]

    def failing() -> None:
        raise ContentError([])

    with pytest.raises(ContentError):
        Forked(failing).result()


def test_an_error_that_does_not_unpickle_is_raised_as_it_is() -> None:
    def misconfigured() -> None:
        raise ConfigError("mkdocs.yml", "editions.nope", "no such edition")

    with pytest.raises(ConfigError, match=r"editions\.nope: no such edition"):
        Forked(misconfigured).result()


def test_work_whose_child_dies_is_done_again_here() -> None:
    def dies_in_the_child() -> str:
        if os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return "done here"

    assert Forked(dies_in_the_child).result() == "done here"


def test_a_cancelled_child_is_gone() -> None:
    child = Forked(lambda: signal.pause())
    child.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """find_problems forks even if an earlier test left a thread (a test server) running."""
    monkeypatch.setattr(pipeline, "can_fork", lambda: True)


BAD_PAGE = "---\naudience: [internal, customer]\n---\n# Broken\n\n{{ play_list(stage='nope') }}\n"
BAD_MYTH = VALID_MYTH.replace("id: sample", "id: broken").replace(
    "stages: [planning", "stages: [plan"
)


@pytest.mark.parametrize(
    "files",
    [
        {},
        {"playbooks/broken.md": BAD_PAGE, "plays/myths/sample.yml": VALID_MYTH},
        {"playbooks/broken.md": BAD_PAGE, "plays/myths/broken.yml": BAD_MYTH},
    ],
    ids=["clean", "a failing page", "a failing page and a failing play"],
)
def test_problems_are_those_one_process_finds(
    tmp_path: Path, files: dict[str, str], forking: None
) -> None:
    config = make_project(tmp_path, files)
    project = load_project(config)
    in_children = [p.format() for p in find_problems(project)[1]]
    assert in_children == [p.format() for p in check_project(project)[1]]
    if files:
        assert in_children  # each broken project is found broken
    if "plays/myths/broken.yml" in files:
        assert not any("broken.md" in line for line in in_children)  # pages wait for plays


def test_the_bundled_playbook_checks_alike(forking: None) -> None:
    project = load_project(ROOT / "mkdocs.yml")
    assert find_problems(project)[1] == check_project(project)[1]


def test_no_child_is_forked_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from adoptbook import forking

    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # like `mkdocs serve`'s threads
    server.start()
    try:
        assert not forking.can_fork()
        monkeypatch.setattr(forking.os, "fork", lambda: pytest.fail("forked"))
        project = load_project(ROOT / "mkdocs.yml")
        assert find_problems(project)[1] == check_project(project)[1]
    finally:
        stop.set()
        server.join()
