"""``catalog init``: scaffold a catalog repository.

:func:`init_catalog` writes a sample catalog in ``items/`` (``regions.yaml``, a
``catalog.toml`` with every setting explained in Chinese, one sample item that validates
clean), a pre-commit config using this project's hooks, a GitHub Actions workflow
(annotations, SARIF upload, ``fmt --check``), the JSON Schemas editors read and a
``.gitignore``. Existing files are kept unless ``force``.
"""

from __future__ import annotations

import os
from pathlib import Path

from catalog_tool.catalog.layout import REGIONS_FILE, display_path, is_root
from catalog_tool.errors import CatalogError
from catalog_tool.scaffold.plan import CATALOG_DIR, PlannedFile, ToolSource, plan
from catalog_tool.scaffold.sample import EXAMPLE_SITE, SampleSite, site_for
from catalog_tool.scaffold.write import InitResult, write_files
from catalog_tool.text import Text

__all__ = [
    "EXAMPLE_SITE",
    "InitResult",
    "PlannedFile",
    "SampleSite",
    "ToolSource",
    "init_catalog",
    "plan",
    "site_for",
]


def init_catalog(
    target: str | os.PathLike[str] = ".",
    *,
    region: tuple[str, str] | None = None,
    force: bool = False,
    source: ToolSource | None = None,
) -> InitResult:
    """Scaffold a catalog repository in ``target`` (created when missing).

    ``region`` is ``(code, name)`` of the region the catalog implements; without it the
    sample is an example 省—市—县 chain, marked as such. ``source`` says where pre-commit
    and CI install catalog-tool from. A folder that already holds a catalog is refused
    (CatalogError) unless ``force``, which also replaces existing files.
    """
    root = Path(target)
    site = site_for(*region) if region is not None else None
    if root.exists() and not root.is_dir():
        raise CatalogError(
            Text(f"{display_path(root)} 不是文件夹", f"{display_path(root)} is not a folder"),
            Text("指定一个文件夹(不存在时会创建)。", "Give a folder (it is created if missing)."),
        )
    if not force and is_root(root):
        where = root / REGIONS_FILE if (root / REGIONS_FILE).is_file() else root / CATALOG_DIR
        raise CatalogError(
            Text(
                f"{display_path(root)} 中已有事项目录({display_path(where)}),没有改动任何文件",
                f"{display_path(root)} already holds a catalog ({display_path(where)}); "
                "nothing was changed",
            ),
            Text(
                "换一个空文件夹;确要用模板覆盖已有文件时加 --force。",
                "Use an empty folder, or add --force to overwrite existing files "
                "with the templates.",
            ),
        )
    return write_files(root, plan(site, source), force=force)
