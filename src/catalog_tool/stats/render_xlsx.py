"""``catalog stats --format xlsx``: one sheet per table, rates as real percentages."""

from __future__ import annotations

import importlib
import io
from collections.abc import Sequence
from typing import Any

from catalog_tool.sheets.safety import safe_value
from catalog_tool.stats import labels as lb
from catalog_tool.stats.model import FAMILIES, Stats
from catalog_tool.stats.numbers import scope, target_state
from catalog_tool.text import Lang

# openpyxl ships no type information; imported as a plain module (its objects are Any) so
# that strict type checking holds with and without stubs installed.
_openpyxl = importlib.import_module("openpyxl")
_styles = importlib.import_module("openpyxl.styles")
PERCENT = "0.0%"
Cell = str | int | float | None


def _sheet(
    book: Any,
    title: str,
    head: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    percent: Sequence[int] = (),
) -> Any:
    sheet = book.create_sheet(title)
    # Region and item names come from the catalog: every cell is formula-safe.
    for number, row in enumerate([head, *rows], start=1):
        for column, value in enumerate(row, start=1):
            safe_value(sheet.cell(row=number, column=column), value)
    for cell in sheet[1]:
        cell.font = _styles.Font(bold=True)
    for column in percent:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = PERCENT
    for i, _ in enumerate(head, start=1):
        letter = sheet.cell(row=1, column=i).column_letter
        longest = max((len(str(c.value)) for c in sheet[letter] if c.value is not None), default=4)
        sheet.column_dimensions[letter].width = min(60, max(8, longest * 2 + 2))
    sheet.freeze_panes = "A2"
    return sheet


def render_xlsx(stats: Stats, lang: Lang) -> bytes:
    """The statistics as an Excel workbook."""
    t = lang
    book = _openpyxl.Workbook()
    book.remove(book.active)
    summary: list[Sequence[Cell]] = [
        [lb.FILES.get(t), stats.files],
        [lb.ITEMS.get(t), stats.items],
        [lb.SKIPPED.get(t), stats.skipped],
        [lb.ONLINE.get(t), stats.online.rate],
        [lb.IMMEDIATE.get(t), stats.immediate.rate],
        [lb.RATIO.get(t), stats.promised_ratio],
        [lb.AT_MOST_ONCE.get(t), stats.at_most_once.rate],
        [lb.ZERO_VISITS.get(t), stats.zero_visits.rate],
    ]
    overview = _sheet(book, lb.TITLE.get(t)[:31], [lb.TITLE.get(t), scope(stats, t)], summary)
    for row in range(5, 10):
        overview.cell(row=row, column=2).number_format = PERCENT
    levels = [lv for lv, _ in stats.by_level]
    totals = dict(stats.by_type)
    _sheet(
        book,
        lb.BY_TYPE_LEVEL.get(t)[:31],
        [lb.TYPE.get(t), *levels, lb.TOTAL.get(t)],
        [[name, *(n for _, n in per), totals[name]] for name, per in stats.by_type_level],
    )
    _sheet(
        book,
        lb.ONLINE.get(t)[:31],
        [
            lb.LEVEL.get(t),
            lb.ONLINE_ITEMS.get(t),
            lb.APPLICATIONS.get(t),
            lb.ONLINE.get(t),
            lb.TARGET.get(t),
            lb.STATE.get(t),
        ],
        [
            [
                r.level,
                r.online.part,
                r.online.total,
                r.online.rate,
                r.target,
                target_state(r.met, r.target is not None, t),
            ]
            for r in stats.online_by_level
        ],
        percent=(4, 5),
    )
    _sheet(
        book,
        lb.VISITS.get(t)[:31],
        [lb.VISITS.get(t), lb.COUNT.get(t)],
        [[v, n] for v, n in stats.visits],
    )
    families = [f"{f} {FAMILIES[f].get(t)}" if f in FAMILIES else f for f in stats.families]
    _sheet(
        book,
        lb.REGION.get(t)[:31],
        [
            lb.REGION.get(t),
            lb.REGION_CODE.get(t),
            lb.LEVEL.get(t),
            lb.ITEMS.get(t),
            lb.ONLINE.get(t),
            lb.TARGET.get(t),
            lb.COMPLIANCE.get(t),
            *families,
        ],
        [
            [
                r.name,
                r.code,
                r.level,
                r.items,
                r.online.rate,
                r.target,
                r.compliance.rate if stats.validated else None,
                *(n for _, n in r.findings),
            ]
            for r in stats.regions
        ],
        percent=(5, 6, 7),
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
