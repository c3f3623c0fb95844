"""``validate``: the whole pipeline from a folder to a :class:`Report`."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from catalog_tool.catalog.index import CatalogIndex
from catalog_tool.catalog.layout import REGIONS_FILE, display_path, find_root, scan
from catalog_tool.catalog.regions import RegionTree
from catalog_tool.catalog.regions_file import load_regions
from catalog_tool.config import Config, LoadedConfig, RuleSelection, find_config, load_config
from catalog_tool.diagnostics import Diagnostic, Severity
from catalog_tool.engine import suppress
from catalog_tool.engine.context import CatalogContext
from catalog_tool.engine.filecheck import (
    FileResult,
    Setup,
    check_file,
    malformed_suppression,
    unused_suppression,
)
from catalog_tool.engine.positions import Positioner, to_diagnostic
from catalog_tool.engine.severity import SeverityTable
from catalog_tool.io.fast import quiet_stderr
from catalog_tool.legal.catalog_registry import catalog_registry
from catalog_tool.report import Report
from catalog_tool.rules import all_rules
from catalog_tool.rules.base import CatalogRule, ItemRule, Rule, options_of
from catalog_tool.rules.hygiene import UnusedSuppression

PARALLEL_THRESHOLD = 400
"""Below this many files a process pool costs more than it saves."""
CHUNK = 256


def validate(
    target: str | os.PathLike[str] | None = None,
    config: Config | LoadedConfig | None = None,
    *,
    paths: Sequence[str | os.PathLike[str]] = (),
    jobs: int | None = None,
    fast: bool = True,
) -> Report:
    """Check the catalog at ``target`` (a root folder, or any path inside one).

    ``config`` defaults to the nearest ``catalog.toml``/``pyproject.toml``. With ``paths``,
    only diagnostics of those files are reported, though the whole catalog is read so that
    cross-item rules see their relatives. Raises :class:`CatalogError` on unusable input.
    """
    start = Path(target) if target is not None else Path("items")
    root = find_root(start)
    loaded_config = _config_for(root, config)
    cfg = loaded_config.config
    selection = RuleSelection(cfg)
    rules = _enabled_rules(selection)
    severities = SeverityTable.from_selection(selection)
    laws = catalog_registry(root, cfg.laws, loaded_config.base)
    regions, region_findings, regions_loaded = load_regions(root)
    layout = scan(root)
    setup = Setup(
        root=root,
        regions=regions,
        rules=tuple(r for r in rules if isinstance(r, ItemRule)),
        severities=severities,
        assets=layout.assets,
        laws=laws,
        fast=fast,
    )
    results = list(_check_files(setup, layout.items, jobs or cfg.jobs))
    positioner = Positioner(root)
    positioner.seed(REGIONS_FILE, regions_loaded)
    diagnostics = [
        to_diagnostic(f, REGIONS_FILE, severities.of(f), positioner) for f in region_findings
    ]
    for result in results:
        diagnostics.extend(result.diagnostics)
    index = CatalogIndex(regions, (r.summary for r in results if r.summary is not None))
    context = CatalogContext(regions=regions, laws=laws)
    for rule in rules:
        if isinstance(rule, CatalogRule):
            for finding in rule.check(index, context):
                diagnostics.append(
                    to_diagnostic(finding, finding.file or "", severities.of(finding), positioner)
                )
    enabled = _enabled_codes(selection)
    diagnostics = _apply_config(diagnostics, selection, enabled, regions)
    diagnostics = _apply_suppressions(
        diagnostics, results, severities.effective[UnusedSuppression.code], enabled
    )
    if paths:
        wanted = tuple(_relative(root, Path(p)) for p in paths)
        diagnostics = [d for d in diagnostics if _under(d.file or "", wanted)]
    diagnostics.sort(key=Diagnostic.sort_key)
    return Report(
        root=_display(root, "."),
        files=len(layout.items) + 1,
        items=sum(1 for r in results if r.summary is not None),
        diagnostics=tuple(replace(d, file=_display(root, d.file)) for d in diagnostics),
        checked=tuple(_display(root, f) for f in (REGIONS_FILE, *layout.items)),
    )


def _config_for(root: Path, config: Config | LoadedConfig | None) -> LoadedConfig:
    if isinstance(config, LoadedConfig):
        return config
    if isinstance(config, Config):
        return LoadedConfig(config, None)
    return load_config(find_config(root))


def _enabled_rules(selection: RuleSelection) -> list[Rule]:
    rules: list[Rule] = []
    for code, cls in all_rules().items():
        if not issubclass(cls, ItemRule | CatalogRule):
            continue
        if selection.enabled(code, cls.name, cls.default_enabled):
            rules.append(cls(options_of(cls, selection.options(code, cls.name))))
    return rules


_SETUP: Setup | None = None


def _init_worker(setup: Setup) -> None:
    global _SETUP  # noqa: PLW0603 - one setup per worker process, sent once
    _SETUP = setup


def _check_chunk(files: list[str]) -> list[FileResult]:
    assert _SETUP is not None
    with quiet_stderr():
        return [check_file(_SETUP, f) for f in files]


def _check_files(setup: Setup, files: Sequence[str], jobs: int | None) -> Iterator[FileResult]:
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD:
        with quiet_stderr():
            for file in files:
                yield check_file(setup, file)
        return
    chunks = [list(files[i : i + CHUNK]) for i in range(0, len(files), CHUNK)]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(setup,)
    ) as pool:
        for batch in pool.map(_check_chunk, chunks):
            yield from batch


def _enabled_codes(selection: RuleSelection) -> frozenset[str]:
    return frozenset(
        code
        for code, rule in all_rules().items()
        if selection.enabled(code, rule.name, rule.default_enabled)
    )


def _apply_config(
    diagnostics: Iterable[Diagnostic],
    selection: RuleSelection,
    enabled: frozenset[str],
    regions: RegionTree,
) -> list[Diagnostic]:
    kept = []
    for diagnostic in diagnostics:
        if diagnostic.rule not in enabled:
            continue
        level = regions.level(diagnostic.region) if diagnostic.region else None
        if selection.ignored_in(diagnostic.rule, diagnostic.file, level):
            continue
        kept.append(diagnostic)
    return kept


def _apply_suppressions(
    diagnostics: list[Diagnostic],
    results: Iterable[FileResult],
    severity: Severity,
    enabled: frozenset[str],
) -> list[Diagnostic]:
    results = list(results)
    table = {r.file: r.suppressions for r in results if r.suppressions}
    flags, unused = suppress.split_suppressed(
        ((d.file or "", d.line, d.rule) for d in diagnostics), table
    )
    kept = [d for d, hidden in zip(diagnostics, flags, strict=True) if not hidden]
    if UnusedSuppression.code not in enabled:
        return kept
    for file, item in unused:
        # A suppression of a rule that is switched off here has nothing to match: not stale.
        if all(any(code.startswith(c) for code in enabled) for c in item.codes):
            kept.append(unused_suppression(file, item, severity))
    for result in results:
        kept.extend(malformed_suppression(result.file, m, severity) for m in result.malformed)
    return kept


def _under(file: str, wanted: tuple[str, ...]) -> bool:
    return any(file == w or file.startswith(w.rstrip("/") + "/") for w in wanted)


def _relative(root: Path, path: Path) -> str:
    resolved = path.resolve()
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _display(root: Path, file: str | None) -> str:
    """``file`` (relative to root) as the user should see it."""
    return display_path(root / (file or ""))
