"""A region's exported list, edited in Excel the way departments edit it, imported back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from catalog_tool.sheets.export import export_xlsx
from catalog_tool.sheets.importing import ImportResult, import_file
from catalog_tool.sheets.plan import Outcome
from tests.sheets.books import SAMPLE, copy_catalog

REGION = "370826"
HYGIENE = "000101002000"
"""公共场所卫生许可: four materials in the 申请材料 sheet."""


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return copy_catalog(SAMPLE, tmp_path / "catalog")


def edited(catalog: Path, path: Path, edit: Callable[[Workbook], None]) -> Path:
    """The region's exported list with ``edit`` made to it."""
    export_xlsx(catalog, path, region=REGION)
    book = load_workbook(path)
    edit(book)
    book.save(path)
    return path


def rows_of(sheet: Worksheet, code: str) -> list[int]:
    """The rows of ``sheet`` that name the item ``code`` (column A)."""
    return [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code]


def set_item_cell(book: Workbook, header: str, value: Any) -> str:
    """Set ``header`` of the hygiene item's row in the 事项 sheet; the cell's name."""
    sheet = book["事项"]
    column = next(c.column for c in sheet[1] if c.value == header)
    cell = sheet.cell(rows_of(sheet, HYGIENE)[0], column, value)
    return f"事项!{cell.coordinate}"


def dry_run(workbook: Path, catalog: Path) -> ImportResult:
    return import_file(workbook, region=REGION, root=catalog, dry_run=True, validate=False)


def problems(result: ImportResult) -> list[tuple[str, str | None, str]]:
    return [(d.rule, d.cell, d.severity.value) for d in result.problems]


def outcome(result: ImportResult, code: str = HYGIENE) -> Outcome:
    return next(p.outcome for p in result.planned if p.code == code)


def test_a_hidden_row_is_not_imported_and_says_so(catalog: Path, tmp_path: Path) -> None:
    """As a hidden sheet is not read, neither is a hidden row: what the department does
    not see in Excel does not go into the catalog unseen."""
    marked: list[int] = []

    def hide_a_material(book: Workbook) -> None:
        sheet = book["申请材料"]
        sheet.append(
            [HYGIENE, REGION, None, "旧版卫生许可证原件", "必要", "原件", 1, "纸质", "申请人自备"]
        )
        sheet.row_dimensions[sheet.max_row].hidden = True
        marked.append(sheet.max_row)

    result = dry_run(edited(catalog, tmp_path / "list.xlsx", hide_a_material), catalog)
    assert problems(result) == [("S002", f"申请材料!A{marked[0]}", "warning")]
    assert result.problems[0].message.zh == f"第 {marked[0]} 行是隐藏行,未导入"
    assert result.problems[0].message.en == f"row {marked[0]} is hidden; it was not imported"
    assert outcome(result) is Outcome.UNCHANGED


def test_a_blank_row_inside_a_merged_code_block_is_a_blank_row(
    catalog: Path, tmp_path: Path
) -> None:
    """The merged 基本编码 and 区划代码 cells are the row's only content: skipped, as the
    same blank row is without the merge (not a material without a name)."""

    def blank_row_in_a_merged_block(book: Workbook) -> None:
        sheet = book["申请材料"]
        first, *rest = rows_of(sheet, HYGIENE)
        sheet.insert_rows(rest[0])  # a blank row after the first material
        last = rest[-1] + 1
        for row in range(first + 1, last + 1):
            sheet.cell(row, 1).value = sheet.cell(row, 2).value = None
        sheet.merge_cells(f"A{first}:A{last}")
        sheet.merge_cells(f"B{first}:B{last}")

    result = dry_run(edited(catalog, tmp_path / "list.xlsx", blank_row_in_a_merged_block), catalog)
    assert problems(result) == []
    assert outcome(result) is Outcome.UNCHANGED


def test_days_typed_in_the_other_unit_than_the_rows_unit_are_an_error(
    catalog: Path, tmp_path: Path
) -> None:
    """30个自然日 with 时限单位 工作日 would be stored as 30 working days: not imported."""
    cells: list[str] = []
    workbook = edited(
        catalog,
        tmp_path / "list.xlsx",
        lambda book: cells.append(set_item_cell(book, "法定办结时限", "30个自然日")),
    )
    result = dry_run(workbook, catalog)
    assert problems(result) == [("S004", cells[0], "error")]
    assert result.problems[0].message.zh == (
        "“法定办结时限”写的是“30个自然日”,但本行“时限单位”是“工作日”;该事项未导入"
    )
    assert outcome(result) is Outcome.REJECTED
    # The same unit as the row's is what the cell means: read as the number.
    same = edited(
        catalog,
        tmp_path / "same.xlsx",
        lambda book: set_item_cell(book, "法定办结时限", "20个工作日"),
    )
    assert problems(dry_run(same, catalog)) == []


