"""Cross-item rules over the catalog index: in this process, or split with a forked helper.

On a large catalog the cross-item rules are the serial tail of a run: every file has been
checked, and one core would wait while this process walks the index. With more than one
job, the name rules (N, which compare the names within each region) run in a forked
process while this one runs the others (F and O, which share the index's upstream pairs).
At 55,000 items the two halves take about the same time (0.6–0.8 s each).

The child inherits the index by forking (nothing is pickled on the way in); only its
positioned diagnostics come back. Diagnostics are returned in rule order either way, so
a split run reports exactly what a serial one does.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from catalog_tool.catalog.index import CatalogIndex
from catalog_tool.diagnostics import Diagnostic, Finding
from catalog_tool.engine.context import CatalogContext
from catalog_tool.engine.positions import Positioner, to_diagnostic
from catalog_tool.engine.severity import SeverityTable
from catalog_tool.rules.base import CatalogRule

SPLIT_THRESHOLD = 5000
"""Items below which forking costs more than the second core saves."""
FORKED_FAMILIES = ("N",)
"""Rule families the forked process runs (see the module doc for the balance)."""

Wanted = Callable[[Finding], bool]


@dataclass(frozen=True, slots=True)
class CrossRun:
    """Everything the cross-item rules need (inherited by the forked process)."""

    index: CatalogIndex
    context: CatalogContext
    severities: SeverityTable
    root: Path
    wanted: Wanted | None = None

    def diagnostics(self, rules: Sequence[CatalogRule]) -> list[list[Diagnostic]]:
        """The diagnostics of each of ``rules``, positioned, in the rules' order."""
        positioner = Positioner(self.root)
        out = []
        for rule in rules:
            found = []
            for finding in rule.check(self.index, self.context):
                if self.wanted is not None and not self.wanted(finding):
                    continue
                severity = self.severities.of(finding)
                found.append(to_diagnostic(finding, "", severity, positioner))
            out.append(found)
        return out


_FORKED: tuple[CrossRun, Sequence[CatalogRule]] | None = None
"""The work of the forked process, set just before it is forked."""


def _forked_part() -> list[list[Diagnostic]]:
    assert _FORKED is not None
    run, rules = _FORKED
    return run.diagnostics(rules)


def cross_item_diagnostics(
    run: CrossRun, rules: Sequence[CatalogRule], jobs: int | None
) -> list[Diagnostic]:
    """The diagnostics of ``rules`` over ``run.index``, in rule order."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    forked = [r for r in rules if r.code.startswith(FORKED_FAMILIES)]
    local = [r for r in rules if not r.code.startswith(FORKED_FAMILIES)]
    if (
        workers <= 1
        or len(run.index) < SPLIT_THRESHOLD
        or not forked
        or not local
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [d for found in run.diagnostics(rules) for d in found]
    global _FORKED  # noqa: PLW0603 - handed to the forked process, cleared after
    _FORKED = (run, forked)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            future = pool.submit(_forked_part)
            mine = run.diagnostics(local)
            theirs = future.result()
    finally:
        _FORKED = None
    by_rule = {id(r): found for r, found in zip(local, mine, strict=True)}
    by_rule.update({id(r): found for r, found in zip(forked, theirs, strict=True)})
    return [d for rule in rules for d in by_rule[id(rule)]]
