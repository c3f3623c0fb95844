"""``validate``: the whole pipeline from a folder to a :class:`Report`.

Stages: find the root and config; read ``regions.yaml``; list the files; check each file
(from the cache when its stat or content is unchanged, else on the worker pool); build the
index; run the cross-item rules; apply config ignores and inline suppressions; sort.

With ``changed_since``, only the changed items, their upstream and downstream relatives
(same code, up and down the region chain) and the other items of their regions (for the
region-wide rules) are read; the findings of the changed items are those a full run gives.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from catalog_tool import keepalive
from catalog_tool.catalog.layout import (
    REGIONS_FILE,
    Layout,
    display_path,
    find_root,
    item_stats,
    scan,
)
from catalog_tool.catalog.selection import Selection
from catalog_tool.config import Config, LoadedConfig, RuleSelection, find_config, load_config
from catalog_tool.diagnostics import Diagnostic, Finding, Ref, Severity
from catalog_tool.engine.baseline import (
    Baseline,
    BaselineEntry,
    BaselineOutcome,
    load_baseline,
)
from catalog_tool.engine.baseline import split as split_by_baseline
from catalog_tool.engine.cache import ResultCache, Stat, cache_key, snapshot_digest
from catalog_tool.engine.changed import Fingerprint, changed_files
from catalog_tool.engine.gcpause import no_gc
from catalog_tool.legal.files import registry_fingerprint
from catalog_tool.report import Report
from catalog_tool.workers import ProgressStart

# A run answered from the cache (nothing changed) needs none of the checking machinery:
# the modules below are imported where they are used, not at start-up.
if TYPE_CHECKING:
    from catalog_tool.catalog.regions import RegionTree
    from catalog_tool.engine.filecheck import FileResult, Setup
    from catalog_tool.engine.pool import Work
    from catalog_tool.engine.severity import SeverityTable
    from catalog_tool.io.load import Loaded
    from catalog_tool.legal.registry import LawRegistry
    from catalog_tool.rules.base import Rule

REGIONAL_RULES = frozenset({"C003", "N002", "O002"})
"""Rules that look at every item of a region (``--changed-since`` reads those regions)."""


def validate(
    target: str | os.PathLike[str] | None = None,
    config: Config | LoadedConfig | None = None,
    *,
    paths: Sequence[str | os.PathLike[str]] = (),
    jobs: int | None = None,
    fast: bool = True,
    cache: bool | None = None,
    changed_since: str | None = None,
    progress: ProgressStart | None = None,
    baseline: str | os.PathLike[str] | Baseline | Literal[False] | None = None,
) -> Report:
    """Check the catalog at ``target`` (a root folder, or any path inside one).

    ``config`` defaults to the nearest ``catalog.toml``/``pyproject.toml``. With ``paths``,
    only diagnostics of those files are reported, though cross-item rules still see their
    relatives. ``cache`` overrides the config (default on); ``changed_since`` is a git
    revision. ``baseline`` (a file or a :class:`Baseline`; default the config's
    ``baseline``; False for none) hides the findings it records. Raises
    :class:`CatalogError` on unusable input.
    """
    root = find_root(Path(target) if target is not None else Path("items"))
    # git reports the work tree's state while the catalog is scanned (a cache hit needs it).
    early = Fingerprint(root) if cache is not False and changed_since is None else None
    # Likewise, git lists the changes while the configuration is read and the rules load.
    listing = _Listing(root, changed_since, config) if changed_since is not None else None
    try:
        run = _Run(root, config)
    except BaseException:
        if early is not None:
            early.cancel()
        if listing is not None:
            listing.close()
        raise
    run.jobs = jobs if jobs is not None else run.config.jobs
    run.fast = fast
    run.progress = progress
    use_cache = run.config.cache if cache is None else cache
    run.cache = ResultCache(run.root, run.key) if use_cache else None
    if early is not None and run.cache is None:
        early.cancel()
        early = None
    run.fingerprint = early
    # The run builds ~10 objects per item that live to the end: collections over them
    # would only slow it down (nothing here makes reference cycles worth collecting).
    with no_gc():
        changed = listing.result() if listing is not None else None
        diagnostics, files, items = (
            run.changed(changed) if changed is not None else run.everything()
        )
        wanted = Selection(run.root, paths)
        if not wanted.everything:
            diagnostics = [d for d in diagnostics if (d.file or "") in wanted]
        diagnostics.sort(key=Diagnostic.sort_key)
        shown = _Display(run.root)
        outcome = None
        chosen = run.baseline(baseline)
        if chosen is not None:
            recorded, source = chosen
            reported = run.reported

            def in_scope(entry: BaselineEntry) -> bool:
                # Only an entry this run could have matched can be stale: a partial run
                # reports some rules of some files.
                return entry.file in wanted and (
                    reported is None or reported(entry.file, entry.rule)
                )

            diagnostics, hidden, stale = split_by_baseline(diagnostics, recorded, in_scope)
            outcome = BaselineOutcome(
                file=source,
                hidden=hidden,
                stale=tuple(replace(e, file=shown(e.file)) for e in stale),
            )
        prefix = "" if shown.prefix == "." else shown.prefix + "/"
        report = Report(
            root=shown(None),
            files=len(files) + 1,
            items=items,
            diagnostics=tuple(
                d.moved(shown) if d.file else replace(d, file=shown.prefix) for d in diagnostics
            ),
            checked=tuple([prefix + f for f in (REGIONS_FILE, *files)]),
            baseline=outcome,
        )
        # With the collector back on, its first collection would walk what the run made.
        keepalive.hold(run)
        return report


def worker_setup(target: str | os.PathLike[str]) -> Setup:
    """What the workers of a ``validate`` of ``target`` get: rules, regions, registry
    (for profiling the per-file stage, see ``benchmarks/profile.py``)."""
    return _Run(find_root(Path(target)), None).setup


class _Listing:
    """:func:`changed_files` on a thread, started before the catalog is read.

    git spends most of its time walking the work tree, in its own process, while this one
    reads the configuration and imports the checkers.
    """

    def __init__(self, root: Path, ref: str, config: Config | LoadedConfig | None) -> None:
        if isinstance(config, LoadedConfig):
            path = config.path
        elif isinstance(config, Config):
            path = None
        else:
            path = find_config(root)
        also = [path] if path is not None else []
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._future = self._pool.submit(changed_files, root, ref, also)

    def result(self) -> frozenset[str] | None:
        """The changed item files (None: the change reaches the whole catalog)."""
        try:
            return self._future.result()
        finally:
            self.close()

    def close(self) -> None:
        """Wait for git and let the thread go (its outcome is not wanted)."""
        self._pool.shutdown(wait=True)


@dataclass
class _Run:
    """One validation run: the catalog, its configuration and what has been computed."""

    root: Path
    given: Config | LoadedConfig | None
    jobs: int | None = None
    fast: bool = True
    progress: ProgressStart | None = None
    cache: ResultCache | None = None
    fingerprint: Fingerprint | None = None
    """git's view of the work tree, started early (see :func:`validate`)."""
    reported: Callable[[str, str], bool] | None = None
    """Set by a ``--changed-since`` run: whether it reports a finding of this rule in this
    file, as a full run would (None: a full run reports everything)."""

    def __post_init__(self) -> None:
        self.loaded = _config_for(self.root, self.given)
        self.config = self.loaded.config
        self.selection = RuleSelection(self.config)
        self.layout: Layout = scan(self.root)

    @cached_property
    def _regions_file(self) -> tuple[RegionTree, list[Finding], Loaded]:
        """``regions.yaml``, read when something has to be checked (not for a cache hit:
        the cache key holds its bytes)."""
        from catalog_tool.catalog.regions_file import load_regions

        return load_regions(self.root)

    @property
    def regions(self) -> RegionTree:
        """The region tree of ``regions.yaml``."""
        return self._regions_file[0]

    @property
    def region_findings(self) -> list[Finding]:
        """What is wrong in ``regions.yaml``."""
        return self._regions_file[1]

    @property
    def regions_loaded(self) -> Loaded:
        """``regions.yaml`` as read (to position its findings)."""
        return self._regions_file[2]

    @cached_property
    def severities(self) -> SeverityTable:
        """The severity of each rule, as configured."""
        from catalog_tool.engine.severity import SeverityTable

        return SeverityTable.from_selection(self.selection)

    @cached_property
    def enabled(self) -> frozenset[str]:
        """Codes of the enabled rules."""
        return _enabled_codes(self.selection)

    @cached_property
    def key(self) -> str:
        """The cache generation: everything except the item files that can change findings."""
        regions = (self.root / REGIONS_FILE).read_bytes()
        return cache_key(
            [
                self.config.digest(),
                registry_fingerprint(self.root, self.config.laws, self.loaded.base),
                regions.hex(),
                "\n".join(sorted(self.layout.assets)),
                f"fast={self.fast}",
            ]
        )

    def baseline(
        self, given: str | os.PathLike[str] | Baseline | Literal[False] | None
    ) -> tuple[Baseline, str] | None:
        """The baseline to apply and how to name it, if any."""
        if given is False:
            return None
        if isinstance(given, Baseline):
            return given, "<baseline>"
        if given is not None:
            path = Path(given)
        elif self.config.baseline is not None:
            path = (self.loaded.base or Path()) / self.config.baseline
        else:
            return None
        return load_baseline(path), display_path(path)

    @cached_property
    def laws(self) -> LawRegistry:
        """The law registry (loaded only when something has to be checked)."""
        from catalog_tool.legal.catalog_registry import catalog_registry

        return catalog_registry(self.root, self.config.laws, self.loaded.base)

    @cached_property
    def rules(self) -> list[Rule]:
        """Instances of the enabled rules."""
        return _enabled_rules(self.selection)

    @cached_property
    def setup(self) -> Setup:
        """What the workers need."""
        from catalog_tool.engine.filecheck import Setup
        from catalog_tool.rules.base import ItemRule

        return Setup(
            root=self.root,
            regions=self.regions,
            rules=tuple(r for r in self.rules if isinstance(r, ItemRule)),
            severities=self.severities,
            assets=self.layout.assets,
            laws=self.laws,
            fast=self.fast,
            digests=self.cache is not None,
        )

    # -- full runs -------------------------------------------------------------------------

    def everything(self) -> tuple[list[Diagnostic], Sequence[str], int]:
        """Every diagnostic of the catalog (root-relative), the files and the item count."""
        files = self.layout.items
        stats: dict[str, Stat] | None = None
        snapshot = None
        if self.cache is not None:
            fingerprint = self.fingerprint or Fingerprint(self.root)
            snapshot = fingerprint.result(files)
            if snapshot is None:
                stats = item_stats(self.root, files)
                snapshot = snapshot_digest(stats)
            cached = self.cache.load_report(snapshot)
            if cached is not None:
                return cached[0], files, cached[1]
        if stats is None:
            # Stats only key the cache: without one, 55k stat calls buy nothing.
            stats = item_stats(self.root, files) if self.cache is not None else {}
        results = self.results(files, stats, store_all=True)
        keepalive.hold(results)  # not freed one by one when the process is about to end
        diagnostics = self.diagnose(results)
        items = sum(1 for r in results if r.summary is not None)
        if self.cache is not None and snapshot is not None:
            self.cache.save_report(snapshot, (diagnostics, items))
        return diagnostics, files, items

    def results(
        self,
        files: Sequence[str],
        stats: dict[str, Stat],
        *,
        store_all: bool,
        uncached: frozenset[str] = frozenset(),
    ) -> list[FileResult]:
        """The result of every file: cached when unchanged, checked otherwise.

        Files in ``uncached`` are checked without the cache: for a few files of a large
        region, checking them costs less than loading the region's shard.
        """
        from catalog_tool.engine.pool import check_files

        if self.cache is None:  # every file is checked, in order: nothing to look up
            advance = self.progress(len(files)) if self.progress is not None and files else None
            outcomes = check_files(self.setup, [(f, None) for f in files], self.jobs, advance)
            every = [outcome for outcome in outcomes if outcome is not None]
            assert len(every) == len(files)  # None only for a known content hash
            return every
        found: dict[str, FileResult] = {}
        work: list[Work] = []
        for file in files:
            stat = stats.get(file)
            if file in uncached:
                work.append((file, None))
                continue
            hit = self.cache.lookup(file, stat) if self.cache and stat else None
            if hit is not None:
                found[file] = hit
            else:
                old = self.cache.shard(file.split("/", 1)[0]).get(file) if self.cache else None
                work.append((file, old.result.digest if old is not None else None))
        advance = self.progress(len(work)) if self.progress is not None and work else None
        checked = check_files(self.setup, work, self.jobs, advance) if work else []
        fresh = []
        for (file, digest), outcome in zip(work, checked, strict=True):
            if outcome is None:  # content unchanged: the cached result holds
                assert self.cache is not None
                result = self.cache.shard(file.split("/", 1)[0])[file].result
            else:
                result = outcome
            found[file] = result
            if file in stats and (file not in uncached or digest is not None):
                fresh.append((file, stats[file], result))
        if self.cache is not None and (fresh or store_all):
            if store_all and len(fresh) == len(files):
                self.cache.store(fresh)
            else:
                self.cache.update(fresh)
        return [found[f] for f in files]

    def _by_file(self, files: list[str], *, uncached: bool = False) -> dict[str, FileResult]:
        """The :meth:`results` of some ``files`` (without the cache: ``uncached``)."""
        found = self.results(
            files,
            item_stats(self.root, files),
            store_all=False,
            uncached=frozenset(files) if uncached else frozenset(),
        )
        return dict(zip(files, found, strict=True))

    def diagnose(
        self,
        results: Sequence[FileResult],
        wanted: Callable[[Finding], bool] | None = None,
    ) -> list[Diagnostic]:
        """All diagnostics: per file, regions.yaml, cross-item rules, config, suppressions.

        ``wanted`` drops cross-item findings before they are positioned (a partial run
        produces many it will not report).
        """
        from catalog_tool.catalog.index import CatalogIndex
        from catalog_tool.engine.context import CatalogContext
        from catalog_tool.engine.cross import CrossRun, cross_item_diagnostics
        from catalog_tool.engine.positions import Positioner, to_diagnostic
        from catalog_tool.rules.base import CatalogRule
        from catalog_tool.rules.hygiene import UnusedSuppression

        positioner = Positioner(self.root)
        positioner.seed(REGIONS_FILE, self.regions_loaded)
        diagnostics = [
            to_diagnostic(f, REGIONS_FILE, self.severities.of(f), positioner)
            for f in self.region_findings
        ]
        for result in results:
            diagnostics.extend(result.diagnostics)
        index = CatalogIndex(self.regions, (r.summary for r in results if r.summary))
        cross = CrossRun(
            index=index,
            context=CatalogContext(regions=self.regions, laws=self.laws),
            severities=self.severities,
            root=self.root,
            wanted=wanted,
        )
        keepalive.hold(index)
        rules = [rule for rule in self.rules if isinstance(rule, CatalogRule)]
        diagnostics.extend(cross_item_diagnostics(cross, rules, self.jobs))
        diagnostics = _apply_config(diagnostics, self.selection, self.enabled, self.regions)
        severity = self.severities.effective[UnusedSuppression.code]
        return _apply_suppressions(diagnostics, results, severity, self.enabled)

    # -- --changed-since -----------------------------------------------------------------

    def changed(self, changed: frozenset[str]) -> tuple[list[Diagnostic], Sequence[str], int]:
        """Diagnostics of the changed items and their relatives (see the module doc)."""
        from catalog_tool.engine.positions import identity_of

        present = set(self.layout.items)
        regions = {f.split("/", 1)[0] for f in changed}
        mates = [f for f in self.layout.items if f.split("/", 1)[0] in regions]
        checked = self._by_file(mates)
        # Relatives share the code an item declares, and the one its file name gives (a
        # deleted file's only one): they differ for a misnamed file (C002).
        codes = {code for f in changed if (code := identity_of(f)[1]) is not None}
        codes.update(
            r.summary.code for f in changed if (r := checked.get(f)) and r.summary is not None
        )
        relatives: set[str] = set()
        for region in regions:
            family = {*self.regions.upstream(region), *self.regions.descendants(region)}
            relatives.update(f"{r}/{c}.yaml" for r in family for c in codes)
        relatives &= present
        # Relatives outside the changed regions are a file or two per region: checking
        # them costs less than loading their regions' cache shards (a province's holds
        # thousands of results).
        checked.update(self._by_file(sorted(relatives.difference(mates)), uncached=True))
        files = sorted(checked)
        results = [checked[f] for f in files]
        affected = {*changed, *relatives}

        def reported(file: str, rule: str) -> bool:
            region = identity_of(file)[0]
            return _concerned(rule, file, region, (), affected, changed, regions)

        self.reported = reported

        def wanted(finding: Finding) -> bool:
            # Dropped before positioning, which reads the file. Every finding of an
            # affected file stays: inline suppressions there must match as in a full run.
            file = finding.file or ""
            if file in affected:
                return True
            region = identity_of(file)[0] or finding.region
            refs = [v.file for v in finding.params.values() if isinstance(v, Ref)]
            return _concerned(finding.code, file, region, refs, affected, changed, regions)

        keep = [
            d
            for d in self.diagnose(results, wanted)
            if _concerned(
                d.rule, d.file, d.region, [r.file for r in d.related], affected, changed, regions
            )
        ]
        return keep, files, sum(1 for r in results if r.summary is not None)


