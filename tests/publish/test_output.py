"""Writes into the output folder and reads of item files: whole, atomic, unchanged files
left alone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from catalog_tool.engine.filecheck import read_limited
from catalog_tool.publish import GuideFormat, export_guide
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


def test_items_are_read_whole_and_a_missing_file_is_a_finding(tmp_path: Path) -> None:
    """Publishing reads items with validate's reader (links, FIFOs and size bounded)."""
    for size in (0, 1, 4096, 200_000):
        path = tmp_path / f"{size}.yaml"
        data = bytes(i % 251 for i in range(size))
        path.write_bytes(data)
        assert read_limited(str(path), tmp_path) == data
    missing = read_limited(str(tmp_path / "missing.yaml"), tmp_path)
    assert not isinstance(missing, bytes)
    assert missing.code == "Y007"


def test_a_fifo_among_the_items_is_skipped_not_waited_on(tmp_path: Path) -> None:
    """A named pipe would block a plain open() forever; the guide lists it as unreadable."""
    sample = Path(__file__).resolve().parents[2] / "items"
    root = tmp_path / "catalog"
    shutil.copytree(sample, root, ignore=shutil.ignore_patterns(".catalog_cache"))
    os.mkfifo(root / "370811" / "000999001000.yaml")
    result = export_guide(root, tmp_path / "md", GuideFormat.MD)
    assert [s.file for s in result.skipped] == ["370811/000999001000.yaml"]
    assert result.items > 0
