"""The leak guard in the product: every customer build is scanned for internal text.

It must catch what the data filter cannot see (a leaky theme override, a leaky plugin, a
page that pastes an internal sentence or names an internal play), leave the previous
site as it was, and raise no false alarm on ordinary shared wording.
"""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import pytest

from adoptbook.config import load_project
from adoptbook.leakguard import guard
from adoptbook.pipeline import prepare_edition
from sitekit import ROOT, adoptbook, build, copy_project, tree_digest

pytestmark = pytest.mark.build

TALK_TRACK = (
    "Ask which renewal conversations went sideways when nobody owned the weekly usage review"
)
INTERNAL_PLAY = f"""\
id: guard-internal
title: Rescue a stalled rollout before the budget review
type: guide
audience: internal
summary: A CSM-only method for accounts that stopped moving.
sections:
  - heading: Where to start
    body: Map every team that quietly went back to the old spreadsheets last quarter.
stages: [adoption]
coaching:
  talk_track: "{TALK_TRACK}."
owner: CS Enablement
reviewed: 2026-11-01
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "p")
    (root / "plays/guides/guard-internal.yml").write_text(INTERNAL_PLAY, encoding="utf-8")
    build(root)  # a clean first build: the guard raises no alarm on ordinary content
    return root


def assert_refused(root: Path, before: dict[str, str], output_file: str, origin: str) -> None:
    result = adoptbook(root, "build")
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if "internal text from" in line]
    assert lines, result.stderr
    assert any(output_file in line and origin in line for line in lines), lines
    assert "nothing was published" in result.stderr
    assert tree_digest(root / "site") == before


def test_a_theme_override_printing_config_extra_is_caught(project: Path) -> None:
    before = tree_digest(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("extra:\n", f'extra:\n  crib: "{TALK_TRACK}"\n'),
        encoding="utf-8",
    )
    partial = project / "overrides/partials/copyright.html"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text("<small>{{ config.extra.crib }}</small>\n", encoding="utf-8")
    assert_refused(
        project, before, "site/customer/404.html",
        "plays/guides/guard-internal.yml:11:15 (coaching.talk_track)",
    )  # fmt: skip


LEAKY_HOOK = """\
import gzip, pathlib, yaml

def on_post_build(config):
    plays = pathlib.Path(config.config_file_path).parent / "plays"
    raw = [yaml.safe_load(p.read_text()) for p in plays.rglob("*.yml")]
    text = "\\n".join(str(play.get("coaching", "")) for play in raw)
    pathlib.Path(config.site_dir, "export.json.gz").write_bytes(gzip.compress(text.encode()))
"""


def test_a_third_party_plugin_writing_compressed_internal_text_is_caught(project: Path) -> None:
    before = tree_digest(project / "site")
    (project / "leaky_hook.py").write_text(LEAKY_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - leaky_hook.py\n")
    assert_refused(project, before, "site/customer/export.json.gz", "(coaching.talk_track)")


def test_a_page_that_pastes_an_internal_sentence_is_caught(project: Path) -> None:
    before = tree_digest(project / "site")
    page = project / "playbooks/toolkit.md"
    sentence = "Map every team that quietly went back to the old spreadsheets last quarter."
    page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    assert_refused(
        project, before, "site/customer/toolkit/index.html",
        "plays/guides/guard-internal.yml:8:11 (sections[0].body)",
    )  # fmt: skip


def test_a_page_that_names_an_internal_play_is_caught(project: Path) -> None:
    before = tree_digest(project / "site")
    page = project / "playbooks/toolkit.md"
    title = "Rescue a stalled rollout before the budget review"
    page.write_text(page.read_text(encoding="utf-8") + f"\nRead *{title}*.\n", encoding="utf-8")
    assert_refused(
        project, before, "site/customer/toolkit/index.html",
        "plays/guides/guard-internal.yml:2:8 (title)",
    )  # fmt: skip


def test_guard_reports_each_output_file_and_where_the_text_was_written(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    (root / "plays/guides/guard-internal.yml").write_text(INTERNAL_PLAY, encoding="utf-8")
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a/index.html").write_text(f"<p>{TALK_TRACK.upper()}</p>", encoding="utf-8")
    (site / "b.gz").write_bytes(gzip.compress(b"see guard-internal for more"))
    (site / "plays/guard-internal").mkdir(parents=True)
    (site / "plays/guard-internal/x.txt").write_text("nothing here", encoding="utf-8")
    (site / "shared.html").write_text("<p>Map what changes for each role.</p>", encoding="utf-8")
    project = load_project(root / "mkdocs.yml")
    prepared = prepare_edition(project, project.edition("customer"))
    leaks = {
        (leak.output, leak.origin.message)
        for leak in guard(site, prepared.source, prepared.edition)
    }
    assert leaks == {
        ("a/index.html", "coaching.talk_track"),
        ("b.gz", "id"),
        ("plays/guard-internal/x.txt", "id"),
    }
    assert guard(site, prepared.source, project.edition("internal")) == []


def test_no_false_alarm_on_a_generated_playbook_of_1000_plays(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "scripts/gen_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    config = module.generate(tmp_path / "corpus", 1000, check=False)
    result = adoptbook(config.parent, "build", "--edition", "customer")
    assert result.returncode == 0, result.stderr[-3000:]
