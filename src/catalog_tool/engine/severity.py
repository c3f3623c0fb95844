"""Which severity a finding is reported at."""

from __future__ import annotations

from dataclasses import dataclass

from catalog_tool.config import RuleSelection
from catalog_tool.diagnostics import Finding, Severity
from catalog_tool.rules import all_rules


@dataclass(frozen=True, slots=True)
class SeverityTable:
    """Configured severities, with each rule's default and per-finding exceptions."""

    effective: dict[str, Severity]
    """Severity per rule code: configured, else the rule's default."""
    configured: frozenset[str]
    """Codes whose severity the configuration sets; those win over per-finding ones."""

    @classmethod
    def from_selection(cls, selection: RuleSelection) -> SeverityTable:
        """The table for a configuration."""
        effective: dict[str, Severity] = {}
        configured: set[str] = set()
        for code, rule in all_rules().items():
            effective[code] = selection.severity(code, rule.severity)
            if any(code.startswith(s) for s in selection.config.severity):
                configured.add(code)
        return cls(effective, frozenset(configured))

    def of(self, finding: Finding) -> Severity:
        """The severity ``finding`` is reported at."""
        if finding.severity is not None and finding.code not in self.configured:
            return finding.severity
        return self.effective[finding.code]
