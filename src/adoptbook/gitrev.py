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
from pathlib import Path

from .config import (
    ConfigError,
    PluginConfig,
    Project,
    load_project,
    plugin_options,
    read_mkdocs_yml,
)

SOURCE_OPTIONS = ("plays_dir", "snippets_dir", "taxonomy", "brands_dir", "templates_dir")


class RevisionError(Exception):
    """A revision cannot be compared: no git repository, no such revision, a conflicted tree."""


class RevisionContentError(Exception):
    """The content or configuration at a revision is unusable."""


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
    config_rel = config_file.resolve().relative_to(repo.root).as_posix()
    target = dest / config_rel
    with tempfile.TemporaryDirectory(prefix="adoptbook-index-") as folder:
        index = Path(folder, "index")  # a private index: the repository's stays as it is
        repo.git("read-tree", revision.commit, index=index)
        _write_files(repo, index, _neighbours(config_rel), dest)
        if not target.is_file():
            raise RevisionError(f"{revision.label}: there is no {config_rel} in that revision")
        _write_files(repo, index, _source_paths(target, dest), dest)
    try:
        return load_project(target)
    except ConfigError as exc:
        raise RevisionContentError(f"{revision.label}: {exc}") from None


def _neighbours(config_rel: str) -> list[str]:
    """mkdocs.yml and the YAML files beside it (a taxonomy, a configuration it inherits)."""
    folder = config_rel.rpartition("/")[0]
    prefix = f"{folder}/" if folder else ""
    return [f":(glob){prefix}*.yml", f":(glob){prefix}*.yaml"]


def _source_paths(config: Path, dest: Path) -> list[str]:
    """The folders and files the configuration names, as pathspecs in the repository."""
    try:
        raw = read_mkdocs_yml(config)
        options = PluginConfig(config_file_path=str(config))
        options.load_dict(plugin_options(raw, config.name))
    except ConfigError:
        return []  # loading the project says what is wrong
    options.validate()
    names = [raw.get("docs_dir") or "docs"]
    names += [options.get(key) for key in SOURCE_OPTIONS]
    root = dest.resolve()
    paths = []
    for name in names:
        if not isinstance(name, str):
            continue
        try:
            path = (config.parent / name).resolve().relative_to(root).as_posix()
            paths.append(f":(literal){path}")
        except ValueError:
            continue  # outside the repository: nothing git can give
    return paths


def _write_files(repo: Repo, index: Path, pathspecs: list[str], dest: Path) -> None:
    """Write the files `pathspecs` match in `index` into `dest`."""
    if not pathspecs:
        return
    names = repo.git("ls-files", "-z", "--", *pathspecs, index=index)
    if names:
        prefix = f"{dest.resolve()}{os.sep}"
        write = ("checkout-index", "--force", "-z", "--stdin", f"--prefix={prefix}")
        repo.git(*write, stdin=names, index=index)
