"""The "Find a play" page: every play of an edition, grouped by type, with facets.

Without JavaScript the page is a plain, complete list of the edition's plays grouped
by type. With it, `overrides/assets/js/finder.js` shows the form (facets with live
counts and free text, state in the URL) and narrows the same list. Everything here
comes from the edition's filtered content, so the page holds nothing the edition
may not show; each item carries its facet values (`data-ab-facets`) for the script.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .content import EditionContent
from .model import PlayBase
from .render import first_sentence, link_text
from .search import FACETS, play_facets

FACET_VOCABULARY = {
    "type": "types",
    "stage": "stages",
    "segment": "segments",
    "tier": "tiers",
    "persona": "personas",
    "tag": "tags",
}
FACET_LABELS = {
    "type": "Type",
    "stage": "Stage",
    "segment": "Segment",
    "tier": "Service tier",
    "persona": "Who",
    "tag": "Topic",
}


def finder_markdown(content: EditionContent, link: Callable[[str], str]) -> str:
    """The finder: a script-only form, a status line, and the list grouped by type.

    `link(play_id)` is the Markdown link target of a play from the finder's page.
    """
    facets = {play.id: play_facets(play, content.taxonomy) for play in content.plays.values()}
    parts = ['<div class="ab-finder" data-ab-module="finder" markdown>', ""]
    parts += [_form(content, list(facets.values())), ""]
    parts += [
        '<p class="ab-finder__status" role="status" aria-live="polite"></p>',
        "",
        '<div class="ab-finder__results" hidden></div>',
        "",
        '<div class="ab-finder__all ab-plays" markdown>',
        "",
    ]
    for play_type, plays in _by_type(content).items():
        label = content.taxonomy.label("types", play_type)
        parts += [
            f"## {link_text(label)} {{ #type-{play_type} }}",
            "",
            '<ul class="ab-finder__list" markdown>',
        ]
        parts += [_item(play, facets[play.id], link) for play in plays]
        parts += ["</ul>", ""]
    parts += ["</div>", "", "</div>", ""]
    return "\n".join(parts)


def _by_type(content: EditionContent) -> dict[str, list[PlayBase]]:
    groups: dict[str, list[PlayBase]] = {t: [] for t in content.taxonomy.types}
    for play in sorted(content.plays.values(), key=lambda p: (p.title.casefold(), p.id)):
        groups.setdefault(play.type, []).append(play)
    return {play_type: plays for play_type, plays in groups.items() if plays}


def _item(play: PlayBase, facets: dict[str, list[str]], link: Callable[[str], str]) -> str:
    tokens = " ".join(f"{name}:{value}" for name in FACETS for value in facets[name])
    text = f"[{link_text(play.title)}]({link(play.id)}) — {first_sentence(play.summary)}"
    return f'<li data-ab-facets="{escape(tokens)}" markdown="span">{text}</li>'


def _form(content: EditionContent, facets: list[dict[str, list[str]]]) -> str:
    """The facets and the text box; `hidden` until the script shows them."""
    fields = [
        '<div class="ab-finder__field ab-finder__field--text">'
        '<label for="ab-finder-q">Words</label>'
        '<input id="ab-finder-q" name="q" type="search" autocomplete="off" spellcheck="false" '
        'placeholder="What you heard, or a few words"></div>'
    ]
    for name in FACETS:
        vocabulary = content.taxonomy.vocabulary(FACET_VOCABULARY[name])
        used = {value for play in facets for value in play[name]}
        options = ['<option value="">Any</option>']
        options += [
            f'<option value="{escape(key)}">{escape(term.label)}</option>'
            for key, term in vocabulary.items()
            if key in used
        ]
        label = f'<label for="ab-finder-{name}">{FACET_LABELS[name]}</label>'
        select = f'<select id="ab-finder-{name}" name="{name}" data-ab-facet="{name}">'
        fields.append(
            f'<div class="ab-finder__field">{label}{select}{"".join(options)}</select></div>'
        )
    return (
        '<form class="ab-finder__form" role="search" aria-label="Find a play" hidden>'
        + "".join(fields)
        + '<button type="reset" class="md-button ab-finder__clear">Clear</button></form>'
    )
