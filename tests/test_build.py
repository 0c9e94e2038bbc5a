"""Real builds of both editions: pages, search index, tags, brands, safety of the output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from adoptbook.search import read_index_file
from sitekit import adoptbook, build, copy_project, tree_digest

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("build"))
    build(project)
    return project / "site"


def page(site: Path, edition: str, uri: str) -> str:
    return (site / edition / uri / "index.html").read_text(encoding="utf-8")


def article(site: Path, edition: str, uri: str) -> str:
    html = page(site, edition, uri)
    return html[html.index("<article") : html.index("</article>")]


def search_pages(site: Path, edition: str) -> dict[str, dict[str, Any]]:
    """URL -> what Pagefind's index holds for that page (its compressed fragment)."""
    fragments = (site / edition / "pagefind" / "fragment").glob("*.pf_fragment")
    pages = [json.loads(read_index_file(path)) for path in fragments]
    return {page["url"]: page for page in pages}


def test_internal_play_page_shows_every_part_a_csm_needs(site: Path) -> None:
    html = article(site, "internal", "plays/no-choice")
    assert html.index("ab-lead") < html.index("The myth")  # summary first
    for part in ("The reality", "What to do instead", "When the customer says", "Play owner"):
        assert part in html
    assert 'class="admonition coaching"' in html and "Talk track" in html
    assert 'class="tabbed-set' in html and ">B2B</label>" in html and ">B2C</label>" in html
    assert 'class="grid cards ab-tiers"' in html
    assert "content.tabs.link" in page(site, "internal", "plays/no-choice")  # B2C once, everywhere


def test_customer_play_page_has_no_coaching_and_customer_words(site: Path) -> None:
    html = page(site, "customer", "plays/no-choice")
    assert "coaching" not in html.lower()
    assert "Sounds familiar?" in html and "When the customer says" not in html


def test_action_plan_steps_are_numbered_with_owner_and_timing(site: Path) -> None:
    html = page(site, "internal", "plays/supervisor-targets")
    assert "<ol>" in html and "Adoption owner" in html and "4 weeks before go-live" in html
    assert "Done when:" in html


def test_email_template_is_one_copyable_block_with_subject_and_body(site: Path) -> None:
    html = page(site, "customer", "plays/go-live-note")
    block = html[html.index('class="ab-message highlight"') :]
    block = block[: block.index("</code>")]
    assert "Subject:" in block and "Hello all" in block and "{sponsor_name}" in block
    assert "content.code.copy" in html


def test_checklist_questions_are_fieldsets_with_guidance_routes_and_bands(site: Path) -> None:
    html = page(site, "customer", "plays/before-you-buy")
    question = html[html.index('<fieldset class="ab-question" data-ab-item="2"') :]
    question = question[: question.index("</fieldset>")]
    assert "<legend>2. Is one executive accountable for the results?</legend>" in question
    assert "A committee is not an owner." in question
    assert 'href="../no-choice/"' in question and 'href="../critical-path/"' in question
    assert 'value="not-sure"' in question
    assert '<div class="ab-band" data-ab-from="1" data-ab-to="2">' in html
    assert "Internal note for the CSM." not in html and "csm-strategy" not in html


@pytest.mark.parametrize("edition", ["internal", "customer"])
def test_symptoms_are_in_the_search_index_of_their_play(site: Path, edition: str) -> None:
    play = search_pages(site, edition)["/plays/no-choice/"]
    assert "keep using spreadsheets" in play["meta"]["symptoms"]  # weighed most when ranking
    assert "keep using spreadsheets" in play["content"]


def test_search_index_of_customer_edition_holds_only_customer_pages(site: Path) -> None:
    urls = set(search_pages(site, "customer"))
    assert "/plays/csm-strategy/" not in urls and "/csm/" not in urls
    assert "/plays/no-choice/" in urls and "/find/" in urls
    assert "/plays/csm-strategy/" in search_pages(site, "internal")
    assert not [url for url in urls if "404" in url]


def test_play_pages_carry_their_facets_type_and_summary_for_search(site: Path) -> None:
    pages = search_pages(site, "customer")
    play = pages["/plays/supervisor-targets/"]
    assert play["meta"]["type"] == "Action plan" and play["meta"]["summary"]
    assert play["filters"]["kind"] == ["play"] and play["filters"]["type"] == ["action-plan"]
    assert "go-live" in play["filters"]["stage"] and play["filters"]["persona"]
    assert pages["/toolkit/"]["filters"] == {"kind": ["page"]}


def test_search_index_leaves_out_what_is_not_the_page_itself(site: Path) -> None:
    pages = search_pages(site, "internal")
    play = pages["/plays/no-choice/"]["content"]
    assert "Play owner" not in play and "¶" not in play and "Print" not in play
    toolkit = pages["/toolkit/"]["content"]  # lists other plays: found on their own pages
    assert "Supervisors set targets for their team" not in toolkit
    bundle = site / "internal" / "pagefind"
    assert (bundle / "pagefind.js").is_file() and not (bundle / "pagefind-ui.js").exists()


def test_finder_lists_every_play_of_its_edition_grouped_by_type(site: Path) -> None:
    for edition, hidden in (("internal", set()), ("customer", {"csm-strategy"})):
        html = article(site, edition, "find")
        plays = {p.name for p in (site / edition / "plays").iterdir()}
        listed = set(
            re.findall(r'<li data-ab-facets="[^"]*"><a href="\.\./plays/([a-z0-9-]+)/"', html)
        )
        assert listed == plays and not listed & hidden, edition
        assert html.index('id="type-myth"') < html.index('id="type-action-plan"')
        assert 'class="ab-finder__form" hidden' in html or 'hidden="hidden"' in html


