"""Where an imported item is written: never outside the catalog.

A sheet row names its item by 区划代码 and 基本编码, and both become parts of a path. Every
target goes through :func:`catalog_tool.catalog.layout.item_path`, which refuses a code or
region holding a path separator or ``..`` and a region folder that links out of the
catalog. ``item_path`` resolves the path on disk (about 0.1 ms); a province's import names
55k items in a few hundred regions, so each region folder is resolved once; the codes
after the first in a region get the check ``item_path`` makes on a code (12 digits), and
only an item file that is itself a symbolic link is resolved again. Which files of a folder
are links is read once per folder (one directory listing instead of a ``stat`` per item).

An item whose file is misnamed (``370811/食品经营许可.yaml`` holding ``code: "000101001000"``)
is updated where it is, not written a second time under its code: when a region has no
file named after a code, the region's other item files are searched once for the one that
holds it (a top-level ``code:`` line). ``catalog validate`` goes on reporting the name.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from catalog_tool.catalog.layout import ITEM_SUFFIXES, item_path
from catalog_tool.engine.filecheck import SAFE_OPEN
from catalog_tool.model.codes import CODE_PATTERN

_CODE = re.compile(CODE_PATTERN)
_CODE_LINE = re.compile(rb"""^code:[ \t]*(["']?)(\d{12})\1[ \t]*(?:#[^\n]*)?\r?$""", re.MULTILINE)
_MAX_ITEM_BYTES = 1 << 20
"""Files larger than this are not searched for a code (no item file is that large)."""
_HEAD_BYTES = 1024


class TargetPaths:
    """``(region, code)`` → the item file's path under ``root``; raises
    :class:`~catalog_tool.errors.CatalogError` for one that would leave the catalog."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._vetted: dict[str, tuple[Path, _Listing | None]] = {}
        """Region folders item_path has accepted (it resolved them inside the root), with
        what is in each (None: not listed; each file is asked instead)."""
        self._misnamed: dict[str, dict[str, Path | None]] = {}
        """Per region: code → the misnamed file holding it (None: more than one does)."""

    def __call__(self, region: str, code: str) -> Path:
        """The path of ``code`` in ``region``: its own file, or the misnamed one holding it."""
        path = self._named(region, code)
        listing = self._vetted[region][1]
        exists = path.name in listing.names if listing is not None else path.exists()
        if exists or listing is None:
            return path
        return self._misnamed_file(region, code, listing) or path

    def _named(self, region: str, code: str) -> Path:
        vetted = self._vetted.get(region)
        if vetted is not None and _CODE.fullmatch(code):
            folder, listing = vetted
            name = f"{code}.yaml"
            path = folder / name
            if listing is None:
                if not path.is_symlink():
                    return path
            elif name not in listing.links:
                return path
        path = item_path(self.root, region, code)
        if vetted is None:
            self._vetted[region] = (path.parent, _list(path.parent))
        return path

    def _misnamed_file(self, region: str, code: str, listing: _Listing) -> Path | None:
        found = self._misnamed.get(region)
        if found is None:
            found = self._misnamed[region] = _misnamed_items(self._vetted[region][0], listing)
        return found.get(code)


class _Listing(NamedTuple):
    """What a region folder holds."""

    names: frozenset[str]
    links: frozenset[str]
    """The names of the symbolic links among them."""


def _list(folder: Path) -> _Listing | None:
    """The listing of ``folder`` (empty for a folder that does not exist yet; None when it
    cannot be listed)."""
    try:
        with os.scandir(folder) as entries:
            found = [(entry.name, entry.is_symlink()) for entry in entries]
    except FileNotFoundError:
        return _Listing(frozenset(), frozenset())
    except OSError:
        return None
    return _Listing(
        frozenset(name for name, _ in found), frozenset(name for name, link in found if link)
    )


def _misnamed_items(folder: Path, listing: _Listing) -> dict[str, Path | None]:
    """Code → item file of ``folder`` whose name is not its code (links are not followed)."""
    found: dict[str, Path | None] = {}
    base = str(folder)
    for name in sorted(listing.names - listing.links):
        if not name.endswith(ITEM_SUFFIXES):
            continue
        code = _code_in(os.path.join(base, name))  # noqa: PTH118 - thousands of files
        if code is not None and name.rsplit(".", 1)[0] != code:
            found[code] = None if code in found else folder / name
    return found


def _code_in(path: str) -> str | None:
    """The code on the top-level ``code:`` line of the file at ``path`` (None: none, or not
    a readable regular file; validate reports such files). The line is looked for in the
    file's head first: item files begin with it."""
    try:
        fd = os.open(path, SAFE_OPEN)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_ITEM_BYTES:
            return None  # a pipe would block the read
        head = os.read(fd, _HEAD_BYTES)
        match = _CODE_LINE.search(head)
        if match is None or match.end() == len(head):
            rest = os.read(fd, info.st_size) if len(head) == _HEAD_BYTES else b""
            match = _CODE_LINE.search(head + rest)
    except OSError:
        return None
    finally:
        os.close(fd)
    return match.group(2).decode() if match is not None else None
