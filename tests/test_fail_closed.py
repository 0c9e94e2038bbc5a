"""Fail closed: whatever mkdocs.yml says, no build publishes internal content to customers.

Each test writes the configuration people actually write, or plants a marker in one kind
of material an editor or admin might add, builds, and looks for the marker in every file
(contents and names) of the customer edition, or expects a clear one-line error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import ROOT, adoptbook, all_text, copy_project

pytestmark = pytest.mark.build

INTERNAL_WORDS = "The five parts of a CSM strategy"  # title of the mini playbook's internal play
MINIMAL = """\
site_name: Minimal
docs_dir: playbooks
theme:
  name: material
  custom_dir: overrides
plugins: [adoptbook, search, tags, macros]
"""


def mkdocs(project: Path, *args: str, env: dict[str, str] | None = None):
    """Plain `mkdocs` in `project`, with no edition named unless `env` names one."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    full_env.pop("ADOPTBOOK_EDITION", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=project, env=full_env,
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def project_with(tmp_path: Path, config: str) -> Path:
    project = copy_project(tmp_path / "p")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def customer_text(project: Path) -> dict[str, str]:
    return all_text(project / "site" / "customer")


def assert_no_marker(files: dict[str, str], *markers: str) -> None:
    leaks = [(m, name) for name, text in files.items() for m in markers if m in text or m in name]
    assert not leaks, f"internal material in the customer edition: {leaks}"


def one_error_line(output: str) -> str:
    """The one `file: error: ...` line, without MkDocs' `ERROR -` prefix; no traceback."""
    lines = [line.split("-  ", 1)[-1] for line in output.splitlines() if ": error: " in line]
    assert "Traceback" not in output, output
    assert len(lines) == 1, output
    return lines[0]


# --- The edition is chosen by the command, never by mkdocs.yml ------------------------


def test_minimal_config_builds_a_customer_edition_without_internal_text(tmp_path: Path) -> None:
    project = project_with(tmp_path, MINIMAL)
    result = adoptbook(project, "build")
    assert result.returncode == 0, result.stderr
    assert "the customer edition, for customer readers" in result.stderr
    assert_no_marker(customer_text(project), INTERNAL_WORDS, "csm-strategy", "Talk track")
    internal = "\n".join(all_text(project / "site" / "internal").values())
    assert INTERNAL_WORDS in internal


def test_edition_written_out_in_mkdocs_yml_is_refused_everywhere(tmp_path: Path) -> None:
    config = MINIMAL.replace(
        "plugins: [adoptbook, search, tags, macros]",
        "plugins:\n  - adoptbook:\n      edition: internal\n  - search\n  - tags\n  - macros",
    )
    project = project_with(tmp_path, config)
    expected = "mkdocs.yml: error: plugins.adoptbook.edition: mkdocs.yml no longer chooses"
    for result in (
        adoptbook(project, "build"),
        adoptbook(project, "check"),
        mkdocs(project, "build"),
    ):
        assert result.returncode == 1
        assert one_error_line(result.stdout + result.stderr).startswith(expected)
    assert not (project / "site").exists()


def test_plain_mkdocs_build_with_no_edition_named_builds_the_customer_edition(
    tmp_path: Path,
) -> None:
    project = project_with(tmp_path, MINIMAL)
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "building the 'customer' edition, for customer readers" in result.stderr
    assert sorted(p.name for p in (project / "site").iterdir()) == ["customer"]
    assert_no_marker(customer_text(project), INTERNAL_WORDS, "csm-strategy")


def test_plain_mkdocs_serve_and_build_refuse_when_only_internal_editions_exist(
    tmp_path: Path,
) -> None:
    config = MINIMAL.replace(
        "plugins: [adoptbook, search, tags, macros]",
        "plugins:\n  - adoptbook:\n      editions:\n        staff: {audience: internal, "
        "brand: internal}\n  - macros",
    )
    project = project_with(tmp_path, config)
    result = mkdocs(project, "build")
    assert result.returncode == 1
    assert "no edition named, and this project declares only internal editions" in result.stderr
    assert not (project / "site").exists()


