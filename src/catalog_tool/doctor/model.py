"""What ``catalog doctor`` finds: one result per check."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from catalog_tool.text import Text


class Status(StrEnum):
    """How a check came out."""

    OK = "ok"
    WARNING = "warning"
    """Works, but something is missing or slower than it should be."""
    ERROR = "error"
    """Something the tool needs is broken: commands will fail or give wrong results."""


@dataclass(frozen=True, slots=True)
class Check:
    """The result of one check."""

    name: str
    """A stable identifier (``python``, ``encoding`` …), for scripts reading the JSON."""
    title: Text
    """What was checked."""
    status: Status
    summary: Text
    """What was found, in one line."""
    hint: Text | None = None
    """How to fix it."""
    details: tuple[str, ...] = ()
    """Examples of what was found (file paths, versions), at most a few."""
    facts: Mapping[str, object] = field(default_factory=dict)
    """The figures behind the summary (counts, versions, sizes) as plain JSON values."""


def worst(checks: tuple[Check, ...] | list[Check]) -> Status:
    """The most serious status among ``checks``."""
    statuses = {c.status for c in checks}
    for status in (Status.ERROR, Status.WARNING):
        if status in statuses:
            return status
    return Status.OK
