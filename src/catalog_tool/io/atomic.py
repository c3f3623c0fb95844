"""Atomic writes: a temp file in the same folder, fsynced, then renamed over the target.

A crash or an exception midway leaves the original file untouched and no partial file.
A target that exists but is not a regular file (``/dev/null``, ``/dev/stdout``, a named
pipe) is written in place: renaming over it would replace the device itself.

:class:`AtomicBatch` gives the same guarantee per file to commands that write thousands of
files (``merge``, ``import``): one fsync per file costs ~7 ms on a typical disk, minutes for a
province. The batch writes every temp file first, flushes them all with one ``sync``, and only
then renames them over their targets.
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


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Let an error name the file being written, not its temp file (or nothing, as a
    full disk's does on close): that is the path the user gave."""
    try:
        yield
    except OSError as err:
        if err.errno is None or err.filename == str(path):
            raise
        raise OSError(err.errno, err.strerror, str(path)) from err


def _is_special(path: Path) -> bool:
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        return False


@contextlib.contextmanager
def _direct(path: Path, mode: str) -> Iterator[IO[Any]]:
    """Write a device or named pipe in place. When the pipe's reader closes it early
    (``-o /dev/stdout | head``), the rest is dropped and the command goes on, as on
    standard output (see :mod:`catalog_tool.cli.pipes`): the reader chose to see less."""
    try:
        if mode == "wb":
            with path.open("wb") as handle:
                yield handle
        else:
            with path.open("w", encoding="utf-8", newline="") as handle:
                yield handle
    except BrokenPipeError:
        return


@contextlib.contextmanager
def _atomic(path: Path, mode: str) -> Iterator[IO[Any]]:
    path = Path(path)
    with _naming(path), _through_temp(path, mode) as handle:
        yield handle


@contextlib.contextmanager
def _through_temp(path: Path, mode: str) -> Iterator[IO[Any]]:
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


class AtomicBatch:
    """Atomic writes of many files with one flush to disk.

    Use as a context manager. :meth:`write_text` writes a temp file next to its target at
    once (so memory holds no file contents); leaving the ``with`` block normally flushes all
    temp files to disk and renames each over its target; an exception removes them and leaves
    every target as it was. A crash before the renames leaves the originals; a crash during
    them leaves each file either old or new, never partial, as with :func:`write_text`.

    A target that is not a regular file (a device, a named pipe) cannot be staged: it is
    written in place, after the renames, and not at all when the batch is aborted.
    """

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []
        self._in_place: list[tuple[Path, bytes]] = []

    def __enter__(self) -> AtomicBatch:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()

    def write_text(self, path: Path, text: str) -> None:
        """Stage ``text`` (UTF-8) for ``path``; it replaces the file on :meth:`commit`."""
        self.write_bytes(path, text.encode("utf-8"))

    def write_bytes(self, path: Path, data: bytes) -> None:
        """Stage ``data`` for ``path``; it replaces the file on :meth:`commit`."""
        path = Path(path)
        if _is_special(path):
            self._in_place.append((path, data))
            return
        with _naming(path):
            self._stage(path, data)

    def _stage(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            _copy_mode(path, tmp)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        self._pending.append((tmp, path))

    def commit(self) -> None:
        """Flush every staged file to disk, rename each over its target, then write the
        targets that are not regular files."""
        pending, self._pending = self._pending, []
        in_place, self._in_place = self._in_place, []
        self._rename(pending)
        for path, data in in_place:
            write_bytes(path, data)

    def _rename(self, pending: list[tuple[Path, Path]]) -> None:
        if not pending:
            return
        try:
            if hasattr(os, "sync"):
                os.sync()  # one flush for all temp files instead of one fsync each
            else:  # pragma: no cover - Windows
                for tmp, _ in pending:
                    with tmp.open("rb+") as handle:
                        os.fsync(handle.fileno())
        except BaseException:
            self._pending = pending
            self.abort()
            raise
        for done, (tmp, path) in enumerate(pending):
            try:
                with _naming(path):
                    tmp.replace(path)
            except BaseException:
                self._pending = pending[done:]
                self.abort()
                raise
        for folder in sorted({path.parent for _, path in pending}):
            _fsync_dir(folder)

    def abort(self) -> None:
        """Remove every staged temp file; targets stay as they were."""
        pending, self._pending = self._pending, []
        self._in_place = []
        for tmp, _ in pending:
            with contextlib.suppress(OSError):
                tmp.unlink()


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
