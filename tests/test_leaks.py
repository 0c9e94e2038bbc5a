"""Canary tests: every internal place carries a unique marker; no marker reaches customers.

Two layers. A hypothesis property renders random plays, with internal parts at
random depths, through the engine-agnostic pipeline. A real build of both
editions then checks every file MkDocs and Pagefind write (HTML, the compressed search
index, sitemap, tags.json, 404) for hand-placed canaries in every kind of internal place.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from adoptbook.config import load_project
from adoptbook.editions import for_edition
from adoptbook.loader import load_content
from adoptbook.pipeline import find_problems, prepare_edition, render_pages
from adoptbook.problems import errors
from sitekit import MINI, all_text, build, copy_project

TODAY = dt.date(2026, 11, 25)
FREE_TEXT = {
    "title", "summary", "myth", "reality", "why_it_matters", "fact", "source", "text", "do",
    "done_when", "details", "goal", "question", "guidance", "heading", "body", "subject",
    "talk_track", "objection", "answer", "notes", "scoring", "owner", "label",
}  # fmt: skip
TEXT_LISTS = {"symptoms", "instead", "discovery_questions", "red_flags"}
SEED_PLAYS = sorted((MINI / "plays").rglob("*.yml"))


class Marker:
    """Hands out unique marker words and remembers which ones are internal."""

    def __init__(self) -> None:
        self.counter = itertools.count()
        self.internal: set[str] = set()
        self.public: set[str] = set()

    def word(self, internal: bool) -> str:
        word = f"zqx{next(self.counter)}canary"
        (self.internal if internal else self.public).add(word)
        return word


NAMED_MAPPINGS = {"placeholders", "segments", "tiers"}  # keys are names, not fields


def sometimes(draw: Any) -> bool:
    """True about one time in four."""
    return draw(st.integers(min_value=0, max_value=3)) == 0


def mark_play(data: dict[str, Any], draw: Any, marker: Marker) -> dict[str, Any]:
    """Replace free text with markers; make random subtrees internal on the way."""
    data = copy.deepcopy(data)
    internal = data["audience"] == "internal" or sometimes(draw)
    data["audience"] = "internal" if internal else ["internal", "customer"]
    return _mark(data, draw, marker, internal, depth=0)


def _mark(node: Any, draw: Any, marker: Marker, internal: bool, depth: int) -> Any:
    """Mark a play mapping's free text; nested mappings may turn internal at random."""
    for key, value in list(node.items()):
        inner = internal or key == "coaching"
        if key in FREE_TEXT and isinstance(value, str) and (key != "owner" or depth == 0):
            node[key] = f"{value} {marker.word(inner)}"
        elif key in TEXT_LISTS and isinstance(value, list):
            node[key] = [_text_item(v, i, draw, marker, inner) for i, v in enumerate(value)]
        elif key in NAMED_MAPPINGS and isinstance(value, dict):
            node[key] = {k: _text_item(v, 1, draw, marker, inner) for k, v in value.items()}
        elif isinstance(value, dict):
            node[key] = _mark(value, draw, marker, _narrow(value, inner, draw), depth + 1)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            node[key] = [
                _mark(item, draw, marker, _narrow(item, inner, draw, keep=i == 0), depth + 1)
                for i, item in enumerate(value)
            ]
    return node


def _narrow(node: dict[str, Any], internal: bool, draw: Any, keep: bool = False) -> bool:
    if not keep and sometimes(draw):
        node["audience"] = "internal"
        return True
    return internal


def _text_item(value: Any, index: int, draw: Any, marker: Marker, internal: bool) -> Any:
    text = value["text"] if isinstance(value, dict) else value
    if index > 0 and sometimes(draw):
        return {"text": f"{text} {marker.word(True)}", "audience": "internal"}
    return f"{text} {marker.word(internal)}"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("leaks"))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_random_internal_parts_never_reach_the_customer_edition(scratch: Path, data) -> None:
    marker = Marker()
    for path in SEED_PLAYS:
        seed = yaml.safe_load(path.read_text(encoding="utf-8"))
        marked = mark_play(seed, data.draw, marker)
        target = scratch / path.relative_to(MINI)
        target.write_text(yaml.safe_dump(marked, sort_keys=False), encoding="utf-8")
    project = load_project(scratch / "mkdocs.yml")
    assume(not errors(find_problems(project, TODAY)[1]))

    customer = "\n".join(
        render_pages(prepare_edition(project, project.edition("customer"), today=TODAY)).values()
    )
    internal = "\n".join(
        render_pages(prepare_edition(project, project.edition("internal"), today=TODAY)).values()
    )

    leaked = sorted(m for m in marker.internal if m in customer)
    assert not leaked, f"internal markers in the customer edition: {leaked}"
    missing = sorted(m for m in marker.internal | marker.public if m not in internal)
    assert not missing, f"markers lost from the internal edition: {missing}"


