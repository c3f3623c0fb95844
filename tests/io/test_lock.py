"""``.catalog.lock``: one writer at a time, stale locks taken over, always released."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from catalog_tool.errors import CatalogError
from catalog_tool.io.lock import LOCK_FILE, STALE_AFTER, catalog_lock


def _write(path: Path, host: str, pid: int) -> None:
    path.write_text(
        json.dumps({"host": host, "pid": pid, "started": time.time()}), encoding="utf-8"
    )


def test_the_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    with catalog_lock(tmp_path, "test", wait=0) as lock:
        assert lock == tmp_path / LOCK_FILE
        assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()
        with pytest.raises(CatalogError) as error, catalog_lock(tmp_path, "test", wait=0):
            pass
        assert str(os.getpid()) in error.value.text.en
    assert not (tmp_path / LOCK_FILE).exists()


def test_the_lock_is_released_when_the_block_fails(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), catalog_lock(tmp_path, "test", wait=0):
        raise RuntimeError
    assert not (tmp_path / LOCK_FILE).exists()


def test_a_lock_whose_process_is_gone_is_taken_over(tmp_path: Path) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    _write(tmp_path / LOCK_FILE, socket.gethostname(), gone.pid)
    with catalog_lock(tmp_path, "test", wait=0) as lock:
        assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_a_lock_of_another_host_is_held_until_it_is_old(tmp_path: Path) -> None:
    lock = tmp_path / LOCK_FILE
    _write(lock, "another-host", 1)
    with pytest.raises(CatalogError), catalog_lock(tmp_path, "test", wait=0):
        pass
    old = time.time() - STALE_AFTER - 60
    os.utime(lock, (old, old))
    with catalog_lock(tmp_path, "test", wait=0):
        pass


def test_an_empty_lock_left_by_a_crash_is_taken_over(tmp_path: Path) -> None:
    lock = tmp_path / LOCK_FILE
    lock.write_text("", encoding="utf-8")
    with pytest.raises(CatalogError), catalog_lock(tmp_path, "test", wait=0):
        pass  # it may be being written right now
    old = time.time() - 60
    os.utime(lock, (old, old))
    with catalog_lock(tmp_path, "test", wait=0):
        pass


def test_a_second_writer_waits_for_the_first_to_finish(tmp_path: Path) -> None:
    """A real second process holds the lock briefly; this one waits, then takes it."""
    ready = tmp_path / "ready"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, pathlib\n"
            "from catalog_tool.io.lock import catalog_lock\n"
            "root = pathlib.Path(sys.argv[1])\n"
            "with catalog_lock(root, 'catalog import', wait=0):\n"
            "    (root / 'ready').touch()\n"
            "    time.sleep(0.8)\n",
            str(tmp_path),
        ]
    )
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert holder.poll() is None, "the holder died before taking the lock"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        with pytest.raises(CatalogError) as error, catalog_lock(tmp_path, "test", wait=0):
            pass
        assert "catalog import" in error.value.text.en
        with catalog_lock(tmp_path, "catalog fmt", wait=30) as lock:
            assert json.loads(lock.read_text(encoding="utf-8"))["command"] == "catalog fmt"
    finally:
        holder.wait(timeout=30)
    assert holder.returncode == 0
