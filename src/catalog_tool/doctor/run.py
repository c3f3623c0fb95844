"""Run every check in order; a check that fails unexpectedly becomes an error result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from catalog_tool.catalog.layout import Layout, find_root, scan
from catalog_tool.config import LoadedConfig
from catalog_tool.doctor import catalog_checks, environment
from catalog_tool.doctor.cache_check import cache
from catalog_tool.doctor.encoding import encoding
from catalog_tool.doctor.model import Check, Status
from catalog_tool.errors import CatalogError
from catalog_tool.text import Text


def run_checks(catalog: Path | None = None, *, config: Path | None = None) -> list[Check]:
    """Check the environment and, when one is found, the catalog.

    ``catalog`` is a catalog root or a path inside one; without it the doctor looks where
    ``catalog validate`` would (the config's ``root``, ``items/``, the working folder) and
    skips the catalog checks when there is none. ``config`` replaces the nearest config
    file. A ``catalog`` that is not in a catalog raises :class:`CatalogError`.
    """
    root = find_root(catalog) if catalog is not None else None
    checks = [
        _guarded("python", environment.python_version),
        _guarded("dependencies", environment.dependencies),
        _guarded("yaml", environment.yaml_parsers),
        _guarded("chromium", environment.chromium),
        _guarded("fonts", environment.chinese_fonts),
        _guarded("git", environment.git),
    ]
    start = root if root is not None else Path.cwd()
    config_check, loaded = catalog_checks.config(start, config)
    checks.append(config_check)
    if root is None:
        root = _default_root(loaded)
    if root is None:
        checks.append(catalog_checks.no_catalog(Path.cwd()))
        checks.append(_guarded("laws", lambda: catalog_checks.laws(None, loaded)))
        return checks
    layout = _layout(root)
    if isinstance(layout, Check):
        checks.append(layout)
        return checks
    found = root
    checks.extend(
        [
            catalog_checks.catalog_found(found, layout),
            _guarded("laws", lambda: catalog_checks.laws(found, loaded)),
            _guarded("writable", lambda: catalog_checks.writable(found)),
            _guarded("lock", lambda: catalog_checks.lock(found)),
            _guarded("cache", lambda: cache(found)),
            _guarded("encoding", lambda: encoding(found, layout)),
        ]
    )
    return checks


def _default_root(loaded: LoadedConfig | None) -> Path | None:
    """Where ``catalog validate`` without a path would look, if a catalog is there."""
    candidates = []
    if loaded is not None and loaded.config.root is not None and loaded.base is not None:
        candidates.append(loaded.base / loaded.config.root)
    candidates.extend([Path("items"), Path()])
    for candidate in candidates:
        try:
            return find_root(candidate)
        except CatalogError:
            continue
    return None


def _layout(root: Path) -> Layout | Check:
    try:
        return scan(root)
    except OSError as error:
        return Check(
            "catalog",
            Text("事项目录", "catalog"),
            Status.ERROR,
            Text(f"无法列出 {root}:{error.strerror}", f"cannot list {root}: {error.strerror}"),
            Text("检查文件夹的权限。", "Check the folder's permissions."),
        )


def _guarded(name: str, check: Callable[[], Check]) -> Check:
    """Run ``check``; an exception inside it is reported, not raised (the doctor is the
    command people run when things are broken)."""
    try:
        return check()
    except Exception as error:
        message = f"{type(error).__name__}: {error}"
        return Check(
            name,
            Text(name, name),
            Status.ERROR,
            Text(f"检查本身出错:{message}", f"the check itself failed: {message}"),
            Text(
                "请报告此问题,并附上 catalog doctor --format json 的输出。",
                "Please report it with the output of catalog doctor --format json.",
            ),
        )
