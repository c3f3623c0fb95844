"""Where an imported item is written: never outside the catalog.

A sheet row names its item by 区划代码 and 基本编码, and both become parts of a path. Every
target goes through :func:`catalog_tool.catalog.layout.item_path`, which refuses a code or
region holding a path separator or ``..`` and a region folder that links out of the
catalog. ``item_path`` resolves the path on disk (about 0.1 ms); a province's import names
55k items in a few hundred regions, so each region folder is resolved once; the codes
after the first in a region get the check ``item_path`` makes on a code (12 digits), and
only an item file that is itself a symbolic link is resolved again.
"""

from __future__ import annotations

import re
from pathlib import Path

from catalog_tool.catalog.layout import item_path
from catalog_tool.model.item import CODE_PATTERN

_CODE = re.compile(CODE_PATTERN)


class TargetPaths:
    """``(region, code)`` → the item file's path under ``root``; raises
    :class:`~catalog_tool.errors.CatalogError` for one that would leave the catalog."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._vetted: set[str] = set()
        """Region folders item_path has accepted (it resolved them inside the root)."""

    def __call__(self, region: str, code: str) -> Path:
        """The path of ``code`` in ``region``."""
        if region in self._vetted and _CODE.fullmatch(code):
            path = self.root / region / f"{code}.yaml"
            if not path.is_symlink():
                return path
        path = item_path(self.root, region, code)
        self._vetted.add(region)
        return path
