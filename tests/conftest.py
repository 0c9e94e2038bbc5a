"""Shared fixtures: real builds of a playbook, once per test session.

`bundled_site` builds the playbook this repository ships (mkdocs.yml, taxonomy.yml,
overrides/, playbooks/, plays/, snippets/) in a temporary copy with the real
`adoptbook build` command. The browser journeys (tests/browser/) and the link
checker (tests/test_links.py) both read it.

Set ADOPTBOOK_TEST_PLAYBOOK to a folder holding plays/, playbooks/ and snippets/
(e.g. tests/fixtures/mini) to take the content from there instead; the repo's
configuration and theme are used either way.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from sitekit import MINI, ROOT, BuiltSite, build_copy

# Every test run (and every process it starts) caches parsed plays in its own folder.
os.environ.setdefault("ADOPTBOOK_CACHE_DIR", tempfile.mkdtemp(prefix="adoptbook-cache-"))


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The bundled playbook, both editions built once per session."""
    content = Path(os.environ.get("ADOPTBOOK_TEST_PLAYBOOK") or ROOT).resolve()
    return build_copy(tmp_path_factory.mktemp("bundled"), content)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The small fixture project (tests/fixtures/mini), both editions built."""
    return build_copy(tmp_path_factory.mktemp("mini"), MINI)
