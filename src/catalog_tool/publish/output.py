"""The output folder of a publication: atomic writes, unchanged files left alone, stale
files removed.

- Each file is written to a temporary file next to it and renamed over the target, so a
  reader (or a web server) never sees half a file and a crash leaves the old one.
- A file whose content is unchanged is not written at all: a rebuild of an unchanged
  catalog changes no file, not even its modification time.
- The folder carries a manifest (:data:`MANIFEST`) listing every file the last build
  wrote. A rebuild removes the listed files that no longer belong (an item removed from
  the catalog, a form no longer referenced) and never touches a file it did not write. A
  folder that is not empty and has no manifest is refused, so that ``-o ~`` cannot
  clutter or clean a folder that holds other things.

Unlike :mod:`catalog_tool.io.atomic`, files are not fsynced one by one: a site has tens of
thousands of files (an fsync each made a 55k-item build take minutes), and the output is
rebuilt from the catalog anyway. The manifest, written last, is fsynced.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from catalog_tool.errors import CatalogError
from catalog_tool.io.atomic import write_text as write_text_durably
from catalog_tool.text import Text

MANIFEST = ".catalog-guide.json"
"""The list of files a build wrote, in the output folder."""


@dataclass(frozen=True, slots=True)
class OutputSummary:
    """What a build did to its output folder."""

    folder: Path
    files: int
    """Files the output holds now (the manifest not counted)."""
    written: int
    """Files created or changed."""
    removed: int
    """Files of the previous build that no longer belong, removed."""


def write_if_changed(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` atomically unless it already holds exactly that.

    Returns True when the file was written. Plain ``os`` calls: a site has tens of
    thousands of files, and this is most of the time spent outside rendering.
    """
    name = os.fspath(path)
    try:
        if os.stat(name).st_size == len(data):  # noqa: PTH116 - see the docstring
            with open(name, "rb") as handle:  # noqa: PTH123 - see the docstring
                if handle.read() == data:
                    return False
    except FileNotFoundError:
        pass
    folder, base = os.path.split(name)
    tmp = os.path.join(folder, f".{base}.{os.getpid()}.tmp")  # noqa: PTH118
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, 0o666)
    except FileNotFoundError:  # a new folder
        os.makedirs(folder, exist_ok=True)  # noqa: PTH103
        fd = os.open(tmp, flags, 0o666)
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, name)  # noqa: PTH105
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)  # noqa: PTH108
        raise
    return True


def _write_all(fd: int, data: bytes) -> None:
    """All of ``data`` to ``fd`` with plain ``os.write``: no file object (each costs an
    ``fstat`` and a buffer, tens of thousands of times)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


_writer: ThreadPoolExecutor | None = None
_writer_pid = 0
_pending: list[Future[bool]] = []


def write_later(path: Path, data: bytes) -> None:
    """:func:`write_if_changed` on a background thread of this process.

    Creating a file waits on the file system (about a millisecond each on a virtual disk,
    tens of thousands of times for a site); the wait releases the GIL, so the next page is
    rendered meanwhile. :func:`drain_writes` waits for the writes and reports them.
    Each file is handed over as soon as it is rendered: handing them over in batches kept
    the thread idle meanwhile, and a 55k-item site took longer.
    """
    global _writer, _writer_pid
    if _writer is None or _writer_pid != os.getpid():  # a forked worker has no thread
        _writer, _writer_pid = ThreadPoolExecutor(1, "catalog-write"), os.getpid()
        _pending.clear()
    _pending.append(_writer.submit(write_if_changed, path, data))


def drain_writes() -> int:
    """Wait for the writes of :func:`write_later`: how many created or changed a file.
    Raises the first error a write met (after waiting for all of them)."""
    if _writer_pid != os.getpid():
        return 0
    done = list(_pending)
    _pending.clear()
    wait(done)
    return sum(1 for f in done if f.result())


class Output:
    """A publication's output folder (see the module docstring)."""

    def __init__(self, folder: Path, kind: str) -> None:
        self.folder = folder
        self.kind = kind
        self.files: set[str] = set()
        self.written = 0
        self.previous = self._claim()

    def _claim(self) -> frozenset[str]:
        folder = self.folder
        if folder.exists() and not folder.is_dir():
            raise CatalogError(
                Text(f"{folder} 不是文件夹", f"{folder} is not a folder"),
                Text("-o 应指向一个文件夹。", "-o takes a folder."),
            )
        manifest = folder / MANIFEST
        if manifest.is_file():
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
                files = data["files"]
                if not isinstance(files, list):
                    raise TypeError(files)
                return frozenset(str(f) for f in files)
            except (OSError, ValueError, KeyError, TypeError):
                raise CatalogError(
                    Text(f"无法读取 {manifest}", f"cannot read {manifest}"),
                    Text("删除该文件夹后重新生成。", "Remove the folder and build again."),
                ) from None
        if folder.is_dir() and any(folder.iterdir()):
            raise CatalogError(
                Text(
                    f"{folder} 不是空文件夹,也不是 catalog export guide 生成的",
                    f"{folder} is not empty and was not made by catalog export guide",
                ),
                Text(
                    "请指定一个新的或空的文件夹;生成后可以反复覆盖生成。",
                    "Choose a new or empty folder; later builds can then reuse it.",
                ),
            )
        folder.mkdir(parents=True, exist_ok=True)
        self._write_manifest()  # claim the folder before the first file lands in it
        return frozenset()

    def path(self, rel: str) -> Path:
        """The absolute path of a file of the output."""
        return self.folder / rel

    def write(self, rel: str, data: bytes) -> None:
        """Write the file ``rel`` (``/`` separated) unless unchanged."""
        self.files.add(rel)
        if write_if_changed(self.folder / rel, data):
            self.written += 1

    def write_text(self, rel: str, text: str) -> None:
        """Write the UTF-8 text file ``rel`` unless unchanged."""
        self.write(rel, text.encode("utf-8"))

    def copy(self, rel: str, source: Path) -> None:
        """Copy ``source`` to ``rel`` unless the copy is already identical."""
        self.write(rel, source.read_bytes())

    def record(self, rels: Iterable[str], written: int) -> None:
        """Files that worker processes wrote into the output (``written`` of them changed)."""
        self.files.update(rels)
        self.written += written

    def finish(self) -> OutputSummary:
        """Remove the previous build's files that no longer belong and write the manifest."""
        stale = sorted(self.previous - self.files)
        for rel in stale:
            target = self.folder / rel
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            self._prune(target.parent)
        self._write_manifest()
        return OutputSummary(self.folder, len(self.files), self.written, len(stale))

    def _prune(self, folder: Path) -> None:
        """Remove folders left empty, up to the output folder."""
        root = self.folder.resolve()
        current = folder.resolve()
        while current != root and root in current.parents:
            try:
                current.rmdir()
            except OSError:
                return
            current = current.parent

    def _write_manifest(self) -> None:
        text = (
            json.dumps(
                {"generator": "catalog-tool", "format": self.kind, "files": sorted(self.files)},
                ensure_ascii=False,
                indent=0,
            )
            + "\n"
        )
        path = self.folder / MANIFEST
        with contextlib.suppress(FileNotFoundError):
            if path.read_text(encoding="utf-8") == text:
                return
        write_text_durably(path, text)
