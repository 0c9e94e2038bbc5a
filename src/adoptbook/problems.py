"""Content problems: one line each, pointing at file:line:column."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located precisely enough to fix it."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # Messages quote what the editor wrote; keep them one line whatever it holds.
        if _CONTROL.search(self.message):
            escaped = _CONTROL.sub(lambda m: repr(m.group())[1:-1], self.message)
            object.__setattr__(self, "message", escaped)

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def github_annotation(self) -> str:
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.path},line={self.line},col={self.column}::{message}"


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    @classmethod
    def single(cls, path: str, message: str, line: int = 1, column: int = 1) -> ContentError:
        return cls([Problem(path, line, column, message)])


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def as_json(problems: Iterable[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], indent=2)
