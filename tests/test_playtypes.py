"""Adding a play type takes a model, a template and one registry entry, and nothing else.

The test registers a sixth type in a test project, in this process, then scaffolds,
checks, renders and builds it with a real MkDocs build, and exports its JSON Schema.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import pytest
from click.testing import CliRunner
from pydantic import Field

from adoptbook.cli import main
from adoptbook.config import load_project
from adoptbook.model import Markdown, PlayBase
from adoptbook.pipeline import find_problems, prepare_edition, render_pages
from adoptbook.playtypes import TODO, TYPES, PlayType, registered
from adoptbook.problems import errors
from adoptbook.schema import play_schema
from sitekit import copy_project

pytestmark = pytest.mark.build


class FaqPlay(PlayBase):
    type: Literal["faq"] = Field(description="The kind of play.")
    question: Markdown = Field(description="The question customers ask.")
    answer: Markdown = Field(description="The answer, in Markdown.")


FAQ = PlayType(
    "faq",
    FaqPlay,
    folder="faqs",
    example=lambda persona: {"question": f"{TODO}the question?", "answer": f"{TODO}the answer."},
    words={"question": "Question", "answer": "Answer"},
)
TEMPLATE = """\
{% extends "_play.md.j2" %}
{% block body %}
## {{ words.question }}

{{ play.question | md }}

## {{ words.answer }}

{{ play.answer | md }}
{% endblock %}
"""
PLAY = """\
id: who-owns-adoption
title: Who owns adoption after go-live?
type: faq
audience: [internal, customer]
summary: A named business owner, not IT and not the vendor.
question: Who owns adoption once the system is live?
answer: A named business owner who reports to the sponsor.
stages: [sustain]
owner: CS Enablement
reviewed: 2026-11-01
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "p")
    (root / "overrides/plays").mkdir(parents=True)
    (root / "overrides/plays/faq.md.j2").write_text(TEMPLATE, encoding="utf-8")
    taxonomy = root / "taxonomy.yml"
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8").replace(
            "types:\n",
            "types:\n  faq:\n    label: FAQ\n    description: A question and its answer.\n",
        ),
        encoding="utf-8",
    )
    (root / "plays/faqs").mkdir()
    (root / "plays/faqs/who-owns-adoption.yml").write_text(PLAY, encoding="utf-8")
    return root


def test_a_registered_type_is_scaffolded_checked_rendered_and_built(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with registered(FAQ):
        result = CliRunner().invoke(main, ["-f", str(project / "mkdocs.yml"), "new", "faq", "x"])
        assert result.exit_code == 0, result.output
        scaffolded = (project / "plays/faqs/x.yml").read_text(encoding="utf-8")
        assert "question: 'TODO: the question?'" in scaffolded
        assert "# The question customers ask." in scaffolded
        (project / "plays/faqs/x.yml").unlink()

        config = load_project(project / "mkdocs.yml")
        assert errors(find_problems(config)[1]) == []
        page = render_pages(prepare_edition(config, config.edition("customer")))
        assert (
            "## Answer\n\nA named business owner who reports to the sponsor."
            in page["plays/who-owns-adoption.md"]
        )
        schema = play_schema(None)
        assert "FaqPlay" in schema["$defs"]

        _mkdocs_build(project, "customer", monkeypatch)
    html = (project / "site/customer/plays/who-owns-adoption/index.html").read_text("utf-8")
    assert "Who owns adoption once the system is live?" in html
    assert "faq" not in TYPES  # the registry is back to the five bundled types


def _mkdocs_build(project: Path, edition: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real MkDocs build in this process, where the type is registered."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("ADOPTBOOK_EDITION", edition)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    assert os.path.isdir(project / "site" / edition)
