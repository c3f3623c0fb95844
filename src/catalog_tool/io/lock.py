"""``.catalog.lock``: one writer at a time per catalog (import, merge, fmt).

Two commands writing the same files at once could interleave their read-modify-write of
one item and lose a change. The lock file is created with ``O_CREAT | O_EXCL`` (atomic on
local file systems) and holds the owner's host, process id and start time. A lock whose
process is gone (same host), or that is older than :data:`STALE_AFTER`, is stale and
taken over; any other held lock stops the command with a message naming its owner.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from catalog_tool.errors import CatalogError
from catalog_tool.text import Text

LOCK_FILE = ".catalog.lock"
STALE_AFTER = 6 * 3600.0
"""Seconds after which a lock from another host is considered abandoned."""
_GRACE = 10.0
"""A lock file still empty after this many seconds was left by a crash mid-write."""


@contextlib.contextmanager
def catalog_lock(root: Path, command: str, wait: float = 2.0) -> Iterator[Path]:
    """Hold the catalog's lock for the ``with`` block; raise CatalogError when it is
    still held by a live writer after ``wait`` seconds."""
    path = root / LOCK_FILE
    mine = {
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "started": time.time(),
        "command": command,
    }
    deadline = time.monotonic() + wait
    took_over = False
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = _read(path)
            if not took_over and _stale(holder, path):
                took_over = True
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                continue
            if time.monotonic() < deadline:
                time.sleep(0.1)
                continue
            raise _held(path, holder) from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(mine, handle)
        break
    try:
        yield path
    finally:
        if _read(path) == mine:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _stale(holder: dict[str, Any] | None, path: Path) -> bool:
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return True
    if holder is None:
        return age > _GRACE
    if age > STALE_AFTER:
        return True
    pid = holder.get("pid")
    if holder.get("host") == socket.gethostname() and isinstance(pid, int):
        return not _alive(pid)
    return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def _held(path: Path, holder: dict[str, Any] | None) -> CatalogError:
    if holder is None:
        who_zh, who_en = "另一个进程", "another process"
    else:
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(holder.get("started", 0)))
        who = f"{holder.get('command', 'catalog')} (pid {holder.get('pid')}, {holder.get('host')}, {started})"
        who_zh, who_en = who, who
    return CatalogError(
        Text(f"目录正被{who_zh}使用:{path}", f"the catalog is locked by {who_en}: {path}"),
        Text(
            f"等它结束后再运行;若确定没有进程在用,删除 {path}。",
            f"Wait for it to finish; if nothing is running, delete {path}.",
        ),
    )
