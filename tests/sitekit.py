"""Buildable projects for site tests: the repo's configuration and theme, chosen content.

A project is the repo's mkdocs.yml, taxonomy.yml and overrides/ with content
(playbooks/, plays/, snippets/) from the repo itself or from a fixture such as
tests/fixtures/mini, copied to a temporary folder and built with the real command.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from adoptbook.search import read_index_file

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
CONFIG_PARTS = ("mkdocs.yml", "taxonomy.yml", "overrides")
CONTENT_PARTS = ("plays", "playbooks", "snippets")
EDITIONS = ("internal", "customer")


@dataclass(frozen=True)
class BuiltSite:
    """A project copied to a temporary folder and built with `adoptbook build`."""

    root: Path
    output: str  # everything `adoptbook build` printed

    def site(self, edition: str) -> Path:
        return self.root / "site" / edition

    def plays(self) -> list[Path]:
        return sorted((self.root / "plays").rglob("*.yml"))


def copy_project(target: Path, content_from: Path = MINI) -> Path:
    """A project in `target`: the repo's config and theme, content from `content_from`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in CONFIG_PARTS:
        _copy(ROOT / name, target / name)
    for name in CONTENT_PARTS:
        if (content_from / name).exists():
            _copy(content_from / name, target / name)
        else:
            (target / name).mkdir(exist_ok=True)
    if content_from == MINI:
        _use_mini_nav(target / "mkdocs.yml")
    return target


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("site"))
    else:
        shutil.copy(source, target)


def _use_mini_nav(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    head = text[: text.index("\nnav:")]
    nav = (
        "\nnav:\n  - Home: index.md\n  - Find a play: find.md\n  - CSM playbook: csm.md\n"
        "  - Toolkit: toolkit.md\n  - Timeline: timeline.md\n"
    )
    config.write_text(head + nav + "  - Tags: tags.md\n", encoding="utf-8")


def adoptbook(project: Path, *args: str, env: dict[str, str] | None = None):
    """Run the real `adoptbook` command in `project` as a subprocess."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "adoptbook", *args],
        cwd=project,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )


def build(project: Path, *args: str, env: dict[str, str] | None = None) -> None:
    result = adoptbook(project, "build", *args, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def build_copy(target: Path, content_from: Path) -> BuiltSite:
    """Copy a project to `target` and build both editions; fail the test run if that fails."""
    root = copy_project(target, content_from)
    result = adoptbook(root, "build")
    output = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(
            f"`adoptbook build` of {content_from} failed (exit {result.returncode}):\n{output}",
            pytrace=False,
        )
    return BuiltSite(root, output)


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under `folder`."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def all_text(folder: Path) -> dict[str, str]:
    """Relative path -> contents of every file, decoded leniently.

    Compressed files are opened: sitemap.xml.gz, and every file of Pagefind's search
    index (fragments, word chunks, filters, metadata), which are gzip-compressed.
    """
    texts = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = read_index_file(path)
            texts[path.relative_to(folder).as_posix()] = data.decode("utf-8", "replace")
    return texts
