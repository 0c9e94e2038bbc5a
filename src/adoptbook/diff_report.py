"""`adoptbook diff` output: Markdown for a pull-request comment, and JSON for tools.

The Markdown leads with what customers will newly read, then folds page diffs into
<details>. It stays under GitHub's 65,536-character limit for a comment by showing
fewer sentences, pages and diff lines (each cut says how many more there are) until
it fits; the JSON always holds everything.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import groupby

from .diff import DiffResult, EditionDiff, NewSentence, PageChange, PageRef
from .render import fence_for

MARKER = "<!-- adoptbook-diff -->"
COMMENT_LIMIT = 65_536
BUDGET = 60_000  # room for what the workflow adds around it
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_MENTION = re.compile(r"(^|\s)@(?=\w)")


@dataclass(frozen=True)
class Limits:
    sentences: int = 300  # newly visible sentences shown, per edition
    pages: int = 40  # changed pages whose diff is shown, per edition
    diff_lines: int = 120  # lines of one page's diff
    listed: int = 200  # added or removed pages named, per edition

    def halved(self) -> Limits:
        return Limits(
            *(
                max(3, value // 2)
                for value in (self.sentences, self.pages, self.diff_lines, self.listed)
            )
        )


def diff_json(result: DiffResult) -> str:
    return json.dumps(result.as_dict(), indent=2, ensure_ascii=False)


def diff_markdown(result: DiffResult, budget: int = BUDGET) -> str:
    """The comment, shortened until it fits in `budget` characters."""
    limits = Limits()
    while True:
        text = _document(result, limits)
        if len(text) <= budget or limits == limits.halved():
            break
        limits = limits.halved()
    if len(text) > budget:
        cut = text[: budget - 200].rsplit("\n", 1)[0]
        text = f"{cut}\n\n*(cut to fit a comment: run `adoptbook diff --format json` for all)*\n"
    return text


def _document(result: DiffResult, limits: Limits) -> str:
    parts = [MARKER, f"## Edition diff: {_code(result.base)} → {_code(result.head)}", ""]
    if result.customer_visible_change:
        parts.append(
            "**Customers will see a change.** Read the customer sections below before you "
            "approve: every sentence listed there becomes readable by customers when this merges."
        )
    else:
        parts.append("**No change for customers.** Only staff editions change, if any.")
    parts += ["", *_summary_table(result), ""]
    for edition in result.editions:
        parts += _edition(edition, limits)
    return "\n".join(parts).rstrip() + "\n"


def _summary_table(result: DiffResult) -> list[str]:
    rows = [
        "| Edition | Readers | Added | Removed | Changed | Newly visible sentences |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for e in result.editions:
        visible = (
            "—"
            if e.shows_everything
            else (f"**{len(e.newly_visible)}**" if e.newly_visible else "0")
        )
        rows.append(
            f"| {_code(e.name)} | {_readers(e)} | {len(e.added)} | {len(e.removed)} "
            f"| {len(e.changed)} | {visible} |"
        )
    return rows


def _readers(edition: EditionDiff) -> str:
    who = "customers" if edition.customer_facing else "staff"
    narrowing = ", ".join(
        f"{k} {v}" for k, v in (("segment", edition.segment), ("tier", edition.tier)) if v
    )
    return f"{who}, {narrowing} only" if narrowing else who


def _edition(edition: EditionDiff, limits: Limits) -> list[str]:
    title = f"{_code(edition.name)} edition ({_readers(edition)})"
    if not edition.has_changes:
        return [f"### ✅ {title}: no change", ""]
    lines = []
    if edition.only_in == "head":
        lines += [f"### ⚠️ {title}: new edition", ""]
    elif edition.only_in == "base":
        lines += [f"### {title}: no longer declared", ""]
    elif edition.shows_everything:
        lines += [f"### {title}", ""]
    elif edition.newly_visible:
        count = len(edition.newly_visible)
        lines += [f"### ⚠️ {title}: {count} sentence{'s' * (count != 1)} newly visible", ""]
    else:
        lines += [
            f"### {title}: no new sentences",
            "",
            "Pages were added, removed or changed, but no sentence on them is new to these "
            "readers.",
            "",
        ]
    if not edition.shows_everything and edition.newly_visible:
        lines += _sentences(edition, limits)
    lines += _pages(edition, limits)
    return lines


def _sentences(edition: EditionDiff, limits: Limits) -> list[str]:
    added = {page.uri for page in edition.added}
    shown = edition.newly_visible[: limits.sentences]
    lines = [f"> Readers of the {_code(edition.name)} edition can read these once this merges.", ""]
    for page, items in groupby(shown, key=lambda s: s.page):
        new = " — new page" if page.uri in added else ""
        lines.append(f"**{_escape(page.title)}** ({_code(page.uri)}{new})")
        lines.append("")
        lines += [_sentence(s) for s in items]
        lines.append("")
    hidden = len(edition.newly_visible) - len(shown)
    if hidden:
        lines += [
            f"*… and {hidden} more sentences (`adoptbook diff --format json` lists all).*",
            "",
        ]
    return lines


def _sentence(sentence: NewSentence) -> str:
    others = sentence.pages - 1
    also = f" *(and on {others} other page{'s' * (others != 1)})*" if others else ""
    return f"- {_escape(sentence.text)}{also}"


def _pages(edition: EditionDiff, limits: Limits) -> list[str]:
    counts = (
        f"{len(edition.added)} added, {len(edition.removed)} removed, "
        f"{len(edition.changed)} changed"
    )
    if edition.renamed:
        counts += f" ({len(edition.renamed)} renamed)"
    lines = ["<details>", f"<summary>Pages: {counts}</summary>", ""]
    lines += _page_list("Added", edition.added, limits)
    lines += _page_list("Removed", edition.removed, limits)
    shown = edition.changed[: limits.pages]
    for change in shown:
        lines += _change(change, limits)
    hidden = len(edition.changed) - len(shown)
    if hidden:
        lines += [f"*… and {hidden} more changed pages.*", ""]
    return [*lines, "</details>", ""]


def _page_list(label: str, pages: list[PageRef], limits: Limits) -> list[str]:
    if not pages:
        return []
    shown = pages[: limits.listed]
    lines = [f"**{label}:**", ""]
    lines += [f"- {_escape(p.title)} ({_code(p.uri)})" for p in shown]
    if len(pages) > len(shown):
        lines.append(f"- *… and {len(pages) - len(shown)} more*")
    return [*lines, ""]


def _change(change: PageChange, limits: Limits) -> list[str]:
    where = _code(change.uri)
    if change.renamed_from:
        where = f"{_code(change.renamed_from)} → {where} (renamed)"
    lines = [f"#### {_escape(change.title)} ({where})", ""]
    if not change.diff:
        return [
            *lines,
            "Same text under the new address."
            if change.renamed_from
            else "Only page settings changed.",
            "",
        ]
    shown = change.diff[: limits.diff_lines]
    if len(change.diff) > len(shown):
        shown = [*shown, f"… {len(change.diff) - len(shown)} more lines"]
    fence = fence_for("\n".join(shown))
    return [*lines, f"{fence}diff", *shown, fence, ""]


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def _escape(text: str) -> str:
    """Plain text that GitHub shows as written: no Markdown, no @-mentions."""
    return _MENTION.sub("\\1@\u200b", _MARKDOWN_PUNCTUATION.sub(r"\\\1", text))
