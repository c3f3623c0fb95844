"""The findings of every rule for the items an import covers, written or only planned.

A real import validates the catalog once its files are written. A dry run must report the
same findings without writing the catalog: it validates a mirror of it, in a temporary
folder, that holds the planned contents in place of the files they would replace. The
mirror links the catalog's files (hard links: nothing is copied unless the temporary folder
is on another file system) and takes a copy of its validation cache, so that only the
planned files are checked anew. Paths in the findings are then given back in the catalog's
terms: the report reads as the real import's does.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from catalog_tool.catalog.layout import REGIONS_FILE, display_path, scan
from catalog_tool.config import LoadedConfig, find_config, load_config
from catalog_tool.diagnostics import Diagnostic
from catalog_tool.engine.cache import CACHE_DIR
from catalog_tool.report import Report


def validate_items(
    root: Path,
    config: LoadedConfig | None,
    files: Sequence[Path],
    planned: Mapping[Path, str] | None = None,
) -> Report:
    """Every rule over the catalog at ``root``, reported for ``files`` only.

    With ``planned`` (item file → the text an import would write), the catalog is
    validated as it would be with those texts written, and nothing in it is written.
    The regions of ``files`` are passed to the engine, not the files themselves (a
    province-sized import names 55k files, each of which the engine would resolve); the
    report is then narrowed to the files with a set.
    """
    from catalog_tool.engine.run import validate

    if config is None:
        config = load_config(find_config(root))
    wanted = {os.path.relpath(path, root) for path in files}
    regions = sorted({path.parent.name for path in files})
    with _as_planned(root, planned or {}) as target:
        report = validate(target, config, paths=[target / region for region in regions])
        diagnostics = tuple(
            _in_catalog(d, target, root)
            for d in report.diagnostics
            if d.file is not None and os.path.relpath(d.file, target) in wanted
        )
    return Report(
        root=display_path(root), files=len(files), items=len(files), diagnostics=diagnostics
    )


@contextlib.contextmanager
def _as_planned(root: Path, planned: Mapping[Path, str]) -> Iterator[Path]:
    """``root`` itself when nothing is planned, else a mirror of it with ``planned`` written."""
    if not planned:
        yield root
        return
    with tempfile.TemporaryDirectory(prefix="catalog-import-") as folder:
        mirror = Path(folder) / "catalog"
        _mirror(root, mirror)
        for path, text in planned.items():
            target = mirror / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a link to the catalog's file: never write through it
            target.write_text(text, encoding="utf-8")
        yield mirror


def _mirror(root: Path, mirror: Path) -> None:
    """The files validation reads (regions, items, assets), linked, and a copy of the cache."""
    layout = scan(root)
    for name in (REGIONS_FILE, *layout.items, *layout.assets):
        target = mirror / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(root / name, target, follow_symlinks=False)
        except OSError:
            shutil.copy2(root / name, target, follow_symlinks=False)
    with contextlib.suppress(OSError):  # without it, every file is checked: slower, the same
        shutil.copytree(root / CACHE_DIR, mirror / CACHE_DIR)


def _in_catalog(diagnostic: Diagnostic, mirror: Path, root: Path) -> Diagnostic:
    """``diagnostic`` of the mirror with the files it names (its own, the related ones and
    those its message cites) named as in the catalog."""
    if mirror == root:
        return diagnostic

    def shown(file: str) -> str:
        relative = os.path.relpath(file, mirror)
        return file if relative.startswith("..") else display_path(root / relative)

    return diagnostic.moved(shown)
