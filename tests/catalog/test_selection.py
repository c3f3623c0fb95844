"""Path arguments choose files: each named file, everything under a named folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from catalog_tool.catalog.selection import Selection, relative_to_root
from catalog_tool.formatting.run import format_catalog


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    (folder / "370000").mkdir(parents=True)
    (folder / "370800").mkdir()
    return folder


def test_a_file_is_chosen_by_its_own_path_only(root: Path) -> None:
    chosen = Selection(root, [root / "370000" / "000101001000.yaml"])
    assert "370000/000101001000.yaml" in chosen
    assert "370000/000101001001.yaml" not in chosen
    assert "370000" not in chosen
    assert not chosen.everything


def test_a_folder_chooses_what_lies_under_it_and_not_its_namesakes(root: Path) -> None:
    chosen = Selection(root, [root / "370000"])
    assert "370000/000101001000.yaml" in chosen
    assert "370000/forms/申请书.docx" in chosen
    assert "3700001/000101001000.yaml" not in chosen
    assert "370800/000101001000.yaml" not in chosen


def test_no_paths_or_the_root_choose_everything(root: Path) -> None:
    assert Selection(root, []).everything
    assert Selection(root, [root, root / "370000"]).everything
    assert "regions.yaml" in Selection(root, [root])


def test_paths_are_taken_relative_to_the_working_folder(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root / "370800")
    chosen = Selection(root, ["../370000/a.yaml", "."])
    assert "370000/a.yaml" in chosen
    assert "370800/b.yaml" in chosen
    assert "370000/b.yaml" not in chosen


def test_a_root_reached_through_a_link_still_matches(root: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(root, target_is_directory=True)
    assert relative_to_root(root.resolve(), link / "370000" / "a.yaml") == "370000/a.yaml"


def test_a_linked_folder_keeps_the_name_the_catalog_gives_it(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "370811").symlink_to(elsewhere, target_is_directory=True)
    assert relative_to_root(root, root / "370811" / "a.yaml") == "370811/a.yaml"


def test_a_path_outside_the_catalog_chooses_nothing(root: Path, tmp_path: Path) -> None:
    chosen = Selection(root, [tmp_path / "other" / "370000"])
    assert not chosen.everything
    assert "370000/a.yaml" not in chosen


def test_fmt_formats_only_the_files_it_is_given(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    (root / "370000").mkdir(parents=True)
    (root / "regions.yaml").write_text('- code: "370000"\n  name: 山东省\n', encoding="utf-8")
    unformatted = 'region: 370000\ncode: "000101001000"\nname: 甲\n'
    names = [f"000101001{n:03d}.yaml" for n in range(5)]
    for name in names:
        (root / "370000" / name).write_text(unformatted, encoding="utf-8")
    given = [root / "370000" / names[1], root / "370000" / names[3]]
    result = format_catalog(root, [os.fspath(p) for p in given], write=False)
    assert result.checked == 2
    assert sorted(c.path.name for c in result.changes) == [names[1], names[3]]