def test_filtered_data_is_what_templates_receive(scratch: Path) -> None:
    """The customer edition's play objects hold no coaching and no internal items at all."""
    project = load_project(copy_project(scratch.parent / "filtered") / "mkdocs.yml")
    content = for_edition(load_content(project), project.edition("customer"))
    for play in content.plays.values():
        assert play.coaching is None
        audiences = _audiences(play.model_dump())
        assert audiences, play.id
        assert all("customer" in audience for audience in audiences), play.id


def _audiences(node: Any) -> list[Any]:
    if isinstance(node, dict):
        own = [node["audience"]] if node.get("audience") else []
        return own + [a for v in node.values() for a in _audiences(v)]
    if isinstance(node, list):
        return [a for item in node for a in _audiences(item)]
    return []


CANARY_PLAY = """\
id: canary-shared
title: Shared canary play
type: action-plan
audience: [internal, customer]
summary: A shared play with internal parts.
goal: Show customers only what is theirs.
owned_by: adoption-owner
steps:
  - do: A public step.
    owner: adoption-owner
    timing: before go-live
    done_when: Done.
  - do: CANARYSTEPDO internal step.
    owner: csm
    timing: after go-live
    done_when: CANARYSTEPDONE
    details: CANARYSTEPDETAILS
    audience: internal
stages: [go-live]
segments: [b2b, b2c]
tiers: [high-touch]
personas: [adoption-owner]
tags: [renewal-risk]
symptoms:
  - a public symptom
  - text: CANARYSYMPTOM internal symptom
    audience: internal
variants:
  segments:
    b2b: Public B2B guidance.
    b2c:
      text: CANARYVARIANT internal B2C guidance
      audience: internal
  tiers:
    high-touch: Public tier guidance.
related: [canary-internal-play]
coaching:
  talk_track: CANARYTALKTRACK
  discovery_questions: [CANARYDISCOVERY]
  objections:
    - objection: CANARYOBJECTION
      answer: CANARYANSWER
  red_flags: [CANARYREDFLAG]
  notes: CANARYNOTES
owner: CS Enablement
reviewed: 2026-11-01
"""

CANARY_INTERNAL_PLAY = """\
id: canary-internal-play
title: CANARYINTERNALTITLE
type: guide
audience: internal
summary: CANARYINTERNALSUMMARY
sections:
  - heading: CANARYINTERNALHEADING
    body: CANARYINTERNALBODY
stages: [renewal]
tags: [governance]
symptoms: [CANARYINTERNALSYMPTOM]
owner: CS Enablement
reviewed: 2026-11-01
"""

CANARY_CHECKLIST = """\
id: canary-checklist
title: Shared canary checklist
type: checklist
audience: [internal, customer]
summary: A shared checklist with an internal question, route and result band.
items:
  - question: A public question?
    guidance: Public guidance.
    if_not: [no-choice]
  - question: CANARYQUESTION for CSMs?
    guidance: CANARYGUIDANCE
    if_not: [canary-internal-play]
    audience: internal
results:
  - from: 0
    to: 0
    label: Public ready
    text: Public text.
  - from: 1
    to: 1
    label: Public not ready
    text: Public text.
  - from: 2
    label: CANARYBANDLABEL
    text: CANARYBANDTEXT
    audience: internal
stages: [selection]
owner: CS Enablement
reviewed: 2026-11-01
"""

CANARY_PAGE = """\
---
title: CANARYPAGETITLE
audience: internal
---

# CANARYPAGEHEADING

{{ snippet("internal/canary") }}

{{ play_list(type="guide") }}
"""

MARKERS_ONLY_INTERNAL = [
    "CANARYSTEPDO", "CANARYSTEPDONE", "CANARYSTEPDETAILS", "CANARYSYMPTOM", "CANARYVARIANT",
    "CANARYTALKTRACK", "CANARYDISCOVERY", "CANARYOBJECTION", "CANARYANSWER", "CANARYREDFLAG",
    "CANARYNOTES", "CANARYINTERNALTITLE", "CANARYINTERNALSUMMARY", "CANARYINTERNALHEADING",
    "CANARYINTERNALBODY", "CANARYINTERNALSYMPTOM", "canary-internal-play", "CANARYPAGETITLE",
    "CANARYPAGEHEADING", "CANARYSNIPPET", "canary-internal-page", "csm-strategy",
    "CANARYQUESTION", "CANARYGUIDANCE", "CANARYBANDLABEL", "CANARYBANDTEXT",
    "CANARYHEALTHTITLE", "canary-health", "ab-heat",
]  # fmt: skip

CANARY_HEALTH_PAGE = """\
---
title: CANARYHEALTHTITLE
audience: internal
---

# Playbook health

{{ health_report() }}
"""


