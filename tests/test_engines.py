"""Engines after MkDocs 1.x: ProperDocs builds the site with the plugin, Zensical builds the
Markdown `adoptbook render` writes (it runs no third-party plugins)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import adoptbook, all_text, copy_project

pytestmark = pytest.mark.build

INTERNAL = ("The five parts of a CSM strategy", "csm-strategy", "Talk track")
ZENSICAL_CONFIG = """\
site_name: Adoption Toolkit
docs_dir: pages
site_dir: site
theme:
  name: material
  features: [content.tabs.link, content.code.copy]
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""


def test_properdocs_builds_the_customer_edition_with_the_plugin(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    env = {**os.environ, "ADOPTBOOK_EDITION": "customer", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "properdocs", "build", "-f", "mkdocs.yml", "--strict"]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    site = all_text(project / "site" / "customer")
    assert "Go-live message to end users" in site["plays/go-live-note/index.html"]
    assert not [(m, f) for f, text in site.items() for m in INTERNAL if m in text]


def test_zensical_builds_what_render_writes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    rendered = adoptbook(
        project, "render", "--edition", "customer", "--out", str(tmp_path / "z/pages")
    )
    assert rendered.returncode == 0, rendered.stderr
    (tmp_path / "z/zensical.yml").write_text(ZENSICAL_CONFIG, encoding="utf-8")
    zensical = Path(sys.executable).parent / "zensical"
    result = subprocess.run(
        [str(zensical), "build", "-f", "zensical.yml", "--strict"],
        cwd=tmp_path / "z", capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "z/site/plays/go-live-note/index.html").read_text(encoding="utf-8")
    assert "Go-live message to end users" in page
    site = all_text(tmp_path / "z/site")
    assert not [(m, f) for f, text in site.items() for m in INTERNAL if m in text]