def _concerned(
    rule: str,
    file: str | None,
    region: str | None,
    related: Sequence[str],
    affected: set[str],
    changed: frozenset[str],
    regions: set[str],
) -> bool:
    """Whether a diagnostic of a partial run is one a full run gives for the changes.

    ``related`` lists the files the diagnostic refers to besides its own.
    """
    if rule == "O002":
        return region in regions
    if rule == "N002" and any(r in changed for r in related):
        return True
    if file not in affected:
        return False
    return rule not in REGIONAL_RULES or (file or "").split("/", 1)[0] in regions


def _config_for(root: Path, config: Config | LoadedConfig | None) -> LoadedConfig:
    if isinstance(config, LoadedConfig):
        return config
    if isinstance(config, Config):
        return LoadedConfig(config, None)
    return load_config(find_config(root))


def _enabled_rules(selection: RuleSelection) -> list[Rule]:
    from catalog_tool.rules import all_rules
    from catalog_tool.rules.base import CatalogRule, ItemRule, options_of

    rules: list[Rule] = []
    for code, cls in all_rules().items():
        if not issubclass(cls, ItemRule | CatalogRule):
            continue
        if selection.enabled(code, cls.name, cls.default_enabled):
            rules.append(cls(options_of(cls, selection.options(code, cls.name))))
    return rules


def _enabled_codes(selection: RuleSelection) -> frozenset[str]:
    from catalog_tool.rules import all_rules

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
    results: Sequence[FileResult],
    severity: Severity,
    enabled: frozenset[str],
) -> list[Diagnostic]:
    from catalog_tool.engine import suppress
    from catalog_tool.engine.filecheck import malformed_suppression, unused_suppression
    from catalog_tool.rules.hygiene import UnusedSuppression

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


class _Display:
    """Paths relative to the root as the user should see them (the root's prefix once)."""

    def __init__(self, root: Path) -> None:
        self.prefix = display_path(root)

    def __call__(self, file: str | None) -> str:
        if not file:
            return self.prefix
        return file if self.prefix == "." else f"{self.prefix}/{file}"