def test_an_unknown_edition_name_is_one_line_in_every_command(tmp_path: Path) -> None:
    project = project_with(tmp_path, MINIMAL)
    expected = "mkdocs.yml: error: plugins.adoptbook.editions: no edition 'nope' (declared: "
    plain = mkdocs(project, "build", env={"ADOPTBOOK_EDITION": "nope"})
    cli = adoptbook(project, "build", "--edition", "nope")
    for result in (plain, cli):
        assert result.returncode == 1
        assert expected in one_error_line(result.stdout + result.stderr)


def test_gh_deploy_of_an_internal_edition_is_refused(tmp_path: Path) -> None:
    project = project_with(tmp_path, MINIMAL)
    result = mkdocs(project, "gh-deploy", env={"ADOPTBOOK_EDITION": "internal"})
    assert result.returncode == 1
    assert "refusing to deploy the 'internal' edition to GitHub Pages" in result.stderr
    assert not (project / "site").exists()


def test_the_plugin_cannot_be_switched_off(tmp_path: Path) -> None:
    config = MINIMAL.replace(
        "plugins: [adoptbook, search, tags, macros]",
        "plugins:\n  - adoptbook:\n      enabled: false\n  - macros",
    )
    project = project_with(tmp_path, config)
    for result in (mkdocs(project, "build"), adoptbook(project, "check")):
        assert result.returncode == 1
        assert "plugins.adoptbook.enabled: the adoptbook plugin cannot be switched off" in (
            result.stdout + result.stderr
        )


# --- Configuration mistakes: one line naming mkdocs.yml and the option, exit 1 ------------


EDITIONS = """\
plugins:
  - adoptbook:
      editions:
        internal: {audience: internal, brand: internal}
        customer: {EDITION}
  - macros
"""
CONFIG_MISTAKES = {
    "missing brand pack": (
        "{audience: customer, brand: acme}",
        "plugins.adoptbook.editions.customer.brand: brand pack not found: "
        "overrides/brands/acme/brand.yml does not exist (known: customer, internal)",
    ),
    "brand with the internal marker": (
        "{audience: customer, brand: internal}",
        "plugins.adoptbook.editions.customer.brand: brand 'internal' carries the internal marker",
    ),
    "misspelled option": (
        "{audience: customer, brand: customer, segmnet: b2c}",
        "plugins.adoptbook.editions.customer.segmnet: unknown option (did you mean 'segment'?)",
    ),
    "unknown audience": (
        "{audience: customers, brand: customer}",
        "plugins.adoptbook.editions.customer.audience:",
    ),
    "segment and tier set wrongly": (
        "{audience: customer, brand: customer, segment: b2x, tier: top}",
        "plugins.adoptbook.editions.customer.segment: 'b2x' is not a segment declared",
    ),
    "overlapping output folders": (
        "{audience: customer, brand: customer, site_dir: site/internal/public}",
        "plugins.adoptbook.editions.customer.site_dir: 'site/internal/public' overlaps the "
        "output folder of edition 'internal'",
    ),
    "output folder over the project": (
        "{audience: customer, brand: customer, site_dir: .}",
        "plugins.adoptbook.editions.customer.site_dir: '.' would overwrite the project's own files",
    ),
}


@pytest.mark.parametrize("mistake", sorted(CONFIG_MISTAKES))
def test_configuration_mistakes_are_one_line_in_all_three_commands(
    tmp_path: Path, mistake: str
) -> None:
    edition, expected = CONFIG_MISTAKES[mistake]
    project = project_with(tmp_path, MINIMAL.replace(
        "plugins: [adoptbook, search, tags, macros]", EDITIONS.replace("{EDITION}", edition)
    ))  # fmt: skip
    (project / "site").mkdir()
    (project / "site" / "keep.txt").write_text("the previous site", encoding="utf-8")
    env = {"ADOPTBOOK_EDITION": "customer"}
    for result in (
        adoptbook(project, "build"),
        adoptbook(project, "check"),
        mkdocs(project, "build", env=env),
    ):
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert f"mkdocs.yml: error: {expected}" in one_error_line(output), output
    assert sorted(p.name for p in (project / "site").iterdir()) == ["keep.txt"]


