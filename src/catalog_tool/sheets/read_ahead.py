"""The item files a large import compares with, read ahead by a second process.

Planning a province's import compares 55k item files with the sheet, and reading one (open,
rapidyaml, the fast reader's guards, JSON) is about half of that work. None of it depends on
the workbook. So while this process reads the workbook (several seconds, much of it on one
core), a forked process at the lowest priority reads the import's region folders: it gets
the core this process leaves idle and yields it otherwise. When the rows are read it is told
to stop, and what it read is used; the planner reads the rest itself.

What it hands over is the fast reader's JSON of each file, written to an anonymous memory
file (no copy through a pipe), and an index keyed by the file's identity (device and inode)
with its size and change times: a file changed since, or not read ahead, is read by the
planner as before, and a file the fast reader has doubts about is not in the index (the
planner takes the careful path for it). So the outcome is the same as without read-ahead;
only where the fast reader's :func:`~catalog_tool.engine.filecheck.fast_emit` runs differs.
"""

from __future__ import annotations

import contextlib
import mmap
import multiprocessing
import os
import signal
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

from catalog_tool.catalog.layout import ITEM_SUFFIXES
from catalog_tool.engine.filecheck import MAX_FILE_BYTES, SAFE_OPEN, fast_emit
from catalog_tool.io.fast import quiet_stderr

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event

_ASK_EVERY = 32
"""Files read between two looks at whether to stop (a few milliseconds of reading)."""
_LOWEST_PRIORITY = 19
_SETTLED_NS = 2_000_000_000
"""Files changed less than this long ago are left to the planner (FAT's timestamps are 2 s
apart; a network file system's may be coarse too)."""
_WAIT_SECONDS = 10.0
"""How long the process may take to hand over what it read once told to stop (it looks
every few milliseconds); after that it is stopped and its reading is not used."""
_EXIT_SECONDS = 2.0
"""How long a process that handed over its reading may take to end before it is stopped
(it only closes its files; on a busy machine that can take a moment)."""


class Stamp(NamedTuple):
    """What must still hold for a file read ahead to be taken as read."""

    size: int
    mtime_ns: int
    ctime_ns: int


def stamp_of(info: os.stat_result) -> Stamp:
    """The stamp of a file's ``stat``."""
    return Stamp(info.st_size, info.st_mtime_ns, info.st_ctime_ns)


Entry = tuple[int, int, Stamp, int, int]
"""A file read ahead: device, inode, stamp, and where its JSON is (offset, length)."""


class ReadAhead:
    """Item files read ahead: their quick JSON by identity, for files that have not changed."""

    def __init__(self, data: bytes | mmap.mmap = b"", entries: Iterable[Entry] = ()) -> None:
        self._data = data
        self._where = {(dev, ino): (stamp, start, size) for dev, ino, stamp, start, size in entries}

    def __len__(self) -> int:
        return len(self._where)

    def json_of(self, info: os.stat_result) -> bytes | None:
        """The quick JSON of the file ``info`` describes, if read ahead and unchanged since."""
        known = self._where.get((info.st_dev, info.st_ino))
        if known is None or known[0] != stamp_of(info):
            return None
        return self._data[known[1] : known[1] + known[2]]


def read_ahead(
    folders: Iterable[Path], out: IO[bytes], stop: Callable[[], bool] = lambda: False
) -> list[Entry]:
    """Write the quick JSON of the item files directly in ``folders`` to ``out`` (links are
    not followed), until ``stop()`` (asked every few dozen files) says to stop; their index."""
    entries: list[Entry] = []
    offset = 0
    with quiet_stderr():
        for folder in folders:
            for number, entry in enumerate(_entries(folder)):
                if number % _ASK_EVERY == 0 and stop():
                    return entries
                read = _read_settled(entry.path)
                if read is None:
                    continue  # the planner reads it (and reports what is wrong with it)
                info, source = read
                emitted = fast_emit(source)
                if emitted is None:
                    continue
                out.write(emitted)
                entries.append((info.st_dev, info.st_ino, stamp_of(info), offset, len(emitted)))
                offset += len(emitted)
    return entries


