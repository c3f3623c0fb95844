"""Builders for the workbooks the tests import: real .xlsx files made with openpyxl.

Department sheets are built cell by cell, the way Excel users leave them: title rows,
merged cells, numbers where text belongs, formulas. :func:`cache_formula_values` adds what
only a spreadsheet application writes (a formula's cached value) by editing the sheet XML.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from catalog_tool.sheets.columns import SHEETS

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "items"
BASE = REPO / "tests" / "rules" / "base"
ITEM_HEADERS = [c.header for c in SHEETS[0].written]
MATERIAL_HEADERS = [c.header for c in SHEETS[1].written]
STEP_HEADERS = [c.header for c in SHEETS[2].written]


def copy_catalog(source: Path, target: Path) -> Path:
    """A copy of a catalog to change."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".catalog_cache"))
    return target


def empty_catalog(source: Path, target: Path) -> Path:
    """A catalog with the regions of ``source`` and no items."""
    target.mkdir(parents=True)
    shutil.copy(source / "regions.yaml", target / "regions.yaml")
    return target


def build(
    path: Path,
    sheets: Mapping[str, Sequence[Sequence[Any]]],
    *,
    merges: Mapping[str, Sequence[str]] | None = None,
    hidden: Sequence[str] = (),
    number_formats: Mapping[str, Mapping[str, str]] | None = None,
) -> Path:
    """Write a workbook: ``sheets`` maps a sheet name to its rows (row 1 first)."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(row=r, column=c, value=value)
        for ref in (merges or {}).get(name, ()):
            sheet.merge_cells(ref)
        for ref, fmt in (number_formats or {}).get(name, {}).items():
            sheet[ref].number_format = fmt
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def cache_formula_values(path: Path, sheet_index: int, values: Mapping[str, str]) -> None:
    """Give formula cells the cached value Excel would have saved (``A1`` → ``"3"``)."""

    def edit(xml: str) -> str:
        for ref, value in values.items():

            def cached(match: re.Match[str], value: str = value) -> str:
                return f"{match.group(1)}{match.group(2)}<v>{value}</v>"

            xml, count = re.subn(rf'(<c r="{ref}"[^>]*>)(<f>.*?</f>)<v>\s*</v>', cached, xml)
            assert count == 1, ref
        return xml

    _edit_sheet(path, sheet_index, edit)


def share_formulas(
    path: Path, sheet_index: int, block: str, cells: Sequence[str], values: Mapping[str, str]
) -> None:
    """Save the formula cells ``cells`` as Excel saves a formula filled down over ``block``:
    its text once, in the first cell (``t="shared"``), and only a pointer to it in the
    others. Each cell gets the cached text in ``values``."""

    def edit(xml: str) -> str:
        for position, ref in enumerate(cells):

            def shared(match: re.Match[str], ref: str = ref, first: bool = position == 0) -> str:
                formula = (
                    f'<f t="shared" ref="{block}" si="0">{match.group(2)}</f>'
                    if first
                    else '<f t="shared" si="0"/>'
                )
                return f'<c r="{ref}"{match.group(1)} t="str">{formula}<v>{values[ref]}</v>'

            xml, count = re.subn(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v>\s*</v>', shared, xml)
            assert count == 1, ref
        return xml

    _edit_sheet(path, sheet_index, edit)


def _edit_sheet(path: Path, sheet_index: int, edit: Callable[[str], str]) -> None:
    part = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(path) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    entries[part] = edit(entries[part].decode("utf-8")).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def cells(path: Path, sheet: str) -> list[list[Any]]:
    """The values of a sheet as openpyxl reads them."""
    book = load_workbook(path)
    return [list(row) for row in book[sheet].iter_rows(values_only=True)]


def item_files(root: Path) -> dict[str, bytes]:
    """Every item file of a catalog, by path relative to the root."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.glob("[0-9]*/*.yaml"))
    }
