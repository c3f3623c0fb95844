"""Item files are opened relative to open handles of their folders, with the same outcome."""

from __future__ import annotations

import os
from contextlib import closing
from pathlib import Path

import pytest

from catalog_tool.diagnostics import Finding
from catalog_tool.engine.filecheck import read_limited
from catalog_tool.engine.folders import Folders

pytestmark = pytest.mark.skipif(
    os.open not in os.supports_dir_fd, reason="no opening relative to a folder here"
)


def _read(folders: Folders, root: Path, file: str) -> bytes | Finding:
    return read_limited(str(root / file), root, folders.at(file))


def test_a_file_reads_the_same_through_its_folder(tmp_path: Path) -> None:
    (tmp_path / "370811").mkdir()
    (tmp_path / "370811" / "000101001000.yaml").write_bytes(b'code: "000101001000"\n')
    with closing(Folders(tmp_path)) as folders:
        assert _read(folders, tmp_path, "370811/000101001000.yaml") == b'code: "000101001000"\n'


def test_links_and_pipes_stay_unreadable_through_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "370811"
    folder.mkdir()
    (folder / "000101001000.yaml").symlink_to("/etc/passwd")
    os.mkfifo(folder / "000101002000.yaml")
    with closing(Folders(tmp_path)) as folders:
        link = _read(folders, tmp_path, "370811/000101001000.yaml")
        pipe = _read(folders, tmp_path, "370811/000101002000.yaml")
    for file, found in (("000101001000", link), ("000101002000", pipe)):
        assert isinstance(found, Finding), file
        assert (found.code, found.position) == ("Y007", (1, 1))
        assert found == read_limited(str(folder / f"{file}.yaml"), tmp_path)
    assert isinstance(link, Finding)
    assert "target" in link.params  # the link leads outside the catalog


def test_a_missing_folder_falls_back_to_the_whole_path(tmp_path: Path) -> None:
    with closing(Folders(tmp_path)) as folders:
        assert folders.at("999999/000101001000.yaml") is None
        found = _read(folders, tmp_path, "999999/000101001000.yaml")
    assert isinstance(found, Finding)
    assert found.code == "Y007"


def test_closing_releases_every_handle(tmp_path: Path) -> None:
    (tmp_path / "370811").mkdir()
    folders = Folders(tmp_path)
    at = folders.at("370811/000101001000.yaml")
    assert at is not None
    handle, name = at
    assert name == "000101001000.yaml"
    os.fstat(handle)  # open
    folders.close()
    with pytest.raises(OSError):
        os.fstat(handle)
