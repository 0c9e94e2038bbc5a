"""reader_text: what a reader reads on a page, sentence by sentence."""

from __future__ import annotations

from adoptbook.reader_text import page_title, sentences

PAGE = """\
---
title: Supervisors set targets
description: Not shown as a sentence.
tags: [Type/Action plan, Stage/Go-live]
render_macros: false
---
# Supervisors set targets { #top }

<div class="ab-lead" markdown>
Targets make use visible. See [the plan](../plays/plan.md) first!
</div>

<p class="ab-facts" markdown>:material-map: **Action plan** · Stages: [Go-live](go-live.md)</p>

!!! tip "Keep it simple"
    Start with one target per team
    and one report.

=== "B2B"

    Staff are asked to use it.

| Step | Owner |
| --- | --- |
| Set targets | Supervisor |

- [Another play](other.md) — Its first sentence. Its second one.
- Use `**literal stars**` and ++ctrl+k++ keys.

```text
Hello team,
the system is live
today.

- Quick guides: {help_link}
```
"""


def test_sentences_are_what_a_reader_reads() -> None:
    assert sentences(PAGE) == [
        "Supervisors set targets",
        "Targets make use visible.",
        "See the plan first!",
        "Action plan · Stages: Go-live",
        "Keep it simple",
        "Start with one target per team and one report.",
        "B2B",
        "Staff are asked to use it.",
        "Step",
        "Owner",
        "Set targets",
        "Supervisor",
        "Another play",
        "Its first sentence.",
        "Its second one.",
        "Use **literal stars** and ctrl+k keys.",
        "Hello team, the system is live today.",
        "Quick guides: {help_link}",
        "Tags: Type/Action plan, Stage/Go-live",
    ]


def test_a_sentence_on_two_pages_is_one_sentence_per_page() -> None:
    assert sentences("One. One. Two.\n\nOne.\n") == ["One.", "Two."]


def test_page_title_comes_from_front_matter_or_the_first_heading() -> None:
    assert page_title(PAGE, "x.md") == "Supervisors set targets"
    assert page_title("# A *heading*\n\ntext\n", "x.md") == "A heading"
    assert page_title("no heading\n", "x.md") == "x.md"


def test_labels_and_options_of_a_form_are_read_one_by_one() -> None:
    form = (
        '<form><label for="t">Type</label><select id="t"><option value="">Any</option>'
        '<option value="myth">Myth-busting</option></select><button type="reset">Clear'
        "</button></form>"
    )
    assert sentences(form) == ["Type", "Any", "Myth-busting", "Clear"]
    assert sentences("A <b>bold</b> word and <span>a span</span> stay one sentence.") == [
        "A bold word and a span stay one sentence."
    ]