@pytest.mark.parametrize(
    ("typed", "read"),
    [(dt.time(8, 30), "08:30:00"), (dt.datetime(2024, 1, 1, 9, 0), "2024-01-01 09:00:00")],
)
def test_a_date_or_time_in_a_text_column_is_read_with_a_warning(
    catalog: Path, tmp_path: Path, typed: dt.time | dt.datetime, read: str
) -> None:
    cells: list[str] = []
    workbook = edited(
        catalog,
        tmp_path / "list.xlsx",
        lambda book: cells.append(set_item_cell(book, "办理时间", typed)),
    )
    result = dry_run(workbook, catalog)
    assert problems(result) == [("S003", cells[0], "warning")]
    assert result.problems[0].message.zh == f"“办理时间”是 Excel 的日期或时间值,按“{read}”读取"
    assert result.problems[0].hint is not None
    assert "“文本”格式后重新输入" in result.problems[0].hint.zh


def test_full_width_digits_in_a_code_are_read_half_width_with_a_warning(
    catalog: Path, tmp_path: Path
) -> None:
    cells: list[str] = []
    workbook = edited(
        catalog,
        tmp_path / "list.xlsx",
        lambda book: cells.append(
            set_item_cell(book, "实施主体编码", "１１３７０８２６MB2831612R")
        ),
    )
    result = dry_run(workbook, catalog)
    assert problems(result) == [("S003", cells[0], "warning")]
    assert result.problems[0].message.zh == (
        "“实施主体编码”含全角字符“１１３７０８２６MB2831612R”,已按半角“11370826MB2831612R”读取"
    )
    assert outcome(result) is Outcome.UNCHANGED  # the code it already had


def test_a_full_width_basic_code_names_its_item(catalog: Path, tmp_path: Path) -> None:
    def full_width_code(book: Workbook) -> None:
        sheet = book["申请材料"]
        sheet.cell(rows_of(sheet, HYGIENE)[0], 1).value = "０００１０１００２０００"

    result = dry_run(edited(catalog, tmp_path / "list.xlsx", full_width_code), catalog)
    assert [(rule, severity) for rule, _, severity in problems(result)] == [("C001", "warning")]
    assert outcome(result) is Outcome.UNCHANGED


def test_a_material_cell_that_lists_several_materials_is_a_warning_at_its_cell(
    catalog: Path, tmp_path: Path
) -> None:
    """Two materials typed in one 材料名称 cell of the 申请材料 sheet are read as one
    material (the row has one basis, form and count): the clerk is told at the cell."""
    names = "1.公共场所卫生管理制度；2.从业人员健康合格证明复印件"

    def edit(book: Workbook) -> None:
        sheet = book["申请材料"]
        sheet.cell(rows_of(sheet, HYGIENE)[-1], 4, names)

    result = dry_run(edited(catalog, tmp_path / "several.xlsx", edit), catalog)
    (warning,) = [d for d in result.problems if d.rule == "S003"]
    row = rows_of(load_workbook(tmp_path / "several.xlsx")["申请材料"], HYGIENE)[-1]
    assert (warning.cell, warning.severity.value) == (f"申请材料!D{row}", "warning")
    assert "2 个材料" in warning.message.zh and "“公共场所卫生管理制度”" in warning.message.zh
    assert outcome(result) is Outcome.CHANGED


def test_one_material_with_a_numbered_standard_in_its_name_is_not_several(
    catalog: Path, tmp_path: Path
) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["申请材料"]
        sheet.cell(rows_of(sheet, HYGIENE)[-1], 4, "符合GB 37488-2019第3.1条的卫生检测报告")

    result = dry_run(edited(catalog, tmp_path / "one.xlsx", edit), catalog)
    assert [d for d in result.problems if d.rule == "S003"] == []


def test_a_hidden_sheet_with_catalog_data_is_a_warning_and_not_read(
    catalog: Path, tmp_path: Path
) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["申请材料"]
        sheet.cell(rows_of(sheet, HYGIENE)[-1], 4, "一份新增的材料")
        sheet.sheet_state = "hidden"

    result = dry_run(edited(catalog, tmp_path / "hidden.xlsx", edit), catalog)
    assert problems(result) == [("S002", "申请材料!A1", "warning")]
    assert result.problems[0].message.zh == "工作表“申请材料”是隐藏的,未导入"
    assert outcome(result) is Outcome.UNCHANGED  # the hidden material was not read


def test_a_hidden_list_behind_a_drop_down_says_nothing(catalog: Path, tmp_path: Path) -> None:
    def edit(book: Workbook) -> None:
        lists = book.create_sheet("下拉选项")
        for value in ("行政许可", "行政确认", "行政给付"):
            lists.append([value])
        lists.sheet_state = "hidden"

    result = dry_run(edited(catalog, tmp_path / "lists.xlsx", edit), catalog)
    assert problems(result) == []