def test_tags_pages_list_plays_by_type_stage_and_persona(site: Path) -> None:
    html = page(site, "internal", "tags")
    for tag in ("Type", "Myth-busting", "Stage", "Go-live", "Persona", "Direct supervisor"):
        assert tag in html
    assert "plays/csm-strategy/" in html
    assert "plays/csm-strategy/" not in page(site, "customer", "tags")


def test_hidden_pages_are_gone_from_nav_files_and_sitemap(site: Path) -> None:
    assert (site / "internal/csm/index.html").is_file()
    assert not (site / "customer/csm").exists()
    home = page(site, "customer", "")
    assert "csm/" not in home and "CSM playbook" not in home
    assert "/csm/" not in (site / "customer/sitemap.xml").read_text(encoding="utf-8")


def test_brand_of_each_edition(site: Path) -> None:
    internal, customer = page(site, "internal", ""), page(site, "customer", "")
    assert "Adoption Playbook for CSMs" in internal and "Internal – CS coaching" in internal
    assert "Adoption Toolkit" in customer and 'data-md-color-primary="teal"' in customer
    assert (site / "customer/assets/brand/logo.svg").is_file()
    assert not (site / "customer/brands").exists()  # other brand packs are not published


def test_nothing_is_fetched_from_the_internet(site: Path) -> None:
    for html in (site / "customer").rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text
        for attribute in ('src="http', "src='http", 'href="https://fonts', "@import url(http"):
            assert attribute not in text, html


JINJA_PLAY = """\
id: injection
title: "Injection {{ config.site_name }}"
type: guide
audience: [internal, customer]
summary: "Literal {{ config.site_name }} and {% include 'main.html' %} stay text."
sections:
  - heading: Jinja
    body: "{{ 7 * 7 }} and {% raw %}x{% endraw %} and {# note #}"
stages: [renewal]
owner: Editors
reviewed: 2026-11-01
"""


def test_jinja_in_play_text_is_shown_literally_never_run(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    (project / "plays/guides/injection.yml").write_text(JINJA_PLAY, encoding="utf-8")
    build(project)
    html = page(project / "site", "customer", "plays/injection")
    assert "{{ config.site_name }}" in html and "{{ 7 * 7 }}" in html
    assert "{% include &#39;main.html&#39; %}" in html or "{% include 'main.html' %}" in html
    assert "{% raw %}" in html and "49" not in html


def test_script_tag_in_play_text_is_rejected_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    bad = JINJA_PLAY.replace('body: "{{ 7 * 7 }}', 'body: "<script>alert(1)</script>')
    (project / "plays/guides/injection.yml").write_text(bad, encoding="utf-8")
    result = adoptbook(project, "build")
    assert result.returncode == 1
    assert (
        "plays/guides/injection.yml:8:12: error: sections[0].body: raw HTML is not allowed"
        in result.stdout
    )
    assert not (project / "site").exists()


def test_failed_build_leaves_the_previous_site_exactly_as_it_was(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    build(project)
    before = tree_digest(project / "site")
    play = project / "plays/myths/no-choice.yml"
    play.write_text(play.read_text(encoding="utf-8").replace("stages: [planning", "stages: [plan"))
    result = adoptbook(project, "build")
    assert result.returncode == 1 and "no-choice.yml" in result.stdout
    assert tree_digest(project / "site") == before


def test_failure_inside_mkdocs_also_leaves_the_site_untouched(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    build(project)
    before = tree_digest(project / "site")
    toolkit = project / "playbooks/toolkit.md"
    toolkit.write_text(toolkit.read_text(encoding="utf-8") + "\n[x](index.md#no-such-anchor)\n")
    result = adoptbook(project, "build")
    assert result.returncode == 1
    assert "no-such-anchor" in result.stderr
    assert tree_digest(project / "site") == before
    assert sorted(p.name for p in (project / "site").iterdir()) == ["customer", "internal"]


def test_plain_mkdocs_build_is_atomic_too(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ADOPTBOOK_EDITION": "customer"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    assert subprocess.run(command, cwd=project, env=env, capture_output=True).returncode == 0
    before = tree_digest(project / "site")
    assert "customer/pagefind/pagefind-entry.json" in before  # plain MkDocs indexes too
    toolkit = project / "playbooks/toolkit.md"
    toolkit.write_text(toolkit.read_text(encoding="utf-8") + "\n[x](index.md#no-such-anchor)\n")
    assert subprocess.run(command, cwd=project, env=env, capture_output=True).returncode != 0
    assert tree_digest(project / "site") == before


def test_same_input_and_source_date_epoch_give_identical_bytes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    build(project, env=env)
    first = tree_digest(project / "site")
    build(project, env=env)
    assert tree_digest(project / "site") == first


def test_one_edition_builds_alone(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    build(project, "--edition", "customer")
    assert (project / "site/customer/index.html").is_file()
    assert not (project / "site/internal").exists()
    result = adoptbook(project, "build", "--edition", "nope")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "mkdocs.yml: error: plugins.adoptbook.editions: no edition 'nope' "
        "(declared: internal, customer)"
    )
