"""Atomic writes: a temp file in the same folder, fsynced, then renamed over the target.

A crash or an exception midway leaves the original file untouched and no partial file.
A target that exists but is not a regular file (``/dev/null``, ``/dev/stdout``, a named
pipe) is written in place: renaming over it would replace the device itself.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal


def atomic_open(
    path: Path, mode: Literal["w", "wb"] = "w"
) -> contextlib.AbstractContextManager[IO[Any]]:
    """Open ``path`` for writing (text as UTF-8, or bytes with ``"wb"``); the content
    replaces the file only if the ``with`` block succeeds."""
    return _atomic(path, mode)


def _is_special(path: Path) -> bool:
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        return False


@contextlib.contextmanager
def _direct(path: Path, mode: str) -> Iterator[IO[Any]]:
    if mode == "wb":
        with path.open("wb") as handle:
            yield handle
    else:
        with path.open("w", encoding="utf-8", newline="") as handle:
            yield handle


@contextlib.contextmanager
def _atomic(path: Path, mode: str) -> Iterator[IO[Any]]:
    path = Path(path)
    if _is_special(path):
        with _direct(path, mode) as device:
            yield device
        return
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        if mode == "wb":
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            # newline="" keeps exactly the line endings the caller writes.
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(path, tmp)
        tmp.replace(path)
        _fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically."""
    with atomic_open(path, "w") as handle:
        handle.write(text)


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)


def _copy_mode(original: Path, tmp: Path) -> None:
    try:
        mode = stat.S_IMODE(original.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    tmp.chmod(mode)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
