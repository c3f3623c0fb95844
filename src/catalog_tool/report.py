"""The result of ``validate``: diagnostics and counts. Reporters render it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from catalog_tool.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from catalog_tool.engine.baseline import BaselineOutcome

REPORT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Report:
    """Diagnostics of one run, sorted by file, line, column and rule."""

    root: str
    """The catalog root, as shown to the user."""
    files: int
    """Files checked."""
    items: int
    """Items that could be read."""
    diagnostics: tuple[Diagnostic, ...]
    checked: tuple[str, ...] = ()
    """Every file checked, as shown to the user (for reporters that list passes too)."""
    baseline: BaselineOutcome | None = None
    """What the baseline hid and which of its entries no longer occur; None without one."""

    def count(self, severity: Severity) -> int:
        """How many diagnostics have ``severity``."""
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def errors(self) -> int:
        """Number of errors."""
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return self.count(Severity.WARNING)

    @property
    def infos(self) -> int:
        """Number of informational diagnostics."""
        return self.count(Severity.INFO)

    def at_or_above(self, level: Severity) -> int:
        """How many diagnostics are at least as serious as ``level``."""
        return sum(1 for d in self.diagnostics if d.severity.rank >= level.rank)
