"""The health report as Markdown (the internal page, `adoptbook report`) and JSON.

On the site the coverage matrix is a heat-map and the row totals are bars, both
computed here at build time (CSS classes and widths, no JavaScript). The page
carries its own small stylesheet, so nothing about it reaches other editions.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from itertools import groupby

from .health import Health, PlayRef
from .render import inline, link_text

Link = Callable[[str], str]

STYLE = """\
<style>
.ab-health-table td, .ab-health-table th { text-align: center; }
.ab-health-table td:first-child, .ab-health-table td:nth-child(2) { text-align: left; }
.ab-heat { display: inline-block; min-width: 2.2em; padding: 0.1em 0.3em; border-radius: 0.2em;
  font-variant-numeric: tabular-nums;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.ab-heat-0 { background: #fde2e1; color: #8a1c17; font-weight: 700; }
.ab-heat-1 { background: #e0f2f1; color: #00332e; }
.ab-heat-2 { background: #a7d9d3; color: #00332e; }
.ab-heat-3 { background: #4fa89e; color: #000; }
.ab-heat-4 { background: #1f6f66; color: #fff; }
.ab-health-table td:last-child { white-space: nowrap; }
.ab-bar { display: inline-block; width: 3.5em; height: 0.7em; margin-right: 0.4em;
  background: #e8eaed; vertical-align: middle; -webkit-print-color-adjust: exact;
  print-color-adjust: exact; }
.ab-bar > span { display: block; height: 100%; background: #1f6f66; }
@media print {
  .ab-health-table { font-size: 0.6rem; }
  .ab-health-table tr, .ab-health-block { break-inside: avoid; }
  .md-typeset h2 { break-after: avoid; }
}
</style>
"""


def health_json(health: Health) -> str:
    return json.dumps(health.as_dict(), indent=2, default=str)


def health_markdown(health: Health, link: Link | None = None, html: bool = False) -> str:
    """The report; with `html`, heat-map cells and bars for the site, else plain GFM."""
    parts = [
        STYLE if html else "",
        f"*Made on {health.date} for the {health.edition} edition: {health.plays} plays.*\n",
        _reviews(health, link),
        _coverage(health, html),
        _gaps(health, link),
        _sizes(health),
    ]
    return "\n".join(part for part in parts if part)


def _play(ref: PlayRef, link: Link | None) -> str:
    title = link_text(ref.title)
    return f"[{title}]({link(ref.id)})" if link else f"{title} (`{ref.id}`)"


def _reviews(health: Health, link: Link | None) -> str:
    lines = [
        "## Reviews\n",
        f"Plays whose review is overdue or due within {health.due_soon_days} days "
        f"(by {health.date + dt.timedelta(days=health.due_soon_days)}), "
        "by owner. A play's next review is its `reviewed` date plus its `review_every`.\n",
    ]
    if not health.reviews:
        lines.append("No review is due.\n")
    for owner, reviews in groupby(health.reviews, key=lambda r: r.owner):
        lines += [f"### {inline(owner)}\n", "| Play | Last reviewed | Due | Status |"]
        lines.append("| --- | --- | --- | --- |")
        lines += [
            f"| {_play(r.play, link)} | {r.reviewed} | {r.due} "
            f"| {'**overdue**' if r.overdue else 'due soon'} |"
            for r in reviews
        ]
        lines.append("")
    if health.no_review_cycle:
        lines.append(
            f"{len(health.no_review_cycle)} play(s) have no `review_every`, so they never "
            f"fall due: {_list_inline(health.no_review_cycle, link)}.\n"
        )
    return "\n".join(lines)


def _coverage(health: Health, html: bool) -> str:
    cov = health.coverage
    columns = [(s, t) for s in cov.segments for t in cov.tiers]
    head = ["Stage", "Type"]
    head += [f"{health.label('segments', s)} · {health.label('tiers', t)}" for s, t in columns]
    table = [
        "| " + " | ".join([*head, "Plays"]) + " |",
        "| --- | --- |" + " ---: |" * (len(columns) + 1),
    ]
    largest, widest = cov.largest(), max(cov.rows.values(), default=0)
    previous = None
    for (stage, kind), row in cov.cells.items():
        cells = [_cell(row[c], largest, html) for c in columns]
        plays = cov.rows[(stage, kind)]
        total = _bar(plays, widest) if html else str(plays)
        shown_stage = f"**{health.label('stages', stage)}**" if stage != previous else ""
        label = [shown_stage, health.label("types", kind)]
        previous = stage
        table.append("| " + " | ".join([*label, *cells, total]) + " |")
    if html:
        table = ['<div class="ab-health-table" markdown>', "", *table, "", "</div>"]
    intro = (
        "Plays for each stage and type (rows) and each segment and tier (columns). A play "
        "that names no segment or tier counts for all of them. "
        f"{cov.gaps()} of {len(cov.cells) * len(columns)} cells are empty: those are the gaps."
    )
    return "\n".join(["## Coverage", "", intro, "", *table]) + "\n"


def _cell(count: int, largest: int, html: bool) -> str:
    if not html:
        return str(count)
    return f'<span class="ab-heat ab-heat-{heat_level(count, largest)}">{count}</span>'


def heat_level(count: int, largest: int) -> int:
    """0 for an empty cell, then 1 to 4 by share of the fullest cell."""
    if count <= 0:
        return 0
    if largest <= 1:
        return 4
    return 1 + round(3 * (count - 1) / (largest - 1))


def _bar(count: int, widest: int) -> str:
    width = round(100 * count / widest) if widest else 0
    bar = f'<span class="ab-bar" aria-hidden="true"><span style="width: {width}%"></span></span>'
    return f"{bar}{count}"


def _gaps(health: Health, link: Link | None) -> str:
    lines = ["## Gaps\n"]
    lines += _play_list(
        "Plays without symptoms",
        "A CSM finds a play from what the customer says; these have nothing to be found by.",
        health.without_symptoms,
        link,
    )
    lines += _play_list(
        "Plays no other play links to or names as related",
        "Reachable only from lists and search.",
        health.unlinked,
        link,
    )
    gaps = health.variant_gaps
    lines.append(f"### Customer-visible plays without a customer-facing variant ({len(gaps)})\n")
    if health.variant_gaps:
        lines += [
            "Plays that give guidance per segment or tier, but not to customers of every "
            "segment or tier they cover.",
            "",
            "| Play | Missing for | Why |",
            "| --- | --- | --- |",
        ]
        lines += [
            f"| {_play(g.play, link)} | {health.label(g.kind, g.value)} "
            f"| {'the variant is internal-only' if g.internal_only else 'no variant'} |"
            for g in health.variant_gaps
        ]
    else:
        lines.append(
            "None: where plays give guidance per segment or tier, customers get it for all."
        )
    lines.append("")
    lonely = health.lonely_placeholders
    lines.append(f"### Placeholders used by only one message ({len(lonely)})\n")
    if lonely:
        lines += [
            "Often a near-twin of another message's name (`{customer}`, `{customer_name}`).",
            "",
            "| Message | Its own placeholders |",
            "| --- | --- |",
        ]
        for play, found in groupby(sorted(lonely, key=lambda p: p.play.id), key=lambda p: p.play):
            names = ", ".join(f"`{{{p.name}}}`" for p in found)
            lines.append(f"| {_play(play, link)} | {names} |")
    else:
        lines.append("None.")
    lines.append("")
    lines.append(f"### Scaffold text left in ({len(health.scaffold_left)})\n")
    if health.scaffold_left:
        lines.append("Plays still holding `TODO:` text from `adoptbook new`:\n")
        lines += [
            f"- {_play(s.play, link)}: " + ", ".join(f"`{f}`" for f in s.fields)
            for s in health.scaffold_left
        ]
    else:
        lines.append("None.")
    lines.append("")
    return "\n".join(lines)


def _play_list(title: str, why: str, plays: list[PlayRef], link: Link | None) -> list[str]:
    lines = [f"### {title} ({len(plays)})\n"]
    if not plays:
        return [*lines, "None.", ""]
    return [*lines, why, "", *(f"- {_play(p, link)}" for p in plays), ""]


def _list_inline(plays: list[PlayRef], link: Link | None) -> str:
    return ", ".join(_play(p, link) for p in plays)


def _sizes(health: Health) -> str:
    lines = [
        "## Size\n",
        "Plays and hand-written pages in each edition.\n",
        "| Edition | Readers | Plays | Pages | Plays by type |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for size in health.sizes:
        narrowing = ", ".join(v for v in (size.segment, size.tier) if v)
        readers = f"{size.audience}, {narrowing} only" if narrowing else size.audience
        by_type = " · ".join(
            f"{size.plays_by_type[kind]} {health.label('types', kind).lower()}"
            for kind in health.labels.get("types", {})
            if size.plays_by_type.get(kind)
        )
        lines.append(f"| {size.name} | {readers} | {size.plays} | {size.pages} | {by_type} |")
    return "\n".join(lines) + "\n"
