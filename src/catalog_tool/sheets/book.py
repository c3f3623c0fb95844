"""A workbook as the import sees it: sheets of plain cell values, merges already filled."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Uncached:
    """A formula cell whose result was never saved (a file written by a program, not Excel)."""

    formula: str


@dataclass(frozen=True, slots=True)
class External:
    """A formula cell that refers to another workbook (``[1]Sheet1!A1``): its cached value
    is a copy from a file the catalog office does not have, and may be out of date."""

    formula: str


@dataclass(frozen=True, slots=True)
class CellError:
    """A cell holding an Excel error such as ``#N/A`` or ``#REF!``."""

    code: str


CellValue = (
    str
    | int
    | float
    | bool
    | dt.datetime
    | dt.date
    | dt.time
    | Uncached
    | External
    | CellError
    | None
)
"""What a cell holds: the cached value of formulas, ``None`` for an empty cell."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """One worksheet: rows of values (``rows[0]`` is row 1, ``rows[r][0]`` column A)."""

    name: str
    rows: list[list[CellValue]]
    hidden: bool = False
    merged: int = 0
    """How many merged ranges were filled (each cell of a range holds its top-left value)."""
    hidden_rows: frozenset[int] = frozenset()
    """1-based numbers of the rows hidden in Excel: the import skips them, with a warning."""

    def value(self, row: int, column: int) -> CellValue:
        """The value at 1-based ``row`` and ``column`` (None outside the data)."""
        if row - 1 >= len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[column - 1] if column - 1 < len(cells) else None

    @property
    def last_row(self) -> int:
        """The last row that holds a value (empty trailing rows do not count)."""
        for index in range(len(self.rows) - 1, -1, -1):
            if any(v is not None and v != "" for v in self.rows[index]):
                return index + 1
        return 0


@dataclass(frozen=True, slots=True)
class Book:
    """A workbook (or a CSV file, as one sheet)."""

    path: Path
    kind: str
    """``xlsx`` or ``csv``."""
    sheets: tuple[Sheet, ...]

    @property
    def visible(self) -> tuple[Sheet, ...]:
        """The sheets a user sees (hidden and very hidden sheets are ignored)."""
        return tuple(s for s in self.sheets if not s.hidden)


def cell_name(sheet: str, row: int, column: int) -> str:
    """``事项!C12``: the sheet-qualified name of a cell (the sheet quoted when it must be)."""
    quoted = sheet if _plain_sheet_name(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{quoted}!{column_letter(column)}{row}"


def column_letter(column: int) -> str:
    """The letters of a 1-based column number: 1 → A, 27 → AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _plain_sheet_name(name: str) -> bool:
    return bool(name) and not any(ch in name for ch in " '!-+()，,;&") and not name[0].isdigit()