@pytest.fixture(scope="module")
def canary_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("canary"))
    (project / "plays/action-plans/canary-shared.yml").write_text(CANARY_PLAY, encoding="utf-8")
    (project / "plays/guides/canary-internal-play.yml").write_text(
        CANARY_INTERNAL_PLAY, encoding="utf-8"
    )
    (project / "plays/checklists/canary-checklist.yml").write_text(
        CANARY_CHECKLIST, encoding="utf-8"
    )
    (project / "playbooks/canary-internal-page.md").write_text(CANARY_PAGE, encoding="utf-8")
    (project / "snippets/internal/canary.md").write_text("CANARYSNIPPET\n", encoding="utf-8")
    (project / "playbooks/canary-health.md").write_text(CANARY_HEALTH_PAGE, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "  - Canary: canary-internal-page.md\n  - Health: canary-health.md\n",
        encoding="utf-8",
    )
    build(project)
    return project / "site"


def holds(name: str, text: str, marker: str) -> bool:
    """Whether the file `name` holds `marker`, whatever its case. Pagefind's word chunks
    (pagefind/index/) hold words lower-cased and stemmed: there the stem is enough."""
    text, marker = text.lower(), marker.lower()
    if name.startswith("pagefind/index/"):
        marker = marker[:-2] if len(marker) > 8 else marker
    return marker in text


def search_files(files: dict[str, str]) -> dict[str, str]:
    return {name: text for name, text in files.items() if name.startswith("pagefind/")}


def test_every_canary_is_published_internally(canary_site: Path) -> None:
    internal = "\n".join(all_text(canary_site / "internal").values())
    missing = [m for m in MARKERS_ONLY_INTERNAL if m not in internal]
    assert not missing, f"canaries missing from the internal edition: {missing}"


def test_the_internal_search_index_holds_the_canaries(canary_site: Path) -> None:
    """The canary check reads Pagefind's compressed files: internally they hold everything."""
    files = search_files(all_text(canary_site / "internal"))
    for part in ("pagefind/fragment/", "pagefind/index/"):
        texts = {n: t for n, t in files.items() if n.startswith(part)}
        assert texts, f"no {part} files"
        for marker in ("CANARYTALKTRACK", "CANARYINTERNALSYMPTOM", "CANARYSTEPDETAILS"):
            assert any(holds(n, t, marker) for n, t in texts.items()), (part, marker)


def test_no_canary_anywhere_in_the_customer_edition(canary_site: Path) -> None:
    files = all_text(canary_site / "customer")
    assert {"sitemap.xml", "404.html", "tags.json", "pagefind/pagefind-entry.json"} <= set(files)
    for part in ("pagefind/fragment/", "pagefind/index/", "pagefind/filter/", "pagefind/pagefind."):
        assert any(name.startswith(part) for name in files), f"no {part} files to check"
    leaks = [
        (marker, name)
        for name, text in files.items()
        for marker in MARKERS_ONLY_INTERNAL
        if holds(name, text, marker)
    ]
    assert not leaks, f"internal content in the customer edition: {leaks}"


def test_customer_search_index_has_only_customer_pages(canary_site: Path) -> None:
    urls = {
        json.loads(text)["url"]
        for name, text in all_text(canary_site / "customer").items()
        if name.startswith("pagefind/fragment/")
    }
    assert "/plays/canary-shared/" in urls
    assert not [url for url in urls if "canary-internal" in url or "csm-strategy" in url]


def test_customer_edition_keeps_its_own_parts_of_a_shared_play(canary_site: Path) -> None:
    page = (canary_site / "customer/plays/canary-shared/index.html").read_text(encoding="utf-8")
    for public in ("A public step.", "a public symptom", "Public B2B guidance.", "Public tier"):
        assert public in page


def test_internal_marker_banner_only_in_internal_edition(canary_site: Path) -> None:
    for html in (canary_site / "internal").rglob("*.html"):
        assert "Internal – CS coaching" in html.read_text(encoding="utf-8"), html
    for name, text in all_text(canary_site / "customer").items():
        assert "Internal – CS coaching" not in text, name


def test_health_page_is_built_internally_only(canary_site: Path) -> None:
    page = (canary_site / "internal/canary-health/index.html").read_text(encoding="utf-8")
    for part in ("Reviews", "Coverage", "Gaps", "Size"):
        assert f">{part}<" in page, part
    assert 'class="ab-heat ab-heat-0"' in page
    assert not (canary_site / "customer/canary-health").exists()


def test_customer_timeline_and_assessment_keep_their_public_parts(canary_site: Path) -> None:
    timeline = (canary_site / "customer/timeline/index.html").read_text(encoding="utf-8")
    assert "A public step." in timeline
    checklist = (canary_site / "customer/plays/canary-checklist/index.html").read_text(
        encoding="utf-8"
    )
    assert "A public question?" in checklist and "Public not ready" in checklist
    assert 'href="../no-choice/"' in checklist
