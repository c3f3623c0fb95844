"""Rows of a recognised sheet → records of field values, with a diagnostic per bad cell."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from catalog_tool.diagnostics import Diagnostic, Severity
from catalog_tool.sheets.columns import Kind
from catalog_tool.sheets.headers import Layout, normalize_header
from catalog_tool.sheets.problems import at_cell
from catalog_tool.sheets.values import CellProblem, converter
from catalog_tool.text import Text

Converted = tuple[Any, CellProblem | None]
_FRESH = frozenset({Kind.LIST, Kind.ENUM_LIST})
"""Kinds whose value is a new list for each cell (a cached one would be shared)."""
_CACHE_SIZE = 100_000


@dataclass(slots=True)
class Record:
    """One data row: the values its cells hold, by field path."""

    layout: Layout
    row: int
    """1-based row number."""
    values: dict[str, Any] = field(default_factory=dict)
    """Converted values of the non-empty, readable cells."""
    bad: set[str] = field(default_factory=set)
    """Paths whose cell could not be read (a diagnostic was made for each)."""

    @property
    def sheet(self) -> str:
        """The sheet's name."""
        return self.layout.sheet.name

    def column_of(self, path: str) -> int | None:
        """The 1-based column number carrying ``path`` in this row's sheet."""
        header = self.layout.by_path.get(path)
        return header.index if header is not None else None

    def first_column(self) -> int:
        """The column to point at when no better cell exists (the 基本编码 cell, else A)."""
        return self.column_of("code") or (
            self.layout.headers[0].index if self.layout.headers else 1
        )


def read_records(layout: Layout, file: str, problems: list[Diagnostic]) -> Iterator[Record]:
    """The data rows below the header row; empty rows and repeated header rows are skipped."""
    sheet = layout.sheet
    # Per column, text → what it converts to: cells repeat a lot (是/否, region codes, step
    # names), and a dictionary lookup is cheaper than a conversion. Lists are not shared.
    readers = [
        (
            h.index - 1,
            h.column.path,
            converter(h.column),
            None if h.column.kind in _FRESH else cast("dict[str, Converted]", {}),
        )
        for h in layout.headers
    ]
    header_cells = sheet.rows[layout.header_row - 1]
    header_keys = [normalize_header(c) for c in header_cells]
    probe = layout.headers[0].index - 1
    probe_text = header_cells[probe]
    for row in range(layout.header_row + 1, sheet.last_row + 1):
        cells = sheet.rows[row - 1]
        if not cells or cells.count(None) + cells.count("") == len(cells):
            continue
        if (
            probe < len(cells)
            and cells[probe] == probe_text
            and [normalize_header(c) for c in cells] == header_keys
        ):
            continue  # the header repeated (a sheet pasted together from pieces)
        if row in sheet.hidden_rows:
            problems.append(_hidden_row(file, sheet.name, row, layout.headers[0].index))
            continue
        record = Record(layout, row)
        values = record.values
        count = len(cells)
        for index, path, convert, cache in readers:
            if index >= count:
                continue
            raw = cells[index]
            if raw is None:
                continue
            if cache is not None and raw.__class__ is str:
                converted = cache.get(raw)
                if converted is None:
                    converted = convert(raw)
                    if len(cache) < _CACHE_SIZE:
                        cache[raw] = converted
                value, problem = converted
            else:
                value, problem = convert(raw)
            if problem is not None:
                problems.append(
                    at_cell(
                        problem.rule,
                        problem.message,
                        problem.hint,
                        file=file,
                        sheet=sheet.name,
                        row=row,
                        column=index + 1,
                        severity=problem.severity,
                    )
                )
                if problem.severity is Severity.ERROR:
                    record.bad.add(path)
                    continue
            if value is not None:
                values[path] = value
        if values or record.bad:
            yield record  # else the row holds only spaces


def _hidden_row(file: str, sheet: str, row: int, column: int) -> Diagnostic:
    """The warning for a hidden row that holds data: like a hidden sheet, it is not read
    (what the department cannot see in Excel does not go into the catalog unseen)."""
    return at_cell(
        "S002",
        Text(
            f"第 {row} 行是隐藏行,未导入",
            f"row {row} is hidden; it was not imported",
        ),
        Text(
            "要导入这一行,先取消隐藏(选中它上下两行 → 右键 → 取消隐藏;筛选隐藏的行请清除筛选);"
            "不需要的行请删除。",
            "To import it, unhide it (select the rows around it, right-click, Unhide; for a "
            "row hidden by a filter, clear the filter); delete rows that are not wanted.",
        ),
        file=file,
        sheet=sheet,
        row=row,
        column=column,
        severity=Severity.WARNING,
    )
