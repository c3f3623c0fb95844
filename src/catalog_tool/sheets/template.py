"""``catalog export template``: the blank workbook departments fill in.

The same columns as the export (so a filled template imports, and an export can serve as
a template), plus what helps a person fill it: a comment on every header explaining the
field (the model's Chinese description and the allowed values), dropdowns for every
closed vocabulary and for 是/否, code columns formatted as text so leading zeros survive,
a frozen header row, column widths, and a 填写说明 sheet.

With a region, the 事项 sheet lists the items of the region's upstream catalogs (nearest
first) with the four fields 四级四同 keeps identical, so the department fills in the rest.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path

from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell.cell import Cell  # type: ignore[import-untyped, unused-ignore]
from openpyxl.comments import Comment  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils.cell import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped, unused-ignore]

from catalog_tool.catalog.layout import find_root
from catalog_tool.catalog.read import parse_item
from catalog_tool.catalog.regions_file import load_regions
from catalog_tool.errors import CatalogError
from catalog_tool.io.atomic import write_bytes
from catalog_tool.sheets.columns import (
    EXPLANATION_SHEET,
    ITEM_SHEET,
    SHEETS,
    Column,
    Kind,
    SheetSpec,
)
from catalog_tool.sheets.safety import safe_value
from catalog_tool.text import Text

SHEET_ROWS = 1_048_576
"""The last row of a worksheet: dropdowns reach down the whole column (text formats are
the column's own), however many rows a department fills."""
AUTHOR = "catalog-tool"
_HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")
_HEADER_FONT = Font(bold=True)
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")
_PREFILLED = ("code", "name", "type", "region", "basis")


def write_template(
    output: str | Path, *, root: str | Path | None = None, region: str | None = None
) -> int:
    """Write the import template to ``output``; return how many item rows were prefilled.

    With ``region`` (which needs the catalog at ``root``), the 事项 sheet lists the
    upstream items of that region with 基本编码, 事项名称, 事项类型 and 设定依据 filled in.
    """
    rows = _upstream_rows(Path(root or "items"), region) if region is not None else []
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for spec in SHEETS:
        sheet = book.create_sheet(spec.name)
        _layout(sheet, spec, SHEET_ROWS)
        if spec is ITEM_SHEET:
            _prefill(sheet, spec, rows)
    _explanation(book.create_sheet(EXPLANATION_SHEET))
    book.properties.creator = AUTHOR
    book.properties.title = "政务服务事项导入模板"
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book.save(buffer)
    write_bytes(Path(output), stable_zip(buffer.getvalue()))
    return len(rows)


def stable_zip(data: bytes) -> bytes:
    """``data`` (an .xlsx written by openpyxl) with fixed entry dates and no creation or
    modification time, so the same content gives the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(b"", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def _layout(sheet: Worksheet, spec: SheetSpec, rows: int) -> None:
    sheet.freeze_panes = "A2"
    for index, column in enumerate(spec.written, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        comment = Comment(_explain(column), AUTHOR)
        comment.width, comment.height = 320, 160
        cell.comment = comment
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        if column.kind is Kind.CODE:
            # The column's own format: codes typed into empty cells stay text.
            dimension.number_format = "@"
        elif column.wraps:
            dimension.alignment = Alignment(wrap_text=True, vertical="top")
        if column.choices and column.kind is not Kind.ENUM_LIST:
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="值不在允许范围内",
                error="请从下拉列表中选择:" + "、".join(column.choices),
                promptTitle=column.header,
                prompt="可选值:" + "、".join(column.choices),
            )
            validation.add(f"{letter}2:{letter}{rows}")
            sheet.add_data_validation(validation)


def _explain(column: Column) -> str:
    lines = [f"{column.header}:{column.description}".rstrip(":")]
    if column.choices:
        lines.append("可选值:" + "、".join(column.choices))
    if column.kind is Kind.CODE and column.digits:
        lines.append(f"{column.digits} 位数字,按文本填写(开头的 0 不能丢)。")
    if column.kind in (Kind.LIST, Kind.ENUM_LIST):
        lines.append("多项时每项一行(单元格内换行:Alt+Enter)。")
    return "\n".join(lines)


def _prefill(sheet: Worksheet, spec: SheetSpec, rows: list[dict[str, str]]) -> None:
    positions = {c.path: i for i, c in enumerate(spec.written, start=1)}
    for number, values in enumerate(rows, start=2):
        for path, value in values.items():
            cell = sheet.cell(row=number, column=positions[path])
            assert isinstance(cell, Cell)  # the template merges no cells
            # openpyxl takes text starting with "=" for a formula: it must stay text.
            safe_value(cell, value)
            if path == "basis":
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _upstream_rows(root: Path, region: str) -> list[dict[str, str]]:
    catalog = find_root(root)
    tree = load_regions(catalog)[0]
    if region not in tree:
        raise CatalogError(
            Text(f"区划 {region} 不在 regions.yaml 中", f"region {region} is not in regions.yaml"),
            Text("检查 --region。", "Check --region."),
        )
    seen: set[str] = set()
    rows: list[dict[str, str]] = []
    for upstream in tree.upstream(region):
        folder = catalog / upstream
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            parsed = parse_item(path.read_bytes(), upstream)
            item = parsed.item
            if item is None or item.code in seen or str(item.status) == "取消":
                continue
            seen.add(item.code)
            rows.append(
                {
                    "code": item.code,
                    "name": item.name,
                    "type": str(item.type),
                    "region": region,
                    "basis": "\n".join(item.basis),
                }
            )
    rows.sort(key=lambda r: r["code"])
    return rows


def _explanation(sheet: Worksheet) -> None:
    headers = ("工作表", "列", "说明", "可选值")
    sheet.append(headers)
    for index in range(1, len(headers) + 1):
        cell = sheet.cell(row=1, column=index)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for spec in SHEETS:
        for column in spec.written:
            sheet.append((spec.name, column.header, column.description, "、".join(column.choices)))
    for letter, width in zip("ABCD", (12, 22, 70, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    notes = (
        "一个事项一行;申请材料、办理流程、收费项目各一行一项,用基本编码(和区划代码)对应到事项。",
        "编码列是文本格式:基本编码 12 位、区划代码 6 位,开头的 0 不能丢。",
        "设定依据、受理条件等多项内容,在单元格内每项一行(Alt+Enter 换行)。",
        "空着的单元格不会清除目录中已有的内容。",
    )
    start = sheet.max_row + 2
    for offset, note in enumerate(notes):
        sheet.cell(row=start + offset, column=1, value=note)
