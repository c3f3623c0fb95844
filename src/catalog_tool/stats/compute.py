"""Compute the statistics of a catalog from its item facts and its validation report.

Definitions (the same in every format):

- counts by type and level: valid items in use (在用), by the level of their region;
- the service figures count 依申请事项 — implementation items in use that are not 行政处罚,
  行政强制 or 行政检查 — exactly the population O002 counts:
  - 网上可办率: share with ``online.available``, per level against ``rules.O002.targets``;
  - 即办件 share: of those that state their handling;
  - promised/legal: the average of promised / legal days over items with both (legal > 0);
  - visits: the distribution, 最多跑一次 (≤ 1) and 零跑腿 (0);
- findings: every diagnostic of ``validate`` by rule family and region; a region's
  compliance is the share of its item files without an error.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING

from catalog_tool.catalog.layout import REGIONS_FILE, display_path
from catalog_tool.config import Config, RuleSelection
from catalog_tool.diagnostics import Diagnostic, Severity
from catalog_tool.model.codes import REGION_PATTERN
from catalog_tool.model.enums import Handling, ItemType, Level
from catalog_tool.report import Report
from catalog_tool.rules.targets import OnlineOptions, OnlineRateBelowTarget
from catalog_tool.stats.facts import ItemFacts
from catalog_tool.stats.model import FAMILIES, LevelOnline, RegionRow, Share, Stats

if TYPE_CHECKING:  # only annotations: importing catalog_tool.publish here would be circular
    from catalog_tool.publish.load import Scope, Skipped

_REGION = re.compile(REGION_PATTERN)


def online_targets(config: Config) -> dict[str, float]:
    """The 网上可办率 targets per level, as configured for O002 (defaults otherwise)."""
    raw = RuleSelection(config).options(OnlineRateBelowTarget.code, OnlineRateBelowTarget.name)
    return dict(OnlineOptions.model_validate(dict(raw)).targets)


def compute_stats(
    scope: Scope,
    facts: Sequence[ItemFacts],
    skipped: Sequence[Skipped],
    report: Report | None,
    targets: dict[str, float],
) -> Stats:
    """The statistics of the items ``facts`` of ``scope``, with the findings of ``report``."""
    covered = scope.published
    facts = [f for f in facts if f.region in covered]
    in_use = [f for f in facts if f.in_use]
    apps = [f for f in in_use if f.application]
    tree = scope.regions
    level_of = {code: tree.level(code).value for code in scope.order}
    levels = [lv.value for lv in Level if lv.value in set(level_of.values())]

    types = Counter(f.type for f in in_use)
    by_level = Counter(level_of[f.region] for f in in_use)
    by_type_level = Counter((f.type, level_of[f.region]) for f in in_use)
    item_levels = [lv for lv in levels if by_level[lv]]

    online_levels = []
    for level in levels:
        group = [f for f in apps if level_of[f.region] == level]
        if not group:  # nothing to rate (the national catalog has no applications)
            continue
        online_levels.append(
            LevelOnline(
                level, Share(sum(1 for f in group if f.online), len(group)), targets.get(level)
            )
        )

    stated = [f for f in apps if f.handling is not None]
    ratios = [
        f.promised_days / f.legal_days for f in apps if f.legal_days and f.promised_days is not None
    ]
    visits = Counter(f.visits for f in apps if f.visits is not None)
    counted_visits = sum(visits.values())

    # Item files: those read, and those left out for a wrong name (C002) in covered folders.
    files_per_region = Counter(region for _, region in scope.files)
    files_per_region.update(
        folder for s in scope.skipped if (folder := s.file.split("/", 1)[0]) in covered
    )
    # The whole catalog counts every finding, those of a folder missing from regions.yaml
    # (C004) too: "no problems" must not be said of a catalog validate fails.
    diagnostics = [
        d
        for d in (report.diagnostics if report else ())
        if scope.region is None or _region_of(d) in covered
    ]
    family_totals = Counter(d.rule[:1] for d in diagnostics)
    families = tuple(f for f in FAMILIES if family_totals[f]) + tuple(
        sorted(f for f in family_totals if f not in FAMILIES)
    )
    by_region_family = Counter((_region_of(d), d.rule[:1]) for d in diagnostics)
    error_files: dict[str, set[str]] = {}
    for d in diagnostics:
        if d.severity is Severity.ERROR and d.file and PurePath(d.file).name != REGIONS_FILE:
            error_files.setdefault(_region_of(d) or "", set()).add(d.file)

    apps_by_region: dict[str, list[ItemFacts]] = {}
    for f in apps:
        apps_by_region.setdefault(f.region, []).append(f)
    in_use_by_region = Counter(f.region for f in in_use)
    rows = []
    for code in scope.order:
        region_apps = apps_by_region.get(code, [])
        rows.append(
            RegionRow(
                code=code,
                name=tree.name(code),
                level=level_of[code],
                items=in_use_by_region[code],
                files=files_per_region[code],
                online=Share(sum(1 for f in region_apps if f.online), len(region_apps)),
                target=targets.get(level_of[code]),
                files_with_errors=min(len(error_files.get(code, ())), files_per_region[code]),
                findings=tuple((fam, by_region_family[(code, fam)]) for fam in families),
            )
        )
    region = scope.region
    return Stats(
        root=display_path(scope.root),
        region=region,
        region_name=tree.name(region) if region else None,
        files=len(scope.files),
        items=len(facts),
        skipped=len(skipped),
        by_status=tuple(sorted(Counter(f.status for f in facts).items())),
        by_type=tuple((t.value, types[t.value]) for t in ItemType),
        by_level=tuple((lv, by_level[lv]) for lv in item_levels),
        by_type_level=tuple(
            (t.value, tuple((lv, by_type_level[(t.value, lv)]) for lv in item_levels))
            for t in ItemType
        ),
        applications=len(apps),
        online=Share(sum(1 for f in apps if f.online), len(apps)),
        online_by_level=tuple(online_levels),
        immediate=Share(
            sum(1 for f in stated if f.handling == Handling.IMMEDIATE.value), len(stated)
        ),
        promised_ratio=sum(ratios) / len(ratios) if ratios else None,
        ratio_items=len(ratios),
        visits=tuple(sorted(visits.items())),
        at_most_once=Share(sum(n for v, n in visits.items() if v <= 1), counted_visits),
        zero_visits=Share(visits.get(0, 0), counted_visits),
        families=families,
        findings=tuple((fam, family_totals[fam]) for fam in families),
        regions=tuple(rows),
        validated=report is not None,
    )


def _region_of(d: Diagnostic) -> str | None:
    """The region a diagnostic is about: its own field, else the folder of its file."""
    if d.region:
        return d.region
    if d.file:
        folder = PurePath(d.file).parent.name
        if _REGION.match(folder):
            return folder
    return None