def test_a_brand_without_its_logo_is_a_configuration_error(tmp_path: Path) -> None:
    project = project_with(tmp_path, MINIMAL)
    (project / "overrides/brands/customer/logo.svg").unlink()
    for result in (
        adoptbook(project, "build"),
        adoptbook(project, "check"),
        mkdocs(project, "build"),
    ):
        assert result.returncode == 1
        assert (
            "mkdocs.yml: error: plugins.adoptbook.editions.customer.brand: "
            "overrides/brands/customer/brand.yml names logo 'logo.svg', which is not in "
            "overrides/brands/customer/" in one_error_line(result.stdout + result.stderr)
        )


def test_inherit_env_and_relative_work_in_check_render_and_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    (project / "mkdocs.yml").rename(project / "base.yml")
    (project / "mkdocs.yml").write_text(
        "INHERIT: base.yml\n"
        "extra:\n  support: !ENV [AB_SUPPORT, nobody]\n  home: !relative $config_dir\n",
        encoding="utf-8",
    )
    page = project / "playbooks/toolkit.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAsk {{ support }}.\n", encoding="utf-8")
    env = {"AB_SUPPORT": "the help desk"}
    assert adoptbook(project, "check", env=env).returncode == 0
    rendered = adoptbook(project, "render", "--out", str(tmp_path / "out"), env=env)
    assert rendered.returncode == 0, rendered.stderr
    assert "Ask the help desk." in (tmp_path / "out" / "toolkit.md").read_text(encoding="utf-8")
    assert adoptbook(project, "build", env=env).returncode == 0
    built = (project / "site/customer/toolkit/index.html").read_text(encoding="utf-8")
    assert "Ask the help desk." in built


# --- Everything an edition ships obeys the edition ------------------------------------------


INTERNAL_PAGE = (
    "---\ntitle: Staff corner\naudience: internal\n---\n\n# Staff corner\n\nFILEMARKERPAGE\n"
)


def test_files_next_to_internal_pages_stay_internal(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    staff = project / "playbooks" / "staff"
    staff.mkdir()
    (staff / "index.md").write_text(INTERNAL_PAGE, encoding="utf-8")
    planted = {
        "call-script.txt": "FILEMARKERTXT call script",
        "cheat-sheet.html": "<p>FILEMARKERHTML</p>",
        "accounts.csv": "name,FILEMARKERCSV\n",
        "index.md~": "FILEMARKERBACKUP",
        "briefing.pdf": "%PDF-1.4 FILEMARKERPDF",
        "diagram.png": "FILEMARKERPNG",
    }
    for name, text in planted.items():
        (staff / name).write_text(text, encoding="utf-8")
    (project / "playbooks" / "public.png").write_text("PUBLICIMAGE", encoding="utf-8")
    toolkit = project / "playbooks" / "toolkit.md"
    toolkit.write_text(
        toolkit.read_text(encoding="utf-8") + "\n![A diagram](public.png)\n", encoding="utf-8"
    )
    result = adoptbook(project, "build")
    assert result.returncode == 0, result.stderr
    files = customer_text(project)
    assert_no_marker(files, "FILEMARKER")
    assert not any(name.startswith("staff") for name in files), sorted(files)
    assert "public.png" in files  # a file a customer page shows is published
    internal = all_text(project / "site" / "internal")
    assert "staff/call-script.txt" in internal and "staff/index.md~" not in internal

    out = tmp_path / "out"
    assert adoptbook(project, "render", "--edition", "customer", "--out", str(out)).returncode == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "public.png" in written and not any(p.startswith("staff") for p in written)


def test_nav_links_and_titles_in_an_internal_section_stay_internal(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - CSM playbook: csm.md\n",
            "  - NAVMARKERSECTION:\n      - csm.md\n      - NAVMARKERLINK: https://crm.example.com/\n"
            "      - NAVMARKERGROUP:\n          - Pipeline: https://crm.example.com/pipeline\n",
        ),
        encoding="utf-8",
    )
    assert adoptbook(project, "build").returncode == 0
    assert_no_marker(customer_text(project), "NAVMARKER", "crm.example.com")
    assert "NAVMARKERLINK" in (project / "site/internal/index.html").read_text(encoding="utf-8")


