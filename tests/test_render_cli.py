"""`adoptbook render` and editions narrowed to a segment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import adoptbook, build, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p")


def test_render_writes_the_final_markdown_of_an_edition(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = adoptbook(project, "render", "--edition", "customer", "--out", str(out))
    assert result.returncode == 0, result.stderr
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.md")}
    assert "plays/no-choice.md" in pages and "toolkit.md" in pages
    assert "plays/csm-strategy.md" not in pages and "csm.md" not in pages
    toolkit = (out / "toolkit.md").read_text(encoding="utf-8")
    assert "{{" not in toolkit and "[Before you buy](plays/before-you-buy.md)" in toolkit


def test_rendered_markdown_builds_with_plain_mkdocs(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    assert adoptbook(project, "render", "--out", str(out)).returncode == 0
    config = tmp_path / "plain.yml"
    config.write_text(
        "site_name: plain\ndocs_dir: docs\nsite_dir: plain-site\ntheme: {name: material}\n"
        "markdown_extensions: [admonition, attr_list, md_in_html, tables, def_list,\n"
        "  pymdownx.superfences, pymdownx.details, pymdownx.tasklist,\n"
        "  {pymdownx.tabbed: {alternate_style: true}}, pymdownx.emoji, pymdownx.highlight]\n",
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plain-site/plays/no-choice/index.html").is_file()


def test_render_refuses_a_folder_that_is_not_empty(project: Path, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine", encoding="utf-8")
    result = adoptbook(project, "render", "--out", str(tmp_path / "full"))
    assert result.returncode == 2 and "not empty" in result.stderr
    assert (tmp_path / "full" / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_an_edition_narrowed_to_a_segment(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    extra = (
        "        customer-b2c:\n"
        "          audience: customer\n"
        "          brand: customer\n"
        "          segment: b2c\n"
    )
    config.write_text(
        text.replace("          brand: customer\n", "          brand: customer\n" + extra, 1)
    )
    result = adoptbook(project, "check")
    assert result.returncode == 1
    assert (
        "plays/guides/critical-path.yml:8:75: error: sections[0].body: link to "
        "'supervisor-targets.md' leads to a play left out of the 'customer-b2c' edition "
        "(segment b2c)"
    ) in result.stdout
    guide = project / "plays/guides/critical-path.yml"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace("(supervisor-targets.md)", "(go-live-note.md)")
    )
    myth = project / "plays/myths/no-choice.yml"
    myth.write_text(myth.read_text(encoding="utf-8").replace("segments: [b2b]", "segments: []"))
    build(project, "--edition", "customer-b2c")
    site = project / "site/customer-b2c"
    assert (site / "plays/go-live-note/index.html").is_file()  # no segments: fits every segment
    assert not (site / "plays/supervisor-targets").exists()  # b2b only
    no_choice = (site / "plays/no-choice/index.html").read_text(encoding="utf-8")
    assert ">B2B</label>" not in no_choice and ">B2C</label>" in no_choice
    assert "Consumers can simply leave" in no_choice
    assert "Staff can be asked" not in no_choice
