"""Inline suppressions: ``# catalog: ignore[M001,M004] reason``.

A comment at the end of a line covers findings on that line; a comment on a line of its
own covers the next line that holds content. A suppression that covers nothing is itself
reported (Y006), so stale ones get cleaned up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_COMMENT = re.compile(r"#\s*catalog:(?P<body>.*)$", re.MULTILINE)
_IGNORE = re.compile(r"^\s*ignore\[(?P<codes>[A-Z0-9, ]+)\]\s*(?P<reason>.*)$")
_CODE = re.compile(r"^[A-Z]\d{0,3}$")


@dataclass(frozen=True, slots=True)
class Suppression:
    """One inline suppression comment."""

    line: int
    """Line of the comment."""
    column: int
    """Column of the ``#``."""
    target: int
    """Line whose findings it covers."""
    codes: tuple[str, ...]
    """Codes or prefixes it covers."""
    reason: str

    def covers(self, rule: str, line: int) -> bool:
        """Whether a finding of ``rule`` on ``line`` is suppressed."""
        return line == self.target and any(rule.startswith(c) for c in self.codes)


@dataclass(frozen=True, slots=True)
class Malformed:
    """A ``# catalog:`` comment that is not a valid suppression."""

    line: int
    column: int
    comment: str


def parse(text: str) -> tuple[tuple[Suppression, ...], tuple[Malformed, ...]]:
    """The suppressions in ``text`` (cheap when there are none)."""
    if "catalog:" not in text:
        return (), ()
    lines = text.splitlines()
    found: list[Suppression] = []
    bad: list[Malformed] = []
    for match in _COMMENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        line_start = text.rfind("\n", 0, match.start()) + 1
        column = match.start() - line_start + 1
        ignore = _IGNORE.match(match.group("body"))
        codes = (
            tuple(c.strip() for c in ignore.group("codes").split(",") if c.strip())
            if ignore
            else ()
        )
        if ignore is None or not codes or not all(_CODE.match(c) for c in codes):
            bad.append(Malformed(line, column, match.group(0).strip()))
            continue
        own_line = not text[line_start : match.start()].strip()
        target = _next_content_line(lines, line) if own_line else line
        found.append(Suppression(line, column, target, codes, ignore.group("reason").strip()))
    return tuple(found), tuple(bad)


def _next_content_line(lines: list[str], line: int) -> int:
    for number in range(line + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return line


def split_suppressed(
    diagnostics: Iterable[tuple[str, int, str]],
    suppressions: Mapping[str, Iterable[Suppression]],
) -> tuple[list[bool], list[tuple[str, Suppression]]]:
    """For (file, line, rule) triples: which are suppressed, and the suppressions never used."""
    used: set[tuple[str, Suppression]] = set()
    flags: list[bool] = []
    for file, line, rule in diagnostics:
        hit = next((s for s in suppressions.get(file, ()) if s.covers(rule, line)), None)
        if hit is not None:
            used.add((file, hit))
        flags.append(hit is not None)
    unused = [
        (file, s)
        for file, items in sorted(suppressions.items())
        for s in items
        if (file, s) not in used
    ]
    return flags, unused
