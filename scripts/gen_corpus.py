#!/usr/bin/env python3
"""Generate a synthetic playbook project of N plays, for benchmarks.

The project copies the repository's mkdocs.yml, taxonomy.yml, overrides/,
playbooks/ and snippets/, and writes N plays built from the shapes of the real
plays: all five types in rotation, about a quarter internal-only, item-level
`audience: internal` items, segment and tier variants, coaching, symptoms,
`related` plays and Markdown links between plays, snippet includes, with text
of realistic length. The same N and seed always give the same files, and the
result is checked to pass `adoptbook check` with zero errors.

    .venv/bin/python scripts/gen_corpus.py /tmp/corpus -n 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from adoptbook.playtypes import TYPES as PLAY_TYPES

REPO = Path(__file__).resolve().parents[1]
COPIED = ("mkdocs.yml", "taxonomy.yml", "overrides", "playbooks", "snippets")
TYPES = ("myth", "action-plan", "communication", "checklist", "guide")  # the ones it can write
REVIEWED = dt.date(2026, 6, 1)
SNIPPETS = {
    "bench/keep-it-simple.md": (
        '!!! tip "Keep it simple"\n'
        "    Start with one target per team and one report everybody can read.\n"
        "    Add more only when the first one is used every week.\n"
    ),
    "bench/weekly-review.md": (
        "- Look at last week's usage per team.\n"
        "- Name the biggest barrier and who removes it.\n"
        "- Thank one person by name for a good example.\n"
    ),
    "internal/bench-escalation.md": (
        '!!! warning "Escalate"\n'
        "    Tell the account executive and log the risk in the CRM the same day.\n"
    ),
}

# A small phrase grammar: enough combinations that no two plays read alike,
# built from the vocabulary of the real plays so that search behaves as it would.
SUBJECTS = [
    ("Direct supervisors", "review", False),
    ("The adoption owner", "reviews", True),
    ("The executive sponsor", "reviews", True),
    ("Each team lead", "reviews", True),
    ("The project team", "reviews", True),
    ("Champions in each team", "review", False),
    ("The steering group", "reviews", True),
    ("Team managers", "review", False),
    ("The service desk", "reviews", True),
    ("Power users", "review", False),
]
VERBS = [
    ("review", "reviews"),
    ("agree", "agrees"),
    ("publish", "publishes"),
    ("measure", "measures"),
    ("remove", "removes"),
    ("explain", "explains"),
    ("check", "checks"),
    ("track", "tracks"),
    ("share", "shares"),
    ("celebrate", "celebrates"),
    ("plan", "plans"),
    ("rehearse", "rehearses"),
    ("simplify", "simplifies"),
    ("document", "documents"),
    ("prioritise", "prioritises"),
    ("retire", "retires"),
]
OBJECTS = [
    "the weekly usage targets",
    "what changes for each role",
    "the old spreadsheets",
    "the barriers people report",
    "the go-live checklist",
    "the adoption plan",
    "the value the system delivers",
    "quick wins from the first month",
    "the data quality report",
    "the training schedule",
    "the process maps",
    "the renewal evidence",
    "the support channel",
    "the success criteria",
    "the reporting routine",
    "the onboarding path for new hires",
    "the list of workarounds",
    "the monthly adoption review",
    "the change-impact worksheet",
    "the business case",
]
QUALIFIERS = [
    "before go-live",
    "every week",
    "in the first month",
    "with each team",
    "at the monthly review",
    "so that nobody works around the system",
    "in plain language",
    "with real examples from their own work",
    "before the renewal conversation",
    "as soon as a barrier appears",
    "without waiting for IT",
    "and write down what they find",
    "together with the people who do the work",
    "for every role that the system touches",
]
SITUATIONS = [
    "usage drops after go-live",
    "a team keeps its own spreadsheet",
    "the sponsor stops asking about usage",
    "new hires join the team",
    "an upgrade changes the screens people know",
    "the data in reports looks incomplete",
    "supervisors are too busy to check",
    "people say the old way was faster",
    "the project team moves on to the next project",
    "targets are set but nobody reviews them",
]
CONSEQUENCES = [
    "people fall back to the old way of working",
    "the data in the system stays incomplete",
    "the renewal is at risk",
    "usage fades after the first month",
    "the business case never materialises",
    "supervisors stop treating use as part of the job",
    "the workarounds become the real process",
    "nobody can show the value the system delivers",
    "the next upgrade meets the same resistance",
]
BELIEFS = [
    "training is enough",
    "the system is intuitive, so people will just use it",
    "adoption is IT's job",
    "making it mandatory settles the question",
    "change ends at go-live",
    "a good launch email does the work",
    "people resist change by nature",
    "usage figures will take care of themselves",
    "the vendor will drive adoption for us",
    "a dashboard is the same as a routine",
]
COMPLAINTS = [
    "nobody logs in after the first week",
    "our people keep using spreadsheets instead of the system",
    "we made it mandatory and nothing changed",
    "the managers don't check whether their team uses it",
    "training didn't stick",
    "the data in the reports is wrong",
    "people say the old system was faster",
    "we don't know who owns adoption",
    "the project ended and so did the usage",
    "new starters never learn the system properly",
    "our sponsor has lost interest",
    "we can't show any return on the investment",
]
OPENERS = ["", "", "Honestly, ", "To be fair, ", "Our CFO says ", "The team tells me ", "Frankly, "]
SOURCES = [
    'Tri Tuns, "Why is user adoption so hard?"',
    "Prosci, Best Practices in Change Management",
    "Gartner customer success survey",
    "Internal renewal analysis",
    "TSIA, State of Customer Success",
    "Harvard Business Review, The hard side of change management",
]
HEADINGS = [
    "Why it happens",
    "What good looks like",
    "Where to start",
    "How to measure it",
    "Common pitfalls",
    "The role of the supervisor",
    "Working with the sponsor",
    "After go-live",
    "New hires and upgrades",
    "Showing the value",
]
TIMINGS = [
    "during the sale",
    "before go-live",
    "at go-live",
    "after go-live",
    "ongoing",
    "at renewal",
    "week -8",
    "week -4",
    "weeks -6 to -2",
    "week 0",
    "week 2",
    "weeks 2 to 6",
    "weeks 4 to 52",
]
PLACEHOLDERS = {
    "customer_name": "Your company's name",
    "system_name": "The product's name as your people know it",
    "sponsor_name": "The executive sponsor's name",
    "go_live_date": "The date the system goes live",
    "help_channel": "Where people ask for help (chat channel, desk, intranet page)",
    "team_name": "The team the message goes to",
}
CHANNELS = ("email", "chat", "intranet", "meeting", "letter", "in-app")


class _Writer:
    """Writes one play's text from the grammar, seeded by the play's number."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        r = self.rng
        subject, _, singular = r.choice(SUBJECTS)
        verb = r.choice(VERBS)[1 if singular else 0]
        shape = r.randrange(5)
        if shape == 0:
            who = subject[0].lower() + subject[1:]
            return f"When {r.choice(SITUATIONS)}, {who} {verb} {r.choice(OBJECTS)}."
        if shape == 1:
            return f"Without {r.choice(OBJECTS)}, {r.choice(CONSEQUENCES)}."
        if shape == 2:
            obj = r.choice(OBJECTS)
            return f"{subject} {verb} **{obj}** {r.choice(QUALIFIERS)}."
        if shape == 3:
            return f"Many teams believe {r.choice(BELIEFS)}; in practice {r.choice(CONSEQUENCES)}."
        return f"{subject} {verb} {r.choice(OBJECTS)} {r.choice(QUALIFIERS)}."

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def paragraphs(self, count: int, low: int = 2, high: int = 4) -> str:
        return "\n\n".join(self.sentences(low, high) for _ in range(count)) + "\n"

    def instruction(self) -> str:
        r = self.rng
        verb = r.choice(VERBS)[0]
        return f"{verb.capitalize()} {r.choice(OBJECTS)} {r.choice(QUALIFIERS)}."

    def question(self) -> str:
        r = self.rng
        subject, _, singular = r.choice(SUBJECTS)
        verb = r.choice(VERBS)[0]
        aux = "Does" if singular else "Do"
        who = subject[0].lower() + subject[1:]
        return f"{aux} {who} {verb} {r.choice(OBJECTS)} {r.choice(QUALIFIERS)}?"

    def symptom(self) -> str:
        opener = self.rng.choice(OPENERS)
        complaint = self.rng.choice(COMPLAINTS)
        return opener + (complaint if opener else complaint[0].upper() + complaint[1:])

    def title(self, number: int) -> str:
        r = self.rng
        verb = r.choice(VERBS)[0]
        gerund = verb[:-1] + "ing" if verb.endswith("e") else verb + "ing"
        return f"{gerund.capitalize()} {r.choice(OBJECTS)} {r.choice(QUALIFIERS)} ({number})"


