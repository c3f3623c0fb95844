"""``--annotate OUT.xlsx``: the department's workbook, back with its problems marked.

Each cell a diagnostic names gets a fill (red for errors, yellow for warnings) and a
Chinese comment with the problem and how to fix it; a first sheet, 导入问题, lists them
all with links to the cells. A CSV file comes back as a workbook of its text. The copy is
made with openpyxl (normal mode), which keeps values, formats, merges and validations;
it drops what openpyxl does not model (charts, images, macros).
"""

from __future__ import annotations

import io
import warnings
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell.cell import Cell, MergedCell  # type: ignore[import-untyped, unused-ignore]
from openpyxl.comments import Comment  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils.cell import coordinate_from_string, get_column_letter  # type: ignore[import-untyped, unused-ignore]
from openpyxl.workbook.workbook import Workbook as WorkbookType  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet.hyperlink import Hyperlink  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped, unused-ignore]

from catalog_tool.diagnostics import Diagnostic, Severity
from catalog_tool.errors import CatalogError
from catalog_tool.io.atomic import write_bytes
from catalog_tool.sheets.book import Book, Sheet
from catalog_tool.sheets.columns import PROBLEMS_SHEET
from catalog_tool.sheets.safety import safe_value
from catalog_tool.text import Lang, Text

