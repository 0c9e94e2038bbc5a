"""Every command has help and is documented in the README."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from adoptbook.cli import main
from sitekit import ROOT

COMMANDS = sorted(main.commands)


def test_the_cli_has_the_commands_the_design_names() -> None:
    assert set(COMMANDS) >= {"check", "new", "build", "serve", "render", "schema"}


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert main.commands[name].help, f"`adoptbook {name}` has no help text"
    assert "Usage: " in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"adoptbook {name}" in readme, f"README.md does not mention `adoptbook {name}`"


def test_readme_names_exactly_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme[readme.index("## Set up") : readme.index("Open `site/internal")]
    assert "make site" in setup and "make test" in setup
    assert setup.count("\nmake ") == 2