class _Corpus:
    def __init__(self, n: int, seed: int, taxonomy: dict[str, Any]) -> None:
        self.n = n
        self.seed = seed
        self.taxonomy = taxonomy
        self.types = [TYPES[i % len(TYPES)] for i in range(n)]
        self.ids = [f"{self.types[i]}-{i:05d}" for i in range(n)]
        self.internal_only = [i % 4 == 3 for i in range(n)]
        self.titles: list[str] = []
        for i in range(n):
            self.titles.append(_Writer(random.Random(f"{seed}-title-{i}")).title(i))
        self.shared = [i for i in range(n) if not self.internal_only[i]]

    def vocab(self, kind: str) -> list[str]:
        return list(self.taxonomy[kind])

    def play(self, i: int) -> dict[str, Any]:
        rng = random.Random(f"{self.seed}-play-{i}")
        w = _Writer(rng)
        kind = self.types[i]
        internal = self.internal_only[i]
        play: dict[str, Any] = {
            "id": self.ids[i],
            "title": self.titles[i],
            "type": kind,
            "audience": "internal" if internal else ["internal", "customer"],
            "summary": w.sentences(2, 3),
        }
        play.update(getattr(self, "_" + kind.replace("-", "_"))(i, rng, w))
        play["stages"] = sorted(rng.sample(self.vocab("stages"), rng.randint(1, 3)))
        play["segments"] = rng.choice([[], [], ["b2b"], ["b2c"], ["b2b", "b2c"]])
        play["tiers"] = rng.choice([[], [], *([t] for t in self.vocab("tiers"))])
        play["personas"] = rng.sample(self.vocab("personas"), rng.randint(1, 3))
        play["tags"] = rng.sample(self.vocab("tags"), rng.randint(1, 3))
        if rng.random() < 0.8:
            play["symptoms"] = [w.symptom() for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.6:
            play["variants"] = self._variants(rng, w)
        play["related"] = self._related(i, rng)
        if rng.random() < 0.85:
            play["coaching"] = self._coaching(i, rng, w)
        play["owner"] = "CS Enablement"
        play["reviewed"] = REVIEWED
        return play

    def link(self, i: int, rng: random.Random, *, customer_visible: bool) -> str:
        """A Markdown link to another play the reader of this text may see."""
        pool = self.shared if customer_visible else range(self.n)
        j = i
        while j == i:
            j = rng.choice(pool)
        return f"See [{self.titles[j]}]({self.ids[j]}.md)."

    def _related(self, i: int, rng: random.Random) -> list[str]:
        others = [j for j in range(max(0, i - 50), min(self.n, i + 50)) if j != i]
        picks = rng.sample(others, min(len(others), rng.randint(2, 4)))
        return [self.ids[j] for j in picks]

    def _variants(self, rng: random.Random, w: _Writer) -> dict[str, Any]:
        variants: dict[str, Any] = {
            "segments": {seg: w.sentences(1, 3) for seg in self.vocab("segments")}
        }
        if rng.random() < 0.7:
            tiers = self.vocab("tiers")
            variants["tiers"] = {t: w.sentences(1, 2) for t in rng.sample(tiers, rng.randint(2, 3))}
        return variants

    def _coaching(self, i: int, rng: random.Random, w: _Writer) -> dict[str, Any]:
        coaching: dict[str, Any] = {
            "talk_track": f'"{w.sentences(2, 4)}"\n\n{self.link(i, rng, customer_visible=False)}\n',
            "discovery_questions": [w.question() for _ in range(rng.randint(2, 4))],
            "objections": [
                {"objection": w.symptom() + ".", "answer": w.sentences(1, 2)}
                for _ in range(rng.randint(1, 3))
            ],
            "red_flags": [w.sentence() for _ in range(rng.randint(1, 3))],
        }
        if rng.random() < 0.5:
            coaching["notes"] = w.sentences(1, 3) + '\n\n--8<-- "internal/bench-escalation"\n'
        return coaching

    def _internal_item(self, i: int, rng: random.Random) -> bool:
        """Whether this play gets an item narrowed to `audience: internal`."""
        return not self.internal_only[i] and rng.random() < 0.6

    def _myth(self, i: int, rng: random.Random, w: _Writer) -> dict[str, Any]:
        customer = not self.internal_only[i]
        instead: list[Any] = [w.instruction() for _ in range(rng.randint(3, 5))]
        instead[0] += " " + self.link(i, rng, customer_visible=customer)
        if self._internal_item(i, rng):
            text = w.instruction() + " " + self.link(i, rng, customer_visible=False)
            instead.append({"text": text, "audience": "internal"})
        belief = rng.choice(BELIEFS)
        return {
            "myth": f"{belief[0].upper()}{belief[1:]}.",
            "reality": w.paragraphs(2),
            "why_it_matters": w.paragraphs(1, 3, 5),
            "evidence": [
                {"fact": w.sentences(1, 2), "source": rng.choice(SOURCES)}
                for _ in range(rng.randint(1, 3))
            ],
            "instead": instead,
        }

    def _action_plan(self, i: int, rng: random.Random, w: _Writer) -> dict[str, Any]:
        personas = self.vocab("personas")
        customer = not self.internal_only[i]
        steps = []
        for number in range(rng.randint(4, 8)):
            step: dict[str, Any] = {
                "do": w.instruction(),
                "owner": rng.choice(personas),
                "timing": rng.choice(TIMINGS),
                "done_when": w.sentences(1, 2),
            }
            if number == 1:
                step["details"] = (
                    f'{w.sentences(1, 3)}\n\n--8<-- "bench/keep-it-simple"\n\n'
                    f"{self.link(i, rng, customer_visible=customer)}\n"
                )
            elif rng.random() < 0.5:
                step["details"] = w.sentences(1, 3)
            steps.append(step)
        if self._internal_item(i, rng):
            steps.append(
                {
                    "do": w.instruction(),
                    "owner": "csm",
                    "timing": "before go-live",
                    "done_when": w.sentences(1, 1),
                    "audience": "internal",
                }
            )
        return {"goal": w.paragraphs(1), "owned_by": rng.choice(personas), "steps": steps}

    def _communication(self, i: int, rng: random.Random, w: _Writer) -> dict[str, Any]:
        names = rng.sample(sorted(PLACEHOLDERS), rng.randint(2, 4))
        subject = f"{{{names[0]}}}: {w.instruction()[:-1].lower()}"
        lines = [f"Hello {{{names[1]}}} team,", w.sentences(2, 3)]
        lines += [
            w.sentences(1, 3) + (f" Ask in {{{name}}}." if k == 0 else f" ({{{name}}})")
            for k, name in enumerate(names[2:])
        ]
        lines += [
            '--8<-- "bench/weekly-review"',
            w.sentences(1, 2),
            f"Thank you,\n{{{names[0]}}} adoption team",
        ]
        return {
            "sender": rng.choice(self.vocab("personas")),
            "recipients": rng.sample(self.vocab("personas"), rng.randint(1, 2)),
            "channel": rng.choice(CHANNELS),
            "send_when": rng.choice(TIMINGS),
            "subject": subject,
            "body": "\n\n".join(lines) + "\n",
            "placeholders": {name: PLACEHOLDERS[name] for name in names},
        }

    def _checklist(self, i: int, rng: random.Random, w: _Writer) -> dict[str, Any]:
        items: list[dict[str, Any]] = [
            {"question": w.question(), "guidance": w.sentences(1, 3)}
            for _ in range(rng.randint(5, 9))
        ]
        if self._internal_item(i, rng):
            items.insert(
                rng.randrange(len(items)),
                {"question": w.question(), "guidance": w.sentences(1, 2), "audience": "internal"},
            )
        # Routes and bands draw from their own generator, so the rest of the corpus is
        # the same as before checklists had them.
        extra = random.Random(f"{self.seed}-assessment-{i}")
        customer = not self.internal_only[i]
        for item in items:
            if extra.random() < 0.5:
                visible = customer and item.get("audience") != "internal"
                picks = {self._other(i, extra, visible) for _ in range(extra.randint(1, 2))}
                item["if_not"] = [self.ids[j] for j in sorted(picks)]
        say = _Writer(extra)
        results = [
            {"from": 0, "to": 1, "label": "Ready", "text": say.sentences(1, 2)},
            {"from": 2, "to": 3, "label": "At risk", "text": say.sentences(1, 2)},
            {"from": 4, "label": "Fix these first", "text": say.sentences(1, 2)},
        ]
        return {"items": items, "results": results, "scoring": w.sentences(1, 2)}

    def _other(self, i: int, rng: random.Random, customer_visible: bool) -> int:
        """Another play the reader may open: a shared one for customer-visible text."""
        pool = self.shared if customer_visible else range(self.n)
        j = i
        while j == i:
            j = rng.choice(pool)
        return j

    def _guide(self, i: int, rng: random.Random, w: _Writer) -> dict[str, Any]:
        customer = not self.internal_only[i]
        headings = rng.sample(HEADINGS, rng.randint(3, 5))
        sections: list[dict[str, Any]] = [
            {"heading": heading, "body": w.paragraphs(rng.randint(1, 3))} for heading in headings
        ]
        sections[0]["body"] += "\n" + self.link(i, rng, customer_visible=customer) + "\n"
        if self._internal_item(i, rng):
            sections.append(
                {"heading": "For the account team", "body": w.paragraphs(1), "audience": "internal"}
            )
        return {"sections": sections}


class _Dumper(yaml.SafeDumper):
    """Block scalars for multi-line text, as people write plays."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    slugs = all(isinstance(v, str) and " " not in v and len(v) < 30 for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=slugs)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def dump_play(play: dict[str, Any]) -> str:
    header = "# Generated by scripts/gen_corpus.py for benchmarks.\n"
    return header + yaml.dump(play, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def generate(dest: Path, n: int, seed: int = 1, *, check: bool = True) -> Path:
    """Write a project of `n` plays into `dest` (created, must be empty); return its mkdocs.yml."""
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise SystemExit(f"{dest} is not empty")
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        elif source.is_file():
            shutil.copy2(source, dest / name)
    for name, text in SNIPPETS.items():
        path = dest / "snippets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    taxonomy = yaml.safe_load((dest / "taxonomy.yml").read_text(encoding="utf-8"))
    corpus = _Corpus(n, seed, taxonomy)
    for i in range(n):
        play = corpus.play(i)
        path = dest / "plays" / PLAY_TYPES[play["type"]].folder / f"{play['id']}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_play(play), encoding="utf-8")
    config = dest / "mkdocs.yml"
    if check:
        assert_clean(config)
    return config


def assert_clean(config: Path) -> None:
    """Fail unless `adoptbook check` finds no error in the project."""
    from adoptbook.cli import run_checks
    from adoptbook.config import load_project
    from adoptbook.problems import errors

    problems = errors(run_checks(load_project(config)))
    if problems:
        shown = "\n".join(p.format() for p in problems[:20])
        raise AssertionError(f"generated corpus has {len(problems)} error(s):\n{shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="folder to create (must be empty or absent)")
    parser.add_argument("-n", "--plays", type=int, default=1000, help="number of plays")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-check", action="store_true", help="skip the adoptbook check")
    args = parser.parse_args(argv)
    config = generate(args.dest, args.plays, args.seed, check=not args.no_check)
    print(f"wrote {args.plays} plays to {config.parent}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
