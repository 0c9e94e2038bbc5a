"""Every bad input an editor can make: one exact `file:line:col: error: message` line each.

Each case is the files of a small project (a bare string is plays/myths/sample.yml)
and the exact lines `adoptbook check` prints; the exit status is 1 for all of them.
"""

from __future__ import annotations

import pytest

from helpers import VALID_COMMUNICATION, VALID_MYTH, check, lines, make_project, page

SAMPLE = "plays/myths/sample.yml"
WELCOME = "plays/communications/welcome.yml"
INDEX = "playbooks/index.md"


def myth(old: str, new: str) -> str:
    assert old in VALID_MYTH, old
    return VALID_MYTH.replace(old, new)


def comm(old: str, new: str) -> dict[str, str]:
    assert old in VALID_COMMUNICATION, old
    return {WELCOME: VALID_COMMUNICATION.replace(old, new)}


READY = "plays/checklists/ready.yml"

# A valid checklist with three questions and three result bands; the cases count on its lines.
VALID_CHECKLIST = """\
# yaml-language-server: $schema=../schema/play.schema.json
id: ready
title: Are you ready?
type: checklist
audience: [internal, customer]
summary: Three questions before go-live.
items:
  - question: Is there an owner?
    guidance: One name.
    if_not: [sample]
  - question: Is there a plan?
    guidance: Written down.
  - question: Do supervisors have targets?
    guidance: Per team.
results:
  - from: 0
    to: 0
    label: Ready
    text: Go ahead.
  - from: 1
    to: 2
    label: Nearly
    text: Fix the gaps.
  - from: 3
    label: Not ready
    text: Stop and fix.
stages: [planning]
owner: CS Enablement
reviewed: 2026-11-01
"""


def checklist(*edits: tuple[str, str], **more: str) -> dict[str, str]:
    text = VALID_CHECKLIST
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return {SAMPLE: VALID_MYTH, READY: text, **more}


PADDED = myth("reviewed: 2026-11-01\n", "reviewed: 2026-11-01\n" + "# padding\n" * 110_000)


SECRET = "plays/myths/secret.yml"
INTERNAL_PLAY = VALID_MYTH.replace("id: sample", "id: secret").replace(
    "audience: [internal, customer]", "audience: internal"
)