def test_vocabulary_used_only_by_internal_plays_is_not_listed_to_customers(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    taxonomy = project / "taxonomy.yml"
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8")
        .replace("personas:\n", "personas:\n  vocab-persona:\n    label: VOCABPERSONALABEL\n"
                 "    description: VOCABPERSONADESCRIPTION\n", 1)
        .replace("tags:\n", "tags:\n  vocab-tag:\n    label: VOCABTAGLABEL\n"
                 "    description: VOCABTAGDESCRIPTION\n", 1),
        encoding="utf-8",
    )  # fmt: skip
    play = project / "plays/guides/csm-strategy.yml"
    play.write_text(
        play.read_text(encoding="utf-8") + "personas: [vocab-persona]\ntags: [vocab-tag]\n",
        encoding="utf-8",
    )
    page = project / "playbooks/toolkit.md"
    page.write_text(
        page.read_text(encoding="utf-8") + '\n{{ terms("personas") }}\n\n{{ terms("tags") }}\n',
        encoding="utf-8",
    )
    assert adoptbook(project, "build").returncode == 0
    assert_no_marker(
        customer_text(project), "VOCABPERSONA", "VOCABTAG", "vocab-persona", "vocab-tag"
    )
    internal = (project / "site/internal/toolkit/index.html").read_text(encoding="utf-8")
    assert "VOCABPERSONADESCRIPTION" in internal and "VOCABTAGLABEL" in internal


@pytest.mark.parametrize(
    "link",
    [
        '<a href="../plays/csm-strategy/">strategy</a>',
        "<a href='plays/csm-strategy/index.html'>strategy</a>",
        "See [the strategy][s].\n\n[s]: plays/csm-strategy.md",
        '<a href="csm/">the CSM page</a>',
    ],
)
def test_links_to_internal_plays_or_pages_in_any_syntax_are_errors(
    tmp_path: Path, link: str
) -> None:
    project = copy_project(tmp_path / "p")
    page = project / "playbooks/toolkit.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{link}\n", encoding="utf-8")
    for result in (adoptbook(project, "check"), adoptbook(project, "build")):
        assert result.returncode == 1
        assert "playbooks/toolkit.md:" in result.stdout
        assert "internal-only content, hidden from customer readers" in result.stdout
    assert not (project / "site").exists()


def test_internal_snippets_in_any_letter_case_are_internal(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    folder = project / "snippets" / "Internal"
    folder.mkdir()
    (folder / "secret.md").write_text("SNIPPETCASEMARKER\n", encoding="utf-8")
    page = project / "playbooks/toolkit.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + '\n{{ snippet("Internal/secret") }}\n', encoding="utf-8")
    result = adoptbook(project, "check")
    assert result.returncode == 1
    assert (
        "snippet 'Internal/secret' is internal-only but included in customer-visible"
        in result.stdout
    )
    csm = project / "playbooks/csm.md"
    page.write_text(original, encoding="utf-8")
    csm.write_text(
        csm.read_text(encoding="utf-8") + '\n{{ snippet("Internal/secret") }}\n', encoding="utf-8"
    )
    assert adoptbook(project, "build").returncode == 0
    assert_no_marker(customer_text(project), "SNIPPETCASEMARKER")


# --- Publishing: the internal edition stays out of search engines ---------------------------


def test_internal_pages_are_noindex_with_a_closed_robots_txt_and_no_sitemap(mini_site) -> None:
    internal = mini_site.site("internal")
    for page in internal.rglob("*.html"):
        assert '<meta name="robots" content="noindex, nofollow">' in page.read_text("utf-8"), page
    assert (internal / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    assert not (internal / "sitemap.xml").exists() and not (internal / "sitemap.xml.gz").exists()


def test_customer_pages_are_indexable_with_their_sitemap(mini_site) -> None:
    customer = mini_site.site("customer")
    assert "noindex" not in (customer / "index.html").read_text(encoding="utf-8")
    robots = (customer / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /\n" not in robots
    assert "Sitemap: https://adoption-toolkit.example.com/sitemap.xml" in robots
    assert (customer / "sitemap.xml").is_file()


def test_the_deploy_workflow_publishes_only_the_customer_edition_to_pages() -> None:
    workflow = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert "actions/deploy-pages" in workflow
    assert "path: site/customer" in workflow
    assert "name: internal-edition" in workflow  # handed over as an artifact, not deployed
