"""``catalog baseline write`` and ``prune``: record today's findings, or drop fixed ones."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from catalog_tool.catalog.layout import find_root
from catalog_tool.config import LoadedConfig, find_config, load_config
from catalog_tool.diagnostics import Diagnostic
from catalog_tool.engine.baseline import (
    DEFAULT_BASELINE,
    Baseline,
    baseline_of,
    load_baseline,
    split,
    write_baseline,
)
from catalog_tool.engine.run import validate
from catalog_tool.report import Report


@dataclass(frozen=True, slots=True)
class BaselineUpdate:
    """What a baseline command wrote."""

    path: Path
    """The baseline file."""
    entries: int
    """Entries in the file now."""
    removed: int = 0
    """Entries dropped (prune)."""
    configured: bool = True
    """False when the config does not name this file, so validate will not use it yet."""


def baseline_path(root: Path, loaded: LoadedConfig, given: Path | None) -> Path:
    """The baseline file: ``given``, else the config's ``baseline``, else the default in the
    catalog root."""
    if given is not None:
        return given
    if loaded.config.baseline is not None:
        return (loaded.base or Path()) / loaded.config.baseline
    return root / DEFAULT_BASELINE


def record(
    target: Path,
    loaded: LoadedConfig | None = None,
    output: Path | None = None,
    *,
    jobs: int | None = None,
    cache: bool | None = None,
) -> BaselineUpdate:
    """Validate the whole catalog at ``target`` and record every finding in a baseline."""
    root = find_root(target)
    loaded = loaded if loaded is not None else load_config(find_config(root))
    path = baseline_path(root, loaded, output)
    report = validate(root, loaded, baseline=False, jobs=jobs, cache=cache)
    baseline = baseline_of(_root_relative(report))
    write_baseline(path, baseline)
    return BaselineUpdate(path, len(baseline.entries), configured=_configured(path, loaded))


def prune(
    target: Path,
    loaded: LoadedConfig | None = None,
    given: Path | None = None,
    *,
    jobs: int | None = None,
    cache: bool | None = None,
) -> BaselineUpdate:
    """Drop the entries of the baseline that no longer occur; never add new ones."""
    root = find_root(target)
    loaded = loaded if loaded is not None else load_config(find_config(root))
    path = baseline_path(root, loaded, given)
    recorded = load_baseline(path)
    report = validate(root, loaded, baseline=False, jobs=jobs, cache=cache)
    _, _, stale = split(_root_relative(report), recorded, lambda _entry: True)
    gone = Counter(stale)
    kept = []
    for entry in recorded.entries:
        if gone[entry] > 0:
            gone[entry] -= 1
        else:
            kept.append(entry)
    write_baseline(path, Baseline(tuple(kept)))
    return BaselineUpdate(
        path,
        len(kept),
        removed=len(recorded.entries) - len(kept),
        configured=_configured(path, loaded),
    )


def _root_relative(report: Report) -> list[Diagnostic]:
    prefix = "" if report.root == "." else report.root.rstrip("/") + "/"

    def relative(file: str) -> str:
        return file[len(prefix) :] if file.startswith(prefix) else file

    return [d.moved(relative) for d in report.diagnostics]


def _configured(path: Path, loaded: LoadedConfig) -> bool:
    if loaded.config.baseline is None:
        return False
    named = (loaded.base or Path()) / loaded.config.baseline
    return named.resolve() == path.resolve()
