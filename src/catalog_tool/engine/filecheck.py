"""The per-file stage: read, parse, validate, run item rules. Runs in worker processes.

A :class:`FileResult` is self-contained and picklable: positioned diagnostics, the item's
summary for cross-item rules, and its suppressions. That is what the cache stores too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from catalog_tool.catalog.index import ItemSummary
from catalog_tool.catalog.regions import RegionTree
from catalog_tool.diagnostics import Diagnostic, Finding, Severity
from catalog_tool.engine.context import ItemContext
from catalog_tool.engine.positions import Positioner, to_diagnostic
from catalog_tool.engine.schema_check import check_model
from catalog_tool.engine.severity import SeverityTable
from catalog_tool.engine.suppress import Malformed, Suppression, parse
from catalog_tool.io.compose import Problem
from catalog_tool.io.load import Loaded, load_yaml
from catalog_tool.legal.registry import LawRegistry, bundled
from catalog_tool.model.item import Item, model_for_region
from catalog_tool.rules.base import ItemRule, Rule
from catalog_tool.rules.hygiene import (
    AnchorsAndTags,
    DuplicateKey,
    InvalidYaml,
    NotUtf8,
    UnquotedCode,
    UnreadableFile,
    UnusedSuppression,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
"""An item file is a few KB; anything this large is rejected unread."""

_PROBLEM_RULES: dict[str, tuple[type[Rule], str]] = {
    "syntax": (InvalidYaml, "default"),
    "too_deep": (InvalidYaml, "too_deep"),
    "complex_key": (InvalidYaml, "complex_key"),
    "duplicate_key": (DuplicateKey, "default"),
    "anchor": (AnchorsAndTags, "anchor"),
    "alias": (AnchorsAndTags, "alias"),
    "tag": (AnchorsAndTags, "tag"),
    "multi_doc": (AnchorsAndTags, "multi_doc"),
    "unquoted_code": (UnquotedCode, "default"),
}


@dataclass(frozen=True, slots=True)
class Setup:
    """What every worker needs to check files; sent once per worker."""

    root: Path
    regions: RegionTree
    rules: tuple[ItemRule, ...]
    severities: SeverityTable
    assets: frozenset[str] = frozenset()
    laws: LawRegistry = field(default_factory=bundled)
    fast: bool = True


@dataclass(frozen=True, slots=True)
class FileResult:
    """Everything the later stages need from one file."""

    file: str
    digest: str
    diagnostics: tuple[Diagnostic, ...] = ()
    summary: ItemSummary | None = None
    suppressions: tuple[Suppression, ...] = ()
    malformed: tuple[Malformed, ...] = field(default=())


def problem_finding(problem: Problem) -> Finding:
    """The Y finding for a loader problem."""
    if problem.kind == "not_utf8":
        key = "gb18030" if problem.params.get("gb18030") else "default"
        return NotUtf8.finding_with(
            "", key, problem.params, position=(problem.line, problem.column)
        )
    rule, key = _PROBLEM_RULES[problem.kind]
    return rule.finding_with("", key, problem.params, position=(problem.line, problem.column))


def read_limited(path: Path, root: Path) -> bytes | Finding:
    """The bytes of ``path``, or a Y007 finding saying why they cannot be read."""
    try:
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(root.resolve()):
                return UnreadableFile.finding("", "outside", position=(1, 1), target=str(target))
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return UnreadableFile.finding(
                "", "too_large", position=(1, 1), size=size, limit=MAX_FILE_BYTES
            )
        return path.read_bytes()
    except OSError as err:
        return UnreadableFile.finding("", position=(1, 1), reason=err.strerror or str(err))


def check_file(setup: Setup, file: str) -> FileResult:
    """Check one item file, given relative to the catalog root."""
    folder = file.split("/", 1)[0]
    source = read_limited(setup.root / file, setup.root)
    positioner = Positioner(setup.root)
    if isinstance(source, Finding):
        diagnostic = to_diagnostic(source, file, setup.severities.of(source), positioner)
        return FileResult(file=file, digest="", diagnostics=(diagnostic,))
    digest = hashlib.blake2b(source, digest_size=16).hexdigest()
    loaded = load_yaml(source, fast=setup.fast)
    findings, summary = _check_loaded(setup, file, folder, loaded)
    if findings:
        positioner.seed(file, loaded)
    diagnostics = tuple(
        to_diagnostic(f, file, setup.severities.of(f), positioner) for f in findings
    )
    suppressions, malformed = parse(loaded.text) if loaded.text is not None else ((), ())
    return FileResult(file, digest, diagnostics, summary, suppressions, malformed)


def _check_loaded(
    setup: Setup, file: str, folder: str, loaded: Loaded
) -> tuple[list[Finding], ItemSummary | None]:
    findings = [problem_finding(p) for p in loaded.problems]
    if not loaded.usable:
        return findings, None
    model = model_for_region(folder)
    item, schema_findings = check_model(model, loaded.data)
    findings.extend(schema_findings)
    if item is None:
        data = loaded.data
        summary = ItemSummary.from_raw(file, folder, data) if isinstance(data, dict) else None
        return findings, summary
    assert isinstance(item, Item)
    ctx = ItemContext(
        file=file, folder=folder, regions=setup.regions, assets=setup.assets, laws=setup.laws
    )
    for rule in setup.rules:
        if item.is_national and not rule.national:
            continue
        findings.extend(rule.check(item, ctx))
    return findings, ItemSummary.from_item(file, folder, item)


def unused_suppression(file: str, suppression: Suppression, severity: Severity) -> Diagnostic:
    """The Y006 diagnostic for a suppression that matched nothing."""
    finding = UnusedSuppression.finding(
        "", position=(suppression.line, suppression.column), codes=",".join(suppression.codes)
    )
    return _positioned(finding, file, severity)


def malformed_suppression(file: str, malformed: Malformed, severity: Severity) -> Diagnostic:
    """The Y006 diagnostic for a ``# catalog:`` comment that is not a suppression."""
    finding = UnusedSuppression.finding(
        "", "malformed", position=(malformed.line, malformed.column), comment=malformed.comment
    )
    return _positioned(finding, file, severity)


def _positioned(finding: Finding, file: str, severity: Severity) -> Diagnostic:
    return to_diagnostic(finding, file, severity, Positioner(Path()))
