"""Open handles of a catalog's folders, to open item files by name.

Opening ``root/region/code.yaml`` walks every component of the path; opening ``code.yaml``
relative to an open handle of ``root/region`` walks one, which takes a quarter off each
read of a cold run. A worker keeps the handles of the folders it has met (a province has
about 115) until it exits; a run in one process closes them once its files are read.
"""

from __future__ import annotations

import os
from pathlib import Path

_SUPPORTED = os.open in os.supports_dir_fd and hasattr(os, "O_DIRECTORY")


class Folders:
    """Handles of the folders under ``root``, opened on first use (``contextlib.closing``
    closes them after a block)."""

    def __init__(self, root: Path) -> None:
        self._root = str(root)
        self._handles: dict[str, int] = {}

    def at(self, file: str) -> tuple[int, str] | None:
        """The open handle of ``file``'s folder and its name there, where it has one.

        None (the caller opens the whole path) without support for opening relative to a
        folder, for a file at the root, or when the folder cannot be opened: the whole
        path then gives the proper error.
        """
        folder, _, name = file.rpartition("/")
        if not folder or not _SUPPORTED:
            return None
        handle = self._handles.get(folder)
        if handle is None:
            try:
                handle = os.open(os.path.join(self._root, folder), os.O_RDONLY | os.O_DIRECTORY)  # noqa: PTH118
            except OSError:
                handle = -1
            self._handles[folder] = handle
        return (handle, name) if handle >= 0 else None

    def close(self) -> None:
        """Close every handle."""
        handles, self._handles = self._handles, {}
        for handle in handles.values():
            if handle >= 0:
                os.close(handle)
