"""Fuzz target for the workbook reader: any bytes in, a workbook or a CatalogError out.

The input is a mutated small valid .xlsx (the import template filled with two items, and
its parts: sheet XML, shared strings, styles, workbook, relationships). Whatever the reader
makes of it, it must either return sheets of plain cell values or raise
:class:`~catalog_tool.errors.CatalogError` (exit code 2 with a message): never another
exception, never a hang. When it reads, the import's record reader must turn the sheets
into records and findings, again without another exception.

Run by ``tests/fuzz/test_fuzz_xlsx.py`` (bounded), or by hand for longer::

    .venv/bin/python tests/fuzz/xlsx_target.py -max_total_time=600 corpus-xlsx
"""

from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from pathlib import Path

_SCRATCH = Path(tempfile.mkdtemp(prefix="xlsx-fuzz-"))


def check(data: bytes) -> None:
    """The property every input must satisfy."""
    from catalog_tool.errors import CatalogError
    from catalog_tool.sheets.book import Sheet
    from catalog_tool.sheets.headers import detect
    from catalog_tool.sheets.reading import read_book
    from catalog_tool.sheets.records import read_records

    path = _SCRATCH / "dept.xlsx"
    path.write_bytes(data)
    try:
        book = read_book(path)
    except CatalogError as error:
        assert error.text.zh and error.text.en
        return
    for sheet in book.sheets:
        assert isinstance(sheet, Sheet)
        layout = detect(sheet)
        if layout is not None:
            for _ in read_records(layout, "dept.xlsx", []):
                pass


def seed() -> bytes:
    """A small valid workbook: the template with two items, one material and one step."""
    from openpyxl import load_workbook

    from catalog_tool.sheets.template import write_template

    template = _SCRATCH / "template.xlsx"
    write_template(template)
    book = load_workbook(template)
    rows = {
        "事项": [
            ["000101001000", "食品经营许可", "行政许可"],
            ["000101002000", "=1+1", "行政确认"],
        ],
        "申请材料": [["000101001000", "营业执照", "必要"]],
        "办理流程": [["000101001000", "受理", 1]],
    }
    for name, values in rows.items():
        sheet = book[name]
        for r, row in enumerate(values, start=2):
            for c, value in enumerate(row, start=1):
                sheet.cell(row=r, column=c, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parts(data: bytes) -> dict[str, bytes]:
    """The parts of a workbook, to mutate one at a time."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pack(entries: dict[str, bytes]) -> bytes:
    """A workbook from its parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def main() -> None:
    import atheris

    with atheris.instrument_imports():
        import catalog_tool.sheets.reading
        import catalog_tool.sheets.records
        import catalog_tool.sheets.xlsx_read  # noqa: F401

    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
