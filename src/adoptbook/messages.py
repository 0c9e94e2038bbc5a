"""Messages ready to send: what a communication page hands its script, and the account fields.

Everything here is computed from one edition's filtered plays and written into
that edition's pages as data attributes; the browser script (overrides/assets/js/
message.js and account.js) reads only that, so the edition filter still decides
everything a reader can see.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .model import CommunicationPlay
from .schedule import send_order

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of plain text, each on one line: YAML keeps the author's line
    breaks every ~75 characters, a mail program wants them only between paragraphs.
    List items ("- ...", "1. ...") keep a line each; their wrapped lines join them."""
    result = []
    for block in _BLANK_LINE.split(text.strip("\n")):
        lines: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if not lines or _LIST_ITEM.match(line):
                lines.append(line)
            else:
                lines[-1] += " " + line
        if lines:
            result.append("\n".join(lines))
    return result


def used_placeholders(play: CommunicationPlay) -> list[str]:
    """Declared placeholders that the subject or body uses, in their declared order."""
    used = set(PLACEHOLDER.findall(play.subject)) | set(PLACEHOLDER.findall(play.body))
    return [name for name in play.placeholders if name in used]


def placeholder_kind(name: str, body: str = "") -> str:
    """How a value is entered: `date` (a date input, shown the reader's way), `link`,
    `long` (a paragraph of its own, e.g. a list of bullets; a name alone on its line is
    a signature, not a paragraph) or `text`."""
    if name == "date" or name.endswith("_date"):
        return "date"
    if name.endswith(("_link", "_url")):
        return "link"
    alone = re.search(rf"(?:\A|\n)[ \t]*\{{{name}\}}[ \t]*(?:\n[ \t]*\n|\n?\Z)", body)
    if alone and not name.endswith("_name"):
        return "long"
    return "text"


_ACRONYMS = {"csm": "CSM", "it": "IT", "url": "URL", "id": "ID", "crm": "CRM"}


def label(name: str) -> str:
    """`csm_name` -> "CSM name": the field's label in the account panel."""
    text = " ".join(_ACRONYMS.get(word, word) for word in name.split("_"))
    text = text.replace("go live", "go-live")
    return text[:1].upper() + text[1:]


def field(name: str, description: str, body: str = "") -> dict[str, str]:
    words = name.replace("_", " ")
    return {
        "name": name,
        "label": label(name),
        "blank": f"[{words}]",
        "description": " ".join(description.split()),
        "kind": placeholder_kind(name, body),
    }


def message_data(play: CommunicationPlay) -> dict[str, Any]:
    """What the page's script needs to fill in and copy one message."""
    return {
        "id": play.id,
        "subject": " ".join(play.subject.split()),
        "paragraphs": paragraphs(play.body),
        "fields": [field(n, play.placeholders[n], play.body) for n in used_placeholders(play)],
    }


def shared_fields(plays: Iterable[CommunicationPlay], names: Iterable[str] = ()) -> list[dict]:
    """Account fields for several messages: the given names, or else every placeholder
    that two or more messages use. Each takes the description most messages give it."""
    messages = sorted(plays, key=lambda p: (send_order(p.send_when), p.id))
    uses: Counter[str] = Counter(n for p in messages for n in used_placeholders(p))
    wanted = list(names) or [name for name, count in uses.items() if count > 1]
    fields = []
    for name in wanted:
        givers = [p for p in messages if name in used_placeholders(p)]
        if not givers:
            continue
        descriptions = Counter(" ".join(p.placeholders[name].split()) for p in givers)
        best = max(descriptions, key=lambda d: descriptions[d])  # first seen wins a tie
        fields.append(field(name, best, "\n".join(p.body for p in givers)))
    return fields


def attribute(value: Any) -> str:
    """JSON for an HTML attribute value, escaped for double quotes."""
    return html.escape(json.dumps(value, ensure_ascii=False, separators=(",", ":")), quote=True)


def account_panel(fields: list[dict]) -> str:
    """The account panel's anchor: the script builds the form from these fields."""
    if not fields:
        return ""
    return (
        f'<div class="ab-account" data-ab-module="account" data-ab-fields="{attribute(fields)}">'
        "</div>"
    )


def play_account_panel(play: CommunicationPlay) -> str:
    """The account panel on a message's own page: the fields its blanks need."""
    return account_panel(message_data(play)["fields"])


def message_anchor(play: CommunicationPlay) -> str:
    """Where the script puts the filled-in message, with everything it needs."""
    data = attribute(message_data(play))
    return f'<div class="ab-filled" data-ab-module="message" data-ab-message="{data}"></div>'