CASES = [
    # --- YAML that cannot be read -----------------------------------------------------
    pytest.param(
        myth("stages: [planning, go-live]", "stages: [planning, go-live"),
        f"{SAMPLE}:12:9: error: invalid YAML: this [ list ] is never closed; close it with ']'",
        id="syntax-unclosed-bracket",
    ),
    pytest.param(
        myth("title: A sample myth", 'title: "A sample myth'),
        f"{SAMPLE}:3:8: error: invalid YAML: this quote is never closed; "
        "end the value with the same quote",
        id="syntax-unclosed-quote",
    ),
    pytest.param(
        myth("title: A sample myth", "title: A sample: myth"),
        f"{SAMPLE}:3:16: error: invalid YAML: this value contains ': '; "
        "put the whole value in quotes",
        id="syntax-colon-in-plain-text",
    ),
    pytest.param(
        myth("summary: One sentence", "  summary: One sentence"),
        f"{SAMPLE}:6:1: error: invalid YAML: this line is indented more than the one above; "
        "line it up with the key it belongs with",
        id="syntax-indented-more",
    ),
    pytest.param(
        myth("owner: CS", "coaching:\n  talk_track: Hello.\n notes: Bye.\nowner: CS"),
        f"{SAMPLE}:15:1: error: invalid YAML: this line is indented less than the one above; "
        "line it up with the key it belongs with",
        id="syntax-indented-less",
    ),
    pytest.param(
        myth("title: A sample myth", "title:A sample myth"),
        f"{SAMPLE}:3:1: error: invalid YAML: put a space after the colon, as in 'title: Value'",
        id="syntax-no-space-after-colon",
    ),
    pytest.param(
        myth("  - Map what", "\t- Map what"),
        f"{SAMPLE}:11:1: error: tab character: indent YAML with spaces, never tabs",
        id="tab-indent",
    ),
    pytest.param(
        "",
        f"{SAMPLE}:1:1: error: file is empty; a play needs id, title, type, ...",
        id="empty-file",
    ),
    pytest.param(
        "# only a comment\n\n",
        f"{SAMPLE}:1:1: error: file is empty; a play needs id, title, type, ...",
        id="only-comments",
    ),
    pytest.param(
        "# a list\n- id: sample\n- title: A sample\n",
        f"{SAMPLE}:2:1: error: a play must be a mapping of fields, not a list",
        id="file-is-a-list",
    ),
    pytest.param(
        "just some words\n",
        f"{SAMPLE}:1:1: error: a play must be a mapping of fields, not a single value",
        id="file-is-a-scalar",
    ),
    pytest.param(
        myth("One sentence", "Caf\xe9 sentence").encode("latin-1"),
        f"{SAMPLE}:6:13: error: file is not UTF-8 text (byte 0xe9); save it as UTF-8",
        id="not-utf8",
    ),
    pytest.param(
        myth("owner: CS", "title: Again\nowner: CS"),
        f"{SAMPLE}:13:1: error: duplicate key 'title' (first set on line 3)",
        id="duplicate-key",
    ),
    pytest.param(
        myth("instead:\n", "instead:\n  - text: One.\n    text: Two.\n"),
        f"{SAMPLE}:12:5: error: duplicate key 'text' (first set on line 11)",
        id="duplicate-key-nested",
    ),
    pytest.param(
        myth("reviewed: 2026-11-01\n", "reviewed: 2026-11-01\n---\nid: again\n"),
        f"{SAMPLE}:15:1: error: only one YAML document per file (remove the extra '---')",
        id="two-documents",
    ),
    pytest.param(
        myth("owner: CS Enablement", "owner: &who CS Enablement\nalso: *who"),
        f"{SAMPLE}:13:8: error: anchors (&who) are not supported; write the value out",
        id="anchor",
    ),
    pytest.param(
        myth("owner: CS Enablement", "owner: !!python/name:os.system CS"),
        f"{SAMPLE}:13:8: error: YAML tag 'tag:yaml.org,2002:python/name:os.system' "
        "is not supported",
        id="python-tag",
    ),
    pytest.param(
        myth("owner: CS Enablement", "owner: CS\x07Enablement"),
        f"{SAMPLE}:13:10: error: invalid YAML: character U+0007 is not allowed in YAML; delete it",
        id="control-character",
    ),
    pytest.param(
        PADDED,
        f"{SAMPLE}:1:1: error: file is {len(PADDED):,} bytes; the limit is 1,000,000 (1 MB)",
        id="over-1mb",
    ),
    pytest.param(
        myth("owner: CS", "deep: " + "[" * 5_000 + "]" * 5_000 + "\nowner: CS"),
        f"{SAMPLE}:13:1006: error: invalid YAML: exceeded maximum nesting depth "
        "(while increasing flow level)",
        id="nested-deep-flow",
    ),
    pytest.param(
        myth(
            "owner: CS", "deep:\n" + "".join(" " * i + "- \n" for i in range(1, 60)) + "owner: CS"
        ),
        f"{SAMPLE}:53:41: error: nested more than 40 levels deep",
        id="nested-deep-block",
    ),
    # --- the schema -------------------------------------------------------------------
    pytest.param(
        myth("owner: CS Enablement\n", ""),
        f"{SAMPLE}:2:1: error: missing required field 'owner'",
        id="missing-field",
    ),
    pytest.param(
        myth("type: myth\n", ""),
        f"{SAMPLE}:2:1: error: missing required field 'type' "
        "(one of myth, action-plan, communication, checklist, guide)",
        id="missing-type",
    ),
    pytest.param(
        myth("audience: [internal, customer]\n", ""),
        f"{SAMPLE}:2:1: error: missing required field 'audience'",
        id="missing-audience",
    ),
    pytest.param(
        myth("stages: [planning, go-live]", "stages: planning"),
        f"{SAMPLE}:12:9: error: stages: expected a list (one '- item' per line), got text",
        id="string-where-list-goes",
    ),
    pytest.param(
        myth("owner: CS", "coaching:\n  - talk\nowner: CS"),
        f"{SAMPLE}:14:3: error: coaching: expected a mapping (key: value lines), got a list",
        id="list-where-mapping-goes",
    ),
    pytest.param(
        myth("title: A sample myth", "title: [A, sample]"),
        f"{SAMPLE}:3:8: error: title: expected text, got a list",
        id="list-where-text-goes",
    ),
    pytest.param(
        myth("owner: CS", "evidence:\n  - fact: Most fail.\nowner: CS"),
        f"{SAMPLE}:14:5: error: evidence[0]: missing required field 'source'",
        id="missing-nested-field",
    ),
    pytest.param(
        myth("title:", "titel:"),
        [
            f"{SAMPLE}:2:1: error: missing required field 'title'",
            f"{SAMPLE}:3:1: error: unknown field 'titel' (did you mean 'title'?)",
        ],
        id="unknown-field-typo",
    ),
    pytest.param(
        myth("owner: CS", "coaching:\n  talk_trak: Say this.\nowner: CS"),
        f"{SAMPLE}:14:3: error: coaching: unknown field 'talk_trak' (did you mean 'talk_track'?)",
        id="unknown-nested-field",
    ),
    pytest.param(
        myth("type: myth", "type: mith"),
        f"{SAMPLE}:4:7: error: type: 'mith' is not a play type (did you mean 'myth'?)",
        id="unknown-type",
    ),
    pytest.param(
        myth("audience: [internal, customer]", "audience: everyone"),
        f"{SAMPLE}:5:11: error: audience: 'everyone' is not one of internal, customer",
        id="unknown-audience",
    ),
    pytest.param(
        myth("id: sample", "id: Sample Play"),
        f"{SAMPLE}:2:5: error: id: 'Sample Play' is not valid: use lower-case words joined "
        "by hyphens, e.g. 'go-live'",
        id="id-not-a-slug",
    ),
    pytest.param(
        myth("reviewed: 2026-11-01", "reviewed: 2026-02-30"),
        f"{SAMPLE}:14:11: error: reviewed: '2026-02-30' is not a date: write it as "
        "YYYY-MM-DD, e.g. 2026-01-31",
        id="date-impossible",
    ),
    pytest.param(
        myth("reviewed: 2026-11-01", "reviewed: last spring"),
        f"{SAMPLE}:14:11: error: reviewed: 'last spring' is not a date: write it as "
        "YYYY-MM-DD, e.g. 2026-01-31",
        id="date-words",
    ),
    pytest.param(
        myth("reviewed: 2026-11-01", "reviewed: 2026-11-01\nreview_every: 6 months"),
        f"{SAMPLE}:15:15: error: review_every: '6 months' is not valid: use a number and "
        "d, w, m or y, e.g. 180d or 1y",
        id="review-every-bad",
    ),
    pytest.param(
        myth("instead:\n  - Map what changes for each role.\n", "instead: []\n"),
        f"{SAMPLE}:10:10: error: instead: needs at least 1 item(s)",
        id="empty-required-list",
    ),
    # --- the taxonomy -----------------------------------------------------------------
    pytest.param(
        myth("stages: [planning, go-live]", "stages: [planning, go-life]"),
        f"{SAMPLE}:12:20: error: stages[1]: 'go-life' is not a stage (did you mean 'go-live'?)",
        id="unknown-stage",
    ),
    pytest.param(
        myth("owner: CS", "personas: [executive-sponser]\ntags: [zzz]\nowner: CS"),
        [
            f"{SAMPLE}:13:12: error: personas[0]: 'executive-sponser' is not a persona "
            "(did you mean 'executive-sponsor'?)",
            f"{SAMPLE}:14:8: error: tags[0]: 'zzz' is not a tag; allowed: mandate, motivation, "
            "barriers, leadership, metrics, training, roi, renewal-risk, workarounds, "
            "change-management, governance, cs-strategy",
        ],
        id="unknown-persona-and-tag",
    ),
    pytest.param(
        myth("owner: CS", "tags: [communication]\nowner: CS"),
        f"{SAMPLE}:13:8: error: tags[0]: 'communication' is not a tag; allowed: mandate, "
        "motivation, barriers, leadership, metrics, training, roi, renewal-risk, workarounds, "
        "change-management, governance, cs-strategy",
        id="unknown-tag-lists-the-allowed-ones-instead-of-a-far-guess",
    ),
    pytest.param(
        myth("owner: CS", "variants:\n  segments:\n    b2-b: For businesses.\nowner: CS"),
        f"{SAMPLE}:15:5: error: variants.segments.b2-b: 'b2-b' is not a segment "
        "(did you mean 'b2b'?)",
        id="unknown-variant-segment",
    ),
    pytest.param(
        comm("recipients: [end-user]", "recipients: [end-users]"),
        f"{WELCOME}:9:14: error: recipients[0]: 'end-users' is not a persona "
        "(did you mean 'end-user'?)",
        id="unknown-recipient",
    ),
    # --- across files -----------------------------------------------------------------
    pytest.param(
        {SAMPLE: VALID_MYTH, "plays/myths/sample.yaml": VALID_MYTH},
        f"{SAMPLE}:2:5: error: id: 'sample' is already used by plays/myths/sample.yaml:2; "
        "ids must be unique",
        id="duplicate-id",
    ),
    pytest.param(
        myth("owner: CS", "related: [no-chioce]\nowner: CS"),
        f"{SAMPLE}:13:11: error: related[0]: no play has id 'no-chioce'",
        id="related-missing",
    ),
    pytest.param(
        {
            SAMPLE: myth("owner: CS", "related: [secrte]\nowner: CS"),
            "plays/myths/secret.yml": INTERNAL_PLAY,
        },
        f"{SAMPLE}:13:11: error: related[0]: no play has id 'secrte' (did you mean 'secret'?)",
        id="related-typo",
    ),
    pytest.param(
        myth("owner: CS", "related: [sample]\nowner: CS"),
        f"{SAMPLE}:13:11: error: related[0]: a play cannot relate to itself",
        id="related-self",
    ),
    # --- placeholders -----------------------------------------------------------------
    pytest.param(
        comm("we work in", "{customer_nme} works in"),
        f"{WELCOME}:16:23: error: body: placeholder '{{customer_nme}}' is not declared in "
        "placeholders (did you mean 'customer_name'?)",
        id="placeholder-undeclared",
    ),
    pytest.param(
        comm("goes live on", "launches {Product} on"),
        f"{WELCOME}:12:36: error: subject: placeholder '{{Product}}' must be "
        "lower_case_with_underscores",
        id="placeholder-bad-name",
    ),
    # --- what reaches customers ---------------------------------------------------------
    pytest.param(
        {
            SAMPLE: myth("People still", "See [the secret play](secret.md). People still"),
            "plays/myths/secret.yml": INTERNAL_PLAY,
        },
        f"{SAMPLE}:8:32: error: reality: link to 'secret.md' leads to internal-only content, "
        "hidden from customer readers",
        id="customer-text-links-internal-play",
    ),
    pytest.param(
        myth("People still", "See [elsewhere](nowhere.md). People still"),
        f"{SAMPLE}:8:26: error: reality: link to 'nowhere.md' leads nowhere: "
        "no page or play 'plays/nowhere.md'",
        id="broken-link",
    ),
    pytest.param(
        {
            INDEX: page("customer", '# Toolkit\n\n{{ snippet("internal/pricing") }}\n'),
            "snippets/internal/pricing.md": "Discount up to 30%.\n",
        },
        f"{INDEX}:7:13: error: snippet 'internal/pricing' is internal-only but included in "
        "customer-visible content",
        id="customer-page-includes-internal-snippet",
    ),
    pytest.param(
        {
            INDEX: page("customer", '# Toolkit\n\n{{ snippet("welcom") }}\n'),
            "snippets/welcome.md": "Hi\n",
        },
        f"{INDEX}:7:13: error: snippet 'welcom' not found in snippets/ (did you mean 'welcome'?)",
        id="page-snippet-missing",
    ),
    pytest.param(
        {
            INDEX: page("customer", '# Toolkit\n\n{{ embed("secret") }}\n'),
            "plays/myths/secret.yml": INTERNAL_PLAY,
        },
        f"{INDEX}:7:11: error: embed: play 'secret' is hidden from customer readers",
        id="customer-page-embeds-internal-play",
    ),
    pytest.param(
        myth(
            "  - Map what changes for each role.\n",
            "  - Map what changes for each role.\n  - text: Check usage first.\n"
            "    audience: internal\n",
        ).replace("audience: [internal, customer]", "audience: customer"),
        f"{SAMPLE}:13:15: error: instead[1].audience: 'internal' is wider than the enclosing "
        "audience (customer); an item can only narrow it",
        id="item-audience-wider-than-parent",
    ),
    pytest.param(
        myth("People still", "People <script>alert(1)</script> still"),
        f"{SAMPLE}:8:17: error: reality: raw HTML is not allowed in play text; write Markdown: "
        "'<script>'",
        id="raw-html",
    ),
    pytest.param(
        myth(
            "summary: One sentence a CSM can read aloud.",
            "summary: >\n  One sentence a CSM\n  can <b>read</b> aloud.",
        ),
        f"{SAMPLE}:8:7: error: summary: raw HTML is not allowed in play text; write Markdown: "
        "'<b>'",
        id="raw-html-folded-second-line",
    ),
    pytest.param(
        myth(
            "reality: People still choose how well they use it.",
            "reality: 'People {: onclick=alert(1) } still choose.'",
        ),
        f"{SAMPLE}:8:18: error: reality: attribute lists ({{: ...}}) are not allowed in play "
        "text: '{:'",
        id="attribute-list",
    ),
    pytest.param(
        myth(
            "instead:\n  - Map what changes for each role.\n",
            "instead:\n  - text: Check usage first.\n    audience: internal\n",
        ),
        f"{SAMPLE}:11:3: error: instead: required in the customer edition, but everything "
        "here is hidden from customer readers",
        id="required-list-empty-for-customers",
    ),
    # --- playbook pages -----------------------------------------------------------------
    pytest.param(
        {INDEX: "---\ntitle: Home\n---\n# Home\n"},
        f"{INDEX}:2:1: error: front matter needs 'audience: internal', 'audience: customer' "
        "or 'audience: [internal, customer]'",
        id="page-without-audience",
    ),
    pytest.param(
        {INDEX: "# Home\n"},
        f"{INDEX}:1:1: error: front matter needs 'audience: internal', 'audience: customer' "
        "or 'audience: [internal, customer]'",
        id="page-without-front-matter",
    ),
    pytest.param(
        {INDEX: page("custommer")},
        f"{INDEX}:3:11: error: audience: 'custommer' is not an audience (did you mean 'customer'?)",
        id="page-unknown-audience",
    ),
    pytest.param(
        {INDEX: "---\ntitle: Home\naudience: customer\n# Home\n"},
        f"{INDEX}:1:1: error: front matter starts with '---' but never ends",
        id="page-front-matter-unclosed",
    ),
    pytest.param(
        {INDEX: "---\ntitle: [Home\naudience: customer\n---\n# Home\n"},
        f"{INDEX}:2:8: error: invalid YAML: this [ list ] is never closed; close it with ']'",
        id="page-front-matter-syntax",
    ),
    # --- checklists: routes to plays and result bands -------------------------------------
    pytest.param(
        checklist(("if_not: [sample]", "if_not: [sampel]")),
        f"{READY}:10:14: error: items[0].if_not[0]: no play has id 'sampel' "
        "(did you mean 'sample'?)",
        id="checklist-route-missing",
    ),
    pytest.param(
        checklist(("if_not: [sample]", "if_not: [sample, secret]"), **{SECRET: INTERNAL_PLAY}),
        f"{READY}:10:22: error: items[0].if_not[1]: play 'secret' is hidden from customer readers",
        id="customer-question-routes-to-internal-play",
    ),
    pytest.param(
        checklist(("if_not: [sample]", "if_not: [ready]")),
        f"{READY}:10:14: error: items[0].if_not[0]: a checklist cannot route to itself",
        id="checklist-routes-to-itself",
    ),
    pytest.param(
        checklist(("  - from: 0\n    to: 0\n    label: Ready\n    text: Go ahead.\n", "")),
        f"{READY}:16:11: error: results[0].from: no band covers 0 'no' or 'not sure' answers "
        "(a band must start at 0)",
        id="bands-not-from-zero",
    ),
    pytest.param(
        checklist(("from: 1\n    to: 2", "from: 2\n    to: 2")),
        f"{READY}:20:11: error: results[1].from: no band covers 1 'no' or 'not sure' answers "
        "(a band must start at 1)",
        id="bands-gap",
    ),
    pytest.param(
        checklist(("to: 0", "to: 1")),
        f"{READY}:20:11: error: results[1].from: 1 overlaps the band before it, "
        "which covers up to 1",
        id="bands-overlap",
    ),
    pytest.param(
        checklist(("  - from: 3\n    label: Not ready\n    text: Stop and fix.\n", "")),
        f"{READY}:21:9: error: results[1]: no band covers 3 or more 'no' or 'not sure' answers "
        "(the checklist has 3 questions); leave out 'to' on the last band to mean 'or more'",
        id="bands-end-too-early",
    ),
    pytest.param(
        checklist(("to: 2", "to: 0")),
        f"{READY}:21:9: error: results[1].to: 0 is less than from (1)",
        id="band-ends-before-it-starts",
    ),
    pytest.param(
        checklist(("    label: Not ready", "    to: 5\n    label: Not ready")),
        f"{READY}:25:9: error: results[2].to: 5 is more than the 3 questions; "
        "leave out 'to' on the last band to mean 'or more'",
        id="band-beyond-the-questions",
    ),
    pytest.param(
        checklist(
            (
                "    label: Not ready\n    text: Stop and fix.\n",
                "    to: 3\n    label: Not "
                "ready\n    text: Stop and fix.\n  - from: 4\n    label: Never\n    text: No.\n",
            )
        ),
        f"{READY}:28:11: error: results[3].from: 4 can never be reached: "
        "the checklist has 3 questions",
        id="band-unreachable",
    ),
    pytest.param(
        checklist(
            ("    guidance: Per team.\n", "    guidance: Per team.\n    audience: internal\n")
        ),
        f"{READY}:25:11: error: results[2].from: 3 can never be reached: the checklist has "
        "2 questions for customer readers",
        id="band-unreachable-for-customers",
    ),
    pytest.param(
        checklist(("    label: Nearly", "    label: [Nearly]")),
        f"{READY}:22:12: error: results[1].label: expected text, got a list",
        id="band-label-not-text",
    ),
    pytest.param(
        comm("send_when: at go-live", "send_when: weeks 6 to 2"),
        f"{WELCOME}:11:12: error: send_when: 'weeks 6 to 2' ends before it starts; "
        "write the earlier week first",
        id="timing-runs-backwards",
    ),
    # --- the taxonomy file itself -------------------------------------------------------
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_bad_input(tmp_path, files, expected):
    if isinstance(files, str | bytes):
        files = {SAMPLE: files}
    if not any(name.startswith("plays/") for name in files):
        files = {SAMPLE: VALID_MYTH, **files}
    config = make_project(tmp_path, files)
    result = check(config)
    expected = [expected] if isinstance(expected, str) else expected
    assert lines(result) == expected
    assert result.exit_code == 1
