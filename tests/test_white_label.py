"""White-label editions: several branded customer editions from one command, each checked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitekit import adoptbook, all_text, copy_project

pytestmark = pytest.mark.build

PARTNERS = {
    "acme": ("Acme Adoption Hub", "help@acme.example", "Acme teams start here."),
    "globex": ("Globex Rollout Kit", "https://globex.example/help", "Everything Globex needs."),
    "initech": ("Initech Toolkit", "support@initech.example", "Initech's adoption pages."),
}
EDITIONS = """\
      editions:
        internal: {audience: internal, brand: internal}
        customer: &customer {audience: customer, brand: customer}
        acme: {<<: *customer, brand: acme, site_dir: site/partners/acme}
        globex: {<<: *customer, brand: globex, segment: b2b, site_dir: site/partners/globex}
        initech: {<<: *customer, brand: initech, tier: tech-touch, site_dir: site/partners/initech}
"""
INTERNAL = ("The five parts of a CSM strategy", "csm-strategy", "Talk track", "Internal – CS")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("white-label") / "p")
    brands = root / "overrides" / "brands"
    for name, (site_name, support, intro) in PARTNERS.items():
        shutil.copytree(brands / "customer", brands / name)
        (brands / name / "brand.yml").write_text(
            f'site_name: "{site_name}"\nsupport: "{support}"\nintro: "{intro}"\n'
            f"palette: {{primary: indigo, accent: amber}}\nfooter: {name} footer\n",
            encoding="utf-8",
        )
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("      editions:\n")
    end = text.index("\n  - ", start + len("      editions:\n")) + 1
    config.write_text(text[:start] + EDITIONS + text[end:], encoding="utf-8")
    return root


def test_editions_are_listed_for_a_ci_matrix(project: Path) -> None:
    result = adoptbook(project, "editions", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["globex"] == {
        "name": "globex", "audience": "customer", "brand": "globex", "segment": "b2b",
        "tier": None, "site_dir": "site/partners/globex", "site_url": None, "public": True,
    }  # fmt: skip
    assert rows["internal"]["public"] is False


def test_three_white_label_editions_build_in_one_command_each_with_its_brand(project: Path) -> None:
    result = adoptbook(project, "build", "--jobs", "3")
    assert result.returncode == 0, result.stderr
    assert "[internal] leak guard" not in result.stderr  # staff editions show everything
    for name, (site_name, support, intro) in PARTNERS.items():
        assert f"built the {name} edition, for customer readers (public)" in result.stderr
        assert f"[{name}] leak guard: read the site in " in result.stderr  # it ran on each
        site = project / "site" / "partners" / name
        home = (site / "index.html").read_text(encoding="utf-8")
        assert f"<title>Home - {site_name}</title>" in home and intro in home
        assert support in home and f"{name} footer" in home
        files = all_text(site)
        leaks = [(m, f) for f, text in files.items() for m in INTERNAL if m in text or m in f]
        assert not leaks, f"internal material in the {name} edition: {leaks}"
    b2c_only = [p for p in (project / "plays").rglob("*.yml") if "segments: [b2c]" in p.read_text()]
    for play in b2c_only:
        assert not (project / "site/partners/globex/plays" / play.stem).exists()
