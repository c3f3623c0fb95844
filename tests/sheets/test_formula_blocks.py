"""Cells of shared and array formula blocks get the formula Excel shows in them."""

from __future__ import annotations

import pytest

from catalog_tool.sheets.book import CellValue, External
from catalog_tool.sheets.formula_blocks import BlockFormula, moved, resolve


@pytest.mark.parametrize(
    ("formula", "origin", "cell", "shown"),
    [
        ("[1]Sheet1!A2", "B2", "B5", "[1]Sheet1!A5"),
        ("[1]Sheet1!$A$1", "B2", "B5", "[1]Sheet1!$A$1"),
        ("'[2]期限'!B3", "C3", "D3", "'[2]期限'!C3"),
        ("SUM([1]S!A2:A4)*2", "B2", "B3", "SUM([1]S!A3:A5)*2"),
        # openpyxl would drop the [1] of a defined name: the text stays as written.
        ("[1]!名称", "B2", "B5", "[1]!名称"),
    ],
)
def test_a_formula_filled_into_another_cell_moves_its_relative_references(
    formula: str, origin: str, cell: str, shown: str
) -> None:
    assert moved(formula, origin, cell) == shown


def test_cells_that_cannot_be_placed_are_left_as_read() -> None:
    """A pointer without a cell reference, or one to a cell that holds nothing, changes
    nothing: a damaged file cannot make the reader invent a cell."""
    rows: list[list[CellValue]] = [[], [None, "甲"], [None, "乙"]]
    resolve(
        rows,
        [
            BlockFormula("shared", "0", "B2:B9", "B2", "[1]S!A1"),
            BlockFormula("shared", "0", None, None, ""),
            BlockFormula("shared", "0", None, "B9", ""),
            BlockFormula("shared", "0", None, "B3", ""),
        ],
    )
    # B2 is the block's first cell: the reader marks it from its own formula.
    assert rows == [[], [None, "甲"], [None, External("[1]S!A2")]]