def _read_settled(path: str) -> tuple[os.stat_result, bytes] | None:
    """The content and ``stat`` of the regular file at ``path`` (not a link), when it did
    not change while it was read, nor shortly before: like git's "racily clean" entries, a
    file changed within the resolution of its timestamps could change again without a new
    stamp. None otherwise; the planner then reads the file itself."""
    try:
        fd = os.open(path, SAFE_OPEN)
    except OSError:
        return None
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode) or before.st_size > MAX_FILE_BYTES:
            return None
        source = os.read(fd, before.st_size + 1)
        after = os.fstat(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    if stamp_of(before) != stamp_of(after) or len(source) != after.st_size:
        return None
    if time.time_ns() - after.st_mtime_ns < _SETTLED_NS:
        return None
    return after, source


def _entries(folder: Path) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            yield from (e for e in entries if e.name.endswith(ITEM_SUFFIXES))
    except OSError:
        return  # a region folder that does not exist (yet)


class Reading:
    """Item files being read ahead by a forked process (see the module's note)."""

    def __init__(self, folders: list[Path]) -> None:
        """Start reading ``folders``; raises OSError when no process, pipe or memory file
        can be had (nothing is left open then)."""
        context = multiprocessing.get_context("fork")
        self._file = _memory_file()
        try:
            self._stop = context.Event()
            self._receive, send = context.Pipe(duplex=False)
        except OSError:
            self._file.close()
            raise
        self._process = context.Process(
            target=_child, args=(folders, self._file, self._stop, send), daemon=True
        )
        try:
            self._process.start()
        except OSError:
            self._receive.close()
            self._file.close()
            raise
        finally:
            send.close()

    def result(self) -> ReadAhead:
        """What was read so far: the process stops and hands it over (nothing when the
        process failed or does not answer in time)."""
        self._stop.set()
        entries: list[Entry] = []
        try:
            if self._receive.poll(_WAIT_SECONDS):
                entries = self._receive.recv()
                # It answered and is ending: let it end on its own rather than stop it.
                self._process.join(_EXIT_SECONDS)
        except (EOFError, OSError):
            entries = []
        data: bytes | mmap.mmap = b""
        if entries:
            try:
                data = _mapped(self._file)
            except (OSError, ValueError):
                entries = []
        self.close()
        return ReadAhead(data, entries)

    def close(self) -> None:
        """Stop the process if it still runs, and close the memory file (a mapping of it
        stays valid)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()
        self._file.close()


def _mapped(file: IO[bytes]) -> bytes | mmap.mmap:
    """The content of ``file``: mapped read-only (shared with the workers forked later,
    and never copied), or read where it cannot be mapped."""
    size = os.fstat(file.fileno()).st_size
    if size == 0:
        return b""
    try:
        return mmap.mmap(file.fileno(), size, prot=mmap.PROT_READ)
    except (OSError, ValueError, AttributeError):  # PROT_READ is POSIX only
        file.seek(0)
        return file.read()


def _memory_file() -> IO[bytes]:
    """An anonymous file in memory (a temporary file where the system has none)."""
    if hasattr(os, "memfd_create"):
        with contextlib.suppress(OSError):  # an old kernel, or no descriptors left
            return open(os.memfd_create("catalog-read-ahead"), "w+b")  # noqa: PTH123
    return tempfile.TemporaryFile()


def _child(folders: list[Path], out: IO[bytes], stop: Event, send: Connection) -> None:
    # Ctrl-C reaches the whole process group: the parent stops this process itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    entries: list[Entry] = []
    with contextlib.suppress(Exception):  # whatever failed, the planner reads the files
        os.nice(_LOWEST_PRIORITY)
        found = read_ahead(folders, out, stop.is_set)
        out.flush()
        entries = found
    with contextlib.suppress(OSError):
        send.send(entries)
    send.close()
