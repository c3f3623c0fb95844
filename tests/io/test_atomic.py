"""Atomic writes: the old file survives any failure, and devices stay devices."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from catalog_tool.io.atomic import AtomicBatch, atomic_open, write_bytes, write_text


def test_a_failure_midway_keeps_the_original_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "110000" / "item.yaml"
    target.parent.mkdir()
    target.write_text("name: 原来的内容\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("name: 写了一半")
        raise RuntimeError("crash")
    assert target.read_text(encoding="utf-8") == "name: 原来的内容\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["item.yaml"]


def test_a_killed_writer_leaves_the_original_whole(tmp_path: Path) -> None:
    """SIGKILL while the new content is half written: the target is the old file."""
    target = tmp_path / "item.yaml"
    original = "name: 原来的内容\n" * 1000
    target.write_text(original, encoding="utf-8")
    started = tmp_path / "started"
    script = (
        "import sys, time, pathlib\n"
        "from catalog_tool.io.atomic import atomic_open\n"
        "target, started = map(pathlib.Path, sys.argv[1:3])\n"
        "with atomic_open(target) as handle:\n"
        "    handle.write('name: 新的\\n' * 500)\n"
        "    handle.flush()\n"
        "    started.touch()\n"
        "    time.sleep(60)\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", script, str(target), str(started)])
    deadline = time.monotonic() + 30
    while not started.exists():
        assert writer.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert target.read_text(encoding="utf-8") == original


def test_mode_of_the_replaced_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "script.yaml"
    target.write_text("a: 1\n", encoding="utf-8")
    target.chmod(0o640)
    write_text(target, "a: 2\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "a: 2\n"


def test_line_endings_are_written_as_given(tmp_path: Path) -> None:
    target = tmp_path / "crlf.yaml"
    write_text(target, "a: 1\r\nb: 2\r\n")
    assert target.read_bytes() == b"a: 1\r\nb: 2\r\n"


def test_dev_null_stays_a_device() -> None:
    write_text(Path(os.devnull), "report\n")
    write_bytes(Path(os.devnull), b"report\n")
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_a_named_pipe_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_text(fifo, "报告\n")
    reader.join(timeout=30)
    assert received == ["报告\n".encode()]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_batch_replaces_its_files_only_when_it_completes(tmp_path: Path) -> None:
    old = tmp_path / "370811" / "a.yaml"
    old.parent.mkdir()
    old.write_text("name: 旧\n", encoding="utf-8")
    old.chmod(0o640)
    new = tmp_path / "370826" / "b.yaml"
    with AtomicBatch() as batch:
        batch.write_text(old, "name: 新\n")
        batch.write_text(new, "name: 新建\n")
        # Staged, not yet visible: a reader still sees the old file and no new one.
        assert old.read_text(encoding="utf-8") == "name: 旧\n"
        assert not new.exists()
    assert old.read_text(encoding="utf-8") == "name: 新\n"
    assert new.read_text(encoding="utf-8") == "name: 新建\n"
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    assert sorted(p.name for p in old.parent.iterdir()) == ["a.yaml"]
    assert sorted(p.name for p in new.parent.iterdir()) == ["b.yaml"]


def test_a_batch_that_fails_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    first = tmp_path / "a.yaml"
    first.write_text("name: 旧\n", encoding="utf-8")
    second = tmp_path / "b.yaml"
    with pytest.raises(RuntimeError), AtomicBatch() as batch:
        batch.write_text(first, "name: 新\n")
        batch.write_text(second, "name: 新建\n")
        raise RuntimeError("crash before the batch completes")
    assert first.read_text(encoding="utf-8") == "name: 旧\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_a_batch_writes_a_named_pipe_only_when_it_completes(tmp_path: Path) -> None:
    """A pipe cannot be staged and renamed over: it is written after the renames, and
    an aborted batch writes nothing to it."""
    fifo = tmp_path / "a.yaml"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so that opening to write returns
    try:
        with pytest.raises(RuntimeError), AtomicBatch() as batch:
            batch.write_text(fifo, "name: 中止\n")
            raise RuntimeError("crash before the batch completes")
        assert os.read(reader, 100) == b""  # nothing was written, and no writer is open
        with AtomicBatch() as batch:
            batch.write_text(fifo, "name: 新\n")
            batch.write_text(tmp_path / "b.yaml", "name: 新建\n")
            assert os.read(reader, 100) == b""  # staged: nothing written yet
        assert os.read(reader, 100) == "name: 新\n".encode()
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert (tmp_path / "b.yaml").read_text(encoding="utf-8") == "name: 新建\n"
