"""item_path: where an imported or merged item is written, never outside the catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog_tool.catalog.layout import item_path
from catalog_tool.errors import CatalogError


def test_an_item_lives_in_its_region_folder(tmp_path: Path) -> None:
    assert (
        item_path(tmp_path, "370811", "000101001000") == tmp_path / "370811" / "000101001000.yaml"
    )


@pytest.mark.parametrize(
    ("region", "code"),
    [
        ("370811", "../../etc/passwd"),
        ("..", "000101001000"),
        ("370811/../..", "000101001000"),
        ("370811", "000101001000/x"),
        ("370811", ""),
        ("37O811", "000101001000"),
    ],
)
def test_codes_that_are_not_codes_cannot_name_a_file(
    tmp_path: Path, region: str, code: str
) -> None:
    with pytest.raises(CatalogError) as error:
        item_path(tmp_path, region, code)
    assert "not a valid code" in error.value.text.en


def test_a_region_folder_linked_outside_the_catalog_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    root = tmp_path / "catalog"
    root.mkdir()
    (root / "370811").symlink_to(outside)
    with pytest.raises(CatalogError) as error:
        item_path(root, "370811", "000101001000")
    assert "outside the catalog" in error.value.text.en
