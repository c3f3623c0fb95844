"""Which catalog files a command's path arguments choose: each path and all files under it.

A pre-commit hook passes every staged file, so a selection may hold thousands of paths
over a catalog of 55,000 files. Each path is made relative to the root once; a file is
then chosen by looking up its own path and its folders in a set, never by comparing it
with every argument.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


class Selection:
    """The files that ``paths`` name under ``root``; no paths choose every file."""

    __slots__ = ("_everything", "_wanted")

    def __init__(self, root: Path, paths: Iterable[str | os.PathLike[str]]) -> None:
        wanted = {relative_to_root(root, Path(p)) for p in paths}
        self._everything = not wanted or "." in wanted
        self._wanted = frozenset(wanted)

    def __contains__(self, file: str) -> bool:
        """Whether ``file`` (relative to the root, ``/`` separators) is chosen."""
        if self._everything or file in self._wanted:
            return True
        wanted = self._wanted
        cut = file.rfind("/")
        while cut > 0:
            file = file[:cut]
            if file in wanted:
                return True
            cut = file.rfind("/")
        return False

    @property
    def everything(self) -> bool:
        """True when every file of the catalog is chosen."""
        return self._everything


def relative_to_root(root: Path, path: Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators (``.`` for the root itself).

    The path as written is tried first, so a file reached through a linked folder keeps
    the name the catalog lists it under; then with links resolved, for a root reached
    through a link. A path outside the catalog is returned as written: it names no file.
    """
    as_written = (_absolute(root), _absolute(path))
    with_links_resolved = (root.resolve(), path.resolve())
    for base, target in (as_written, with_links_resolved):
        if target.is_relative_to(base):
            return target.relative_to(base).as_posix()
    return path.as_posix()


def _absolute(path: Path) -> Path:
    """``path`` made absolute without resolving links (``..`` is taken lexically)."""
    return Path(os.path.abspath(path))  # noqa: PTH100 - keep links as written
