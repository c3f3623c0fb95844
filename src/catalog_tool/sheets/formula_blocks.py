"""Formulas written once for a block of cells: shared and array formulas.

Excel saves a formula filled down a column (拖动填充) once, in the first cell of its block:
``<f t="shared" ref="B2:B9" si="0">[1]Sheet1!A2</f>``. Every other cell of the block holds
only ``<f t="shared" si="0"/>`` and its cached value. An array formula over a range is
written in its first cell alone, and the other cells hold just their values.

Read cell by cell, those other cells look like plain values. That matters when the
formula refers to another workbook: every cell of the block holds a copy that may be out of
date, not only the first. :func:`resolve` gives each cell of such a block the formula it
holds, as Excel shows it (the first cell's formula moved to the cell), so the import
reports each one at its own cell. A shared formula without a cached value gets its text
too, for the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from catalog_tool.sheets.book import CellValue, External, Uncached

EXTERNAL_REFERENCE = re.compile(r"\[[0-9]+\]")
"""A reference into an external workbook: ``[1]Sheet1!A1``, ``'[2]事项'!B3``, ``[1]!name``."""

_CELL = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")


class BlockFormula(NamedTuple):
    """One ``<f>`` of a shared or array formula, as the sheet's XML has it."""

    kind: str
    """``shared`` or ``array``."""
    group: str | None
    """The ``si`` of a shared formula: which block the cell belongs to."""
    span: str | None
    """The ``ref`` of the block's first cell (``B2:B9``)."""
    cell: str | None
    """The reference of the cell the formula is in (``B5``); None when the cell has none."""
    text: str
    """The formula, empty in every cell of a shared block but the first."""


def resolve(rows: list[list[CellValue]], formulas: Iterable[BlockFormula]) -> None:
    """Mark in ``rows`` the cells of blocks whose formula refers to another workbook.

    ``formulas`` come in the sheet's order, so a block's first cell comes before the
    others. A cell without a reference cannot be placed and is left as read (Excel and WPS
    always write references in formula blocks).
    """
    firsts: dict[str, tuple[str, str]] = {}
    for formula in formulas:
        if formula.cell is None:
            continue
        if formula.text:
            if formula.kind == "shared" and formula.group is not None:
                firsts[formula.group] = (formula.text, formula.cell)
            elif formula.kind == "array" and formula.span and is_external(formula.text):
                _mark_array(rows, formula.span, formula.cell, formula.text)
            continue
        first = firsts.get(formula.group or "")
        if formula.kind != "shared" or first is None:
            continue
        text, origin = first
        if is_external(text):
            _put(rows, formula.cell, External(moved(text, origin, formula.cell)))
        elif isinstance(_get(rows, formula.cell), Uncached):
            _put(rows, formula.cell, Uncached(moved(text, origin, formula.cell)))


def is_external(formula: str) -> bool:
    """True when ``formula`` refers to another workbook."""
    return EXTERNAL_REFERENCE.search(formula) is not None


def moved(formula: str, origin: str, cell: str) -> str:
    """``formula``, written in ``origin``, as filled into ``cell`` (relative references
    move, ``$`` ones stay). Where moving would lose the workbook reference (openpyxl drops
    ``[1]`` from ``[1]!name``), the formula is kept as written."""
    # Imported here: openpyxl takes a while to import, and few sheets have such blocks.
    from openpyxl.formula.translate import Translator, TranslatorError

    try:
        shifted = Translator(f"={formula}", origin=origin).translate_formula(cell)
    except (TranslatorError, ValueError):
        return formula
    text = shifted[1:] if shifted.startswith("=") else shifted
    return text if is_external(text) == is_external(formula) else formula


def _mark_array(rows: list[list[CellValue]], span: str, first: str, text: str) -> None:
    """Every cell of an array block that holds a value, but its first, becomes External
    (only cells read: a block may span a whole column)."""
    corners = [_position(corner) for corner in span.split(":", 1)]
    if any(corner is None for corner in corners):
        return
    (top, left), (bottom, right) = corners[0], corners[-1]  # type: ignore[misc]
    origin = _position(first)
    for row in range(top, min(bottom, len(rows)) + 1):
        cells = rows[row - 1]
        for column in range(left, min(right, len(cells)) + 1):
            if (row, column) != origin and cells[column - 1] is not None:
                cells[column - 1] = External(text)


def _position(ref: str) -> tuple[int, int] | None:
    """``(row, column)`` of ``B5``, 1-based (None for anything else)."""
    match = _CELL.fullmatch(ref)
    if match is None:
        return None
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


def _get(rows: list[list[CellValue]], ref: str) -> CellValue:
    position = _position(ref)
    if position is None or position[0] > len(rows) or position[1] > len(rows[position[0] - 1]):
        return None
    return rows[position[0] - 1][position[1] - 1]


def _put(rows: list[list[CellValue]], ref: str, value: CellValue) -> None:
    """Set a cell that was read (one that holds a value or a formula): a reference that
    points elsewhere, as a damaged file's might, changes nothing."""
    if _get(rows, ref) is not None:
        row, column = _position(ref)  # type: ignore[misc]
        rows[row - 1][column - 1] = value
