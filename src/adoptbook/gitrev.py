"""A project as it was at a git revision, read without touching the user's checkout.

The project's files at a revision (mkdocs.yml, the YAML files beside it and the
folders the plugin options name) are written to a temporary folder through a
temporary index, so the work tree, the repository's index and HEAD stay as they are.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import ConfigError, Project, load_project


class RevisionError(Exception):
    """A revision cannot be compared: no git repository, no such revision, a conflicted tree."""


@dataclass(frozen=True)
class Revision:
    name: str  # as the user wrote it
    commit: str  # full object name

    @property
    def label(self) -> str:
        return f"{self.name} ({self.commit[:7]})"


@dataclass(frozen=True)
class Repo:
    root: Path

    def git(self, *args: str, stdin: bytes | None = None, index: Path | None = None) -> bytes:
        """Run git in the repository; its error's first line becomes a RevisionError.

        With `index`, git uses that file as its index instead of the repository's.
        """
        env = {**os.environ, "GIT_INDEX_FILE": str(index)} if index else None
        try:
            done = subprocess.run(
                ["git", "-C", str(self.root), *args], input=stdin, capture_output=True, env=env
            )
        except FileNotFoundError:
            raise RevisionError(
                "git is not installed (it is needed to compare revisions)"
            ) from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RevisionError(message[0] if message else f"git {args[0]} failed")
        return done.stdout


def find_repo(path: Path) -> Repo:
    try:
        top = Repo(path).git("rev-parse", "--show-toplevel").decode().strip()
    except RevisionError:
        raise RevisionError(f"{path} is not inside a git repository") from None
    return Repo(Path(top).resolve())


def resolve(repo: Repo, name: str) -> Revision:
    try:
        commit = repo.git(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"
        )
    except RevisionError:
        raise RevisionError(f"'{name}' is not a revision in {repo.root}") from None
    return Revision(name, commit.decode().strip())


def unmerged_paths(repo: Repo, under: Path) -> list[str]:
    """Files with unresolved merge conflicts below `under` in the work tree."""
    names = repo.git("diff", "--name-only", "--diff-filter=U", "-z", "--", str(under))
    return [name for name in names.decode("utf-8", "replace").split("\0") if name]


def checkout(repo: Repo, revision: Revision, config_file: Path, dest: Path) -> Project:
    """Write the project at `revision` into `dest`; return it, loaded from there."""
    config_rel = PurePosixPath(config_file.resolve().relative_to(repo.root).as_posix())
    text = _show(repo, revision, config_rel)
    target = dest / config_rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text)
    try:
        project = load_project(target)
    except ConfigError as exc:
        raise RevisionError(f"{revision.label}: {exc}") from None
    wanted = [*_project_paths(project, dest), *_neighbours(repo, revision, config_rel)]
    _write_files(repo, revision, wanted, dest)
    return project


def _write_files(repo: Repo, revision: Revision, paths: list[str], dest: Path) -> None:
    """Write the files under `paths` at `revision` into `dest`, through a private index."""
    with tempfile.TemporaryDirectory(prefix="adoptbook-index-") as folder:
        index = Path(folder, "index")
        repo.git("read-tree", revision.commit, index=index)
        names = repo.git("ls-files", "-z", "--", *paths, index=index)
        if names:
            prefix = f"{dest.resolve()}{os.sep}"
            write = ("checkout-index", "--force", "-z", "--stdin", f"--prefix={prefix}")
            repo.git(*write, stdin=names, index=index)


def _show(repo: Repo, revision: Revision, path: PurePosixPath) -> bytes:
    try:
        return repo.git("show", f"{revision.commit}:{path}")
    except RevisionError:
        raise RevisionError(f"{revision.label}: there is no {path} in that revision") from None


def _project_paths(project: Project, dest: Path) -> list[str]:
    """The folders and files the plugin options name, relative to the repository."""
    root = dest.resolve()
    paths = []
    for path in (
        project.docs_dir,
        project.plays_dir,
        project.snippets_dir,
        project.taxonomy,
        project.brands_dir,
        project.templates_dir,
    ):
        try:
            paths.append(path.resolve().relative_to(root).as_posix())
        except ValueError:
            continue  # outside the repository: nothing git can give
    return paths


def _neighbours(repo: Repo, revision: Revision, config_rel: PurePosixPath) -> list[str]:
    """YAML files beside mkdocs.yml (a taxonomy, a configuration it inherits)."""
    folder = "" if str(config_rel.parent) == "." else f"{config_rel.parent}/"
    names = repo.git("ls-tree", "--name-only", "-z", revision.commit, "--", folder or ".")
    return [
        name
        for name in names.decode("utf-8").split("\0")
        if name.endswith((".yml", ".yaml")) and "/" not in name.removeprefix(folder)
    ]
