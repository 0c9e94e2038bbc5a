"""One page-expansion path: check, render and build give a page the same functions and
variables, and a failing page fails in all three at the same file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitekit import adoptbook, copy_project

pytestmark = pytest.mark.build

WORKS = """\
---
title: Variables
audience: [internal, customer]
---

# {{ config.site_name }}

{% set total = play_count() %}
There are {{ total }} plays, and {{ extra.generator is defined }}.
"""

FAILS = """\
---
title: Broken
audience: [internal, customer]
---

# Broken

{% set owner = {"name": "CS"} %}
Fine so far.

{{ owner.name.upper() }} is fine too, but the next line is not:
{{ owner.team.lead }}
"""


def test_config_and_set_variables_expand_the_same_in_all_three(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    (project / "playbooks/vars.md").write_text(WORKS, encoding="utf-8")
    assert adoptbook(project, "check").returncode == 0
    out = tmp_path / "out"
    assert adoptbook(project, "render", "--edition", "customer", "--out", str(out)).returncode == 0
    rendered = (out / "vars.md").read_text(encoding="utf-8")
    assert "# Adoption Toolkit" in rendered and "There are 5 plays" in rendered
    assert adoptbook(project, "build").returncode == 0
    html = (project / "site/customer/vars/index.html").read_text(encoding="utf-8")
    assert 'id="adoption-toolkit">Adoption Toolkit' in html and "There are 5 plays" in html


def test_a_failing_page_fails_at_the_same_line_in_check_render_and_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    (project / "playbooks/broken.md").write_text(FAILS, encoding="utf-8")
    expected = "playbooks/broken.md:12:1: error: macro error: 'dict object' has no attribute 'team'"
    check = adoptbook(project, "check")
    render = adoptbook(project, "render", "--out", str(tmp_path / "out"))
    build = adoptbook(project, "build")
    for result in (check, render, build):
        assert result.returncode == 1
        assert expected in result.stdout, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
