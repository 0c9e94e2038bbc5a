"""Checks on message placeholders across plays, so one account value fills every message.

The account panel keeps one value per placeholder name for every message of an
edition; `{customer}` in one play and `{customer_name}` in another would ask the
reader for the same thing twice, and fill only half the messages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from .content import RawPlay, SourcePlay
from .problems import Problem

# Words that mean the same in a placeholder name; "name" at the end adds nothing
# ("sponsor" is the sponsor's name), and underscores do not count ("golive" = "go_live").
SAME_WORDS = {"url": "link", "org": "organization", "organisation": "organization"}
MARKDOWN_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)")


def spelling_key(name: str) -> str:
    """What a placeholder name means, ignoring how it is spelled."""
    words = [SAME_WORDS.get(word, word) for word in name.split("_") if word]
    if len(words) > 1 and words[-1] == "name":
        words = words[:-1]
    return "".join(words)


def _declared(source: SourcePlay | RawPlay) -> list[str]:
    """The placeholder names a communication declares (read from its data, valid or not)."""
    data = source.data
    declared = data.get("placeholders")
    if data.get("type") != "communication" or not isinstance(declared, dict):
        return []
    return [name for name in declared if isinstance(name, str)]


def placeholder_spellings(plays: Iterable[SourcePlay | RawPlay]) -> Iterator[Problem]:
    """A warning at each placeholder spelled differently from the common spelling."""
    users: dict[str, dict[str, list[SourcePlay | RawPlay]]] = defaultdict(lambda: defaultdict(list))
    for source in plays:
        for name in _declared(source):
            users[spelling_key(name)][name].append(source)
    for spellings in users.values():
        if len(spellings) < 2:
            continue
        # Most plays win; on a tie the longer, more explicit name (customer_name > customer).
        common = max(spellings, key=lambda n: (len(spellings[n]), len(n), n))
        example = spellings[common][0]
        where = example.document.position(("placeholders", common), key=True)
        count = len(spellings[common])
        for name, sources in spellings.items():
            if name == common:
                continue
            for source in sources:
                yield source.document.problem(
                    ("placeholders", name),
                    f"placeholders.{name}: means the same as '{common}' "
                    f"({count} play{'s' if count != 1 else ''}, e.g. {example.path}:{where.line}); "
                    f"spell it '{common}' so one account value fills every message",
                    key=True,
                    severity="warning",
                )


def message_links(source: SourcePlay | RawPlay) -> Iterator[Problem]:
    """Messages are sent as plain text, where a Markdown link shows as brackets."""
    data = source.data
    if data.get("type") != "communication":
        return
    for field in ("subject", "body"):
        text = data.get(field)
        if not isinstance(text, str):
            continue
        for match in MARKDOWN_LINK.finditer(text):
            yield source.problem_in_text(
                (field,),
                text,
                match.start(),
                "a message is sent as plain text: write the address itself "
                "(https://...) or a {placeholder} for it, not a Markdown link; "
                "mail programs and the page make addresses into links",
            )
