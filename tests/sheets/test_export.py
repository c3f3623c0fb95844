"""``catalog export xlsx``: the lists, the summary, text safety and stable bytes."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from catalog_tool.model.enums import Level
from catalog_tool.sheets.columns import FEE_SHEET, ITEM_SHEET, MATERIAL_SHEET, STEP_SHEET
from catalog_tool.sheets.export import export_xlsx
from tests.sheets.books import SAMPLE, copy_catalog

ITEM = "370811/000101001000.yaml"


def _sheet_xml(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [
            archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if n.startswith("xl/worksheets/")
        ]


def test_sheets_carry_the_template_columns_with_frozen_headers_and_filters(tmp_path: Path) -> None:
    out = tmp_path / "list.xlsx"
    result = export_xlsx(SAMPLE, out)
    book = load_workbook(out)
    assert book.sheetnames == ["事项", "申请材料", "办理流程", "收费项目", "汇总"]
    for spec in (ITEM_SHEET, MATERIAL_SHEET, STEP_SHEET, FEE_SHEET):
        sheet = book[spec.name]
        assert [c.value for c in sheet[1]] == [c.header for c in spec.written]
        assert sheet.freeze_panes == "A2"
        assert (
            sheet.auto_filter.ref
            == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        )
    assert (result.items, result.materials, result.steps, result.fees) == (37, 59, 141, 2)
    items = book["事项"]
    assert items.column_dimensions["A"].width == 16
    first = [c.value for c in items[2]]
    assert first[:5] == [
        "000101001000",
        "食品经营许可",
        "行政许可",
        "000000",
        "《中华人民共和国食品安全法》第三十五条第一款",
    ]


def test_code_columns_are_text_so_leading_zeros_survive(tmp_path: Path) -> None:
    out = tmp_path / "list.xlsx"
    export_xlsx(SAMPLE, out)
    sheet = load_workbook(out)["事项"]
    code = sheet["A2"]
    assert code.value == "000101001000"
    assert code.data_type == "s"
    assert code.number_format == "@"
    assert sheet.column_dimensions["A"].number_format == "@"  # typed-in codes stay text too


def test_summary_counts_items_by_type_and_level(tmp_path: Path) -> None:
    out = tmp_path / "list.xlsx"
    result = export_xlsx(SAMPLE, out)
    rows = [list(r) for r in load_workbook(out)["汇总"].iter_rows(values_only=True)]
    assert rows[0] == ["事项类型", "国家级", "省级", "市级", "县级", "合计"]
    assert rows[1] == ["行政许可", 6, 1, 4, 7, 18]
    assert rows[-1] == ["合计", 11, 5, 8, 13, 37]
    assert result.counts[("行政许可", "县级")] == 7


def test_region_and_level_narrow_the_export(tmp_path: Path) -> None:
    city = export_xlsx(SAMPLE, tmp_path / "city.xlsx", region="370800")
    counties = export_xlsx(SAMPLE, tmp_path / "counties.xlsx", region="370800", level=Level.COUNTY)
    assert city.items == 8 + 7 + 6
    assert counties.items == 7 + 6
    regions = {
        r[3]
        for r in load_workbook(tmp_path / "counties.xlsx")["事项"].iter_rows(
            min_row=2, values_only=True
        )
    }
    assert regions == {"370811", "370826"}


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    root = copy_catalog(SAMPLE, tmp_path / "catalog")
    path = root / ITEM
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "name: 食品经营许可\n", 'name: "=HYPERLINK(\\"http://x.example\\",\\"点击\\")"\n', 1
    )
    text = text.replace("address: 济宁市任城区为民服务中心（政务服务大厅）", 'address: "+86 0537"')
    text = text.replace("    notes: 委托他人办理的提供", '    notes: "@SUM(1+1)"')
    text = re.sub(r"hours: .*", 'hours: "-周一至周五"', text, count=1)
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "list.xlsx"
    export_xlsx(root, out)
    assert not any(re.search(r"<(?:\w+:)?f[ >]", xml) for xml in _sheet_xml(out))
    book = load_workbook(out)
    rows = {r[0].value + r[3].value: r for r in book["事项"].iter_rows(min_row=2) if r[0].value}
    row = rows["000101001000370811"]
    assert row[1].value == '=HYPERLINK("http://x.example","点击")'
    assert row[1].data_type == "s"
    assert row[1].quotePrefix  # editing the cell in Excel keeps it text
    assert row[22].value == "+86 0537" and row[22].data_type == "s"
    assert row[23].value == "-周一至周五" and row[23].quotePrefix
    notes = [r for r in book["申请材料"].iter_rows(min_row=2) if r[14].value == "@SUM(1+1)"]
    assert len(notes) == 1 and notes[0][14].data_type == "s"


def test_the_same_catalog_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export_xlsx(SAMPLE, first)
    export_xlsx(SAMPLE, second, jobs=1)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
        assert "created" not in core and "modified" not in core
        assert archive.testzip() is None


def test_invalid_items_are_left_out_and_named(tmp_path: Path) -> None:
    root = copy_catalog(SAMPLE, tmp_path / "catalog")
    path = root / ITEM
    path.write_text(
        path.read_text(encoding="utf-8").replace("handling: 承诺件", "handling: 承诺"), "utf-8"
    )
    result = export_xlsx(root, tmp_path / "list.xlsx")
    assert result.items == 36
    assert [(d.rule, d.file.endswith(ITEM), d.pointer) for d in result.skipped] == [
        ("S004", True, "/handling")
    ]
    line = path.read_text(encoding="utf-8").splitlines().index("handling: 承诺") + 1
    assert [(d.line, d.column) for d in result.skipped] == [(line, 1)]  # as validate says


def test_a_file_that_cannot_be_read_is_left_out_with_y007(tmp_path: Path) -> None:
    root = copy_catalog(SAMPLE, tmp_path / "catalog")
    path = root / ITEM
    path.unlink()
    os.mkfifo(path)  # a named pipe would block a plain read forever
    result = export_xlsx(root, tmp_path / "list.xlsx", jobs=1)
    assert result.items == 36
    assert [(d.rule, d.file.endswith(ITEM), d.line, d.column) for d in result.skipped] == [
        ("Y007", True, 1, 1)
    ]
    assert "不是普通文件" in str(result.skipped[0].message)
