"""Writes into the output folder and reads of item files: whole, atomic, unchanged files
left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog_tool.publish.load import read_file
from catalog_tool.publish.output import drain_writes, write_if_changed, write_later


def test_write_if_changed_writes_new_and_changed_files_only(tmp_path: Path) -> None:
    page = tmp_path / "items/370811/a.html"
    assert write_if_changed(page, b"<p>1</p>") is True  # the folder is made too
    before = page.stat().st_mtime_ns
    assert write_if_changed(page, b"<p>1</p>") is False
    assert page.stat().st_mtime_ns == before
    assert write_if_changed(page, b"<p>2</p>") is True
    assert page.read_bytes() == b"<p>2</p>"
    assert sorted(p.name for p in page.parent.iterdir()) == ["a.html"]  # no temporary left


def test_background_writes_are_all_written_and_counted(tmp_path: Path) -> None:
    count = 70
    (tmp_path / "p").mkdir()
    (tmp_path / "p/0.html").write_bytes(b"page 0")  # unchanged: not counted
    for i in range(count):
        write_later(tmp_path / f"p/{i}.html", f"page {i}".encode())
    assert drain_writes() == count - 1
    assert [(tmp_path / f"p/{i}.html").read_bytes() for i in range(count)] == [
        f"page {i}".encode() for i in range(count)
    ]
    assert drain_writes() == 0  # nothing left


def test_a_failed_background_write_is_raised_by_drain(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"x")
    write_later(tmp_path / "file/page.html", b"a folder that is a file")
    with pytest.raises(OSError):
        drain_writes()
    assert drain_writes() == 0


def test_read_file_reads_whole_files(tmp_path: Path) -> None:
    for size in (0, 1, 4096, 200_000):
        path = tmp_path / f"{size}.yaml"
        data = bytes(i % 251 for i in range(size))
        path.write_bytes(data)
        assert read_file(str(path)) == data
    with pytest.raises(FileNotFoundError):
        read_file(str(tmp_path / "missing.yaml"))