AUTHOR = "catalog-tool"
_FILLS = {
    Severity.ERROR: PatternFill("solid", fgColor="FFFFC7CE"),
    Severity.WARNING: PatternFill("solid", fgColor="FFFFEB9C"),
    Severity.INFO: PatternFill("solid", fgColor="FFDDEBF7"),
}
_BAD_TITLE = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def annotate(
    book: Book, diagnostics: Sequence[Diagnostic], output: Path, lang: Lang = Lang.ZH
) -> int:
    """Write the annotated copy of ``book`` to ``output``; return how many cells were marked.

    Only diagnostics with a sheet and a cell of this workbook are marked. Raises
    :class:`CatalogError` when ``output`` is the workbook itself or cannot be written.
    """
    check_output(book.path, output)
    workbook = _csv_workbook(book.sheets[0]) if book.kind == "csv" else _load(book)
    by_cell: dict[tuple[str, str], list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        if d.sheet is not None and d.cell is not None:
            title = d.sheet if book.kind != "csv" else workbook.worksheets[0].title
            by_cell[(title, d.cell.rsplit("!", 1)[-1])].append(d)
    # The cells of a merged range are marked on its first cell, once for all of them.
    targets: dict[tuple[str, str], tuple[Any, list[Diagnostic]]] = {}
    for (title, coordinate), found in by_cell.items():
        if title not in workbook.sheetnames:
            continue
        cell = _target(workbook[title], coordinate)
        targets.setdefault((title, cell.coordinate), (cell, []))[1].extend(found)
    for cell, found in targets.values():
        worst = max(found, key=lambda d: d.severity.rank)
        cell.fill = _FILLS[worst.severity]
        notes = list(dict.fromkeys(_note(d, lang) for d in found))  # a merged repeat once
        comment = Comment("\n\n".join(notes), AUTHOR)
        comment.width, comment.height = 360, min(600, 80 + 40 * len(notes))
        cell.comment = comment
    marked = len(targets)
    _problem_sheet(workbook, [d for d in diagnostics if d.cell is not None], lang)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook.save(buffer)
    try:
        write_bytes(output, buffer.getvalue())
    except OSError as err:
        raise CatalogError(
            Text(
                f"无法写出批注副本 {output}:{err.strerror or err}",
                f"cannot write the annotated copy {output}: {err.strerror or err}",
            ),
            Text("换一个可写的路径。", "Choose a path that can be written."),
        ) from None
    return marked


def check_output(source: Path, output: Path) -> None:
    """Raise :class:`CatalogError` when ``output`` is ``source``: the department's own
    workbook must not be overwritten by the copy that marks its problems."""
    same = source.resolve() == output.resolve()
    if not same and output.exists():
        try:
            same = source.samefile(output)
        except OSError:
            same = False
    if same:
        raise CatalogError(
            Text(
                f"--annotate 的输出 {output} 就是导入的工作簿本身,不能覆盖部门的原表",
                f"--annotate {output} is the imported workbook itself; the department's "
                "original would be overwritten",
            ),
            Text(
                "另起一个文件名,例如 任城区-问题.xlsx。",
                "Give the copy another name, such as dept-problems.xlsx.",
            ),
        )


def _load(book: Book) -> WorkbookType:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (extensions, slicers).
            warnings.simplefilter("ignore")
            workbook = load_workbook(book.path, rich_text=False)
    except Exception as err:  # openpyxl raises many kinds; the import itself already succeeded
        message = f"{type(err).__name__}: {err}"
        raise _cannot_copy(book, message, message) from None
    lost = [sheet.name for sheet in book.sheets if sheet.rows and _blank(workbook, sheet.name)]
    if lost:
        # A Strict Open XML workbook, for one: openpyxl finds no sheets in it at all, and
        # the copy would go back to the department with none of its data.
        names = "、".join(f"“{name}”" for name in lost)
        raise _cannot_copy(
            book,
            f"无法完整读出工作表 {names}(可能是 Strict Open XML 格式),副本会缺少原表的内容",
            f"sheet {', '.join(lost)} cannot be read whole (a Strict Open XML workbook?); "
            "the copy would lack the department's data",
            Text(
                "在 Excel 中“另存为 → Excel 工作簿(*.xlsx)”后重新导入并批注。"
                "导入结果不受影响;问题清单见上面的输出。",
                "Save it in Excel as Excel Workbook (*.xlsx) and import it again with "
                "--annotate. The import is not affected; see the problems above.",
            ),
        )
    return workbook


def _blank(workbook: WorkbookType, title: str) -> bool:
    """True when openpyxl has no sheet ``title``, or no value in it."""
    if title not in workbook.sheetnames:
        return True
    return not any(value is not None for row in workbook[title].values for value in row)


def _cannot_copy(book: Book, zh: str, en: str, hint: Text | None = None) -> CatalogError:
    return CatalogError(
        Text(
            f"{book.path}:无法生成批注副本:{zh}",
            f"{book.path}: cannot write the annotated copy: {en}",
        ),
        hint
        or Text(
            "导入结果不受影响;问题清单见上面的输出。",
            "The import is not affected; see the problems above.",
        ),
    )


def _csv_workbook(sheet: Sheet) -> WorkbookType:
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = (sheet.name.translate(_BAD_TITLE) or "Sheet1")[:31]
    for r, cells in enumerate(sheet.rows, start=1):
        for c, value in enumerate(cells, start=1):
            if value is None:
                continue
            target = worksheet.cell(row=r, column=c)
            assert isinstance(target, Cell)  # a new sheet has no merged cells
            safe_value(target, str(value))  # CSV text stays text, even when it starts with "="
    return workbook


def _target(worksheet: Worksheet, coordinate: str) -> Any:
    cell = worksheet[coordinate]
    if isinstance(cell, MergedCell):
        _, row = coordinate_from_string(coordinate)
        for merged in worksheet.merged_cells.ranges:
            if coordinate in merged:
                return worksheet.cell(row=merged.min_row, column=merged.min_col)
        return worksheet.cell(row=row, column=1)
    return cell


def _note(d: Diagnostic, lang: Lang) -> str:
    head = f"{d.severity.word.get(lang)} {d.rule}:{d.message.get(lang)}"
    if d.hint is not None and d.hint.get(lang).strip():
        label = "修改建议" if lang is Lang.ZH else "Fix"
        return f"{head}\n{label}:{d.hint.get(lang)}"
    return head


def _problem_sheet(workbook: WorkbookType, diagnostics: Sequence[Diagnostic], lang: Lang) -> None:
    if PROBLEMS_SHEET in workbook.sheetnames:
        del workbook[PROBLEMS_SHEET]
    sheet = workbook.create_sheet(PROBLEMS_SHEET, 0)
    zh = lang is Lang.ZH
    headers = (
        ("位置", "规则", "级别", "问题", "修改建议")
        if zh
        else ("cell", "rule", "severity", "problem", "fix")
    )
    sheet.append(headers)
    for index in range(1, len(headers) + 1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
    for row, d in enumerate(diagnostics, start=2):
        values = (
            d.cell or "",
            d.rule,
            d.severity.word.get(lang),
            d.message.get(lang),
            d.hint.get(lang) if d.hint is not None else "",
        )
        for column, value in enumerate(values, start=1):
            target = sheet.cell(row=row, column=column)
            assert isinstance(target, Cell)  # a new sheet has no merged cells
            safe_value(target, value)
        link = sheet.cell(row=row, column=1)
        if d.cell and d.sheet is not None and d.sheet in workbook.sheetnames:
            target = f"{_quoted(d.sheet)}!{d.cell.rsplit('!', 1)[-1]}"
            link.hyperlink = Hyperlink(ref=link.coordinate, location=target)
            link.font = Font(color="FF0563C1", underline="single")
    for index, width in enumerate((16, 8, 8, 60, 50), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    workbook.active = 0


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"
