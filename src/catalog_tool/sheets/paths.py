"""Where an imported item is written: never outside the catalog.

A sheet row names its item by 区划代码 and 基本编码, and both become parts of a path. Every
target goes through :func:`catalog_tool.catalog.layout.item_path`, which refuses a code or
region holding a path separator or ``..`` and a region folder that links out of the
catalog. ``item_path`` resolves the path on disk (about 0.1 ms); a province's import names
55k items in a few hundred regions, so each region folder is resolved once; the codes
after the first in a region get the check ``item_path`` makes on a code (12 digits), and
only an item file that is itself a symbolic link is resolved again. Which files of a folder
are links is read once per folder (one directory listing instead of a ``stat`` per item).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from catalog_tool.catalog.layout import item_path
from catalog_tool.model.codes import CODE_PATTERN

_CODE = re.compile(CODE_PATTERN)


class TargetPaths:
    """``(region, code)`` → the item file's path under ``root``; raises
    :class:`~catalog_tool.errors.CatalogError` for one that would leave the catalog."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._vetted: dict[str, tuple[Path, frozenset[str] | None]] = {}
        """Region folders item_path has accepted (it resolved them inside the root), with
        the names of the links in each (None: not listed; each file is asked instead)."""

    def __call__(self, region: str, code: str) -> Path:
        """The path of ``code`` in ``region``."""
        vetted = self._vetted.get(region)
        if vetted is not None and _CODE.fullmatch(code):
            folder, links = vetted
            name = f"{code}.yaml"
            path = folder / name
            if links is None:
                if not path.is_symlink():
                    return path
            elif name not in links:
                return path
        path = item_path(self.root, region, code)
        if vetted is None:
            self._vetted[region] = (path.parent, _links(path.parent))
        return path


def _links(folder: Path) -> frozenset[str] | None:
    """The names of the symbolic links in ``folder`` (empty for a folder that does not exist
    yet; None when it cannot be listed)."""
    try:
        with os.scandir(folder) as entries:
            return frozenset(entry.name for entry in entries if entry.is_symlink())
    except FileNotFoundError:
        return frozenset()
    except OSError:
        return None
