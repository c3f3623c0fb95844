"""The one formula-safe cell rule, and the row bound for CSV files."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from catalog_tool.errors import CatalogError
from catalog_tool.sheets import reading
from catalog_tool.sheets.reading import read_book
from catalog_tool.sheets.safety import formula_like, safe_value


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1", "-2", "@SUM(A1)", "  =1+1", "\t=1", "\r\n+1", "\u3000=1", "＝1+1", "＋1",
     "－2", "＠A1", "\tplain", "\rplain"],
)  # fmt: skip
def test_formula_like_text(text: str) -> None:
    assert formula_like(text)


@pytest.mark.parametrize("text", ["食品经营许可", "1+1", "a=b", "#N/A", " 0537-2216800", ""])
def test_ordinary_text(text: str) -> None:
    assert not formula_like(text)


def test_safe_value_keeps_text_as_text_in_a_saved_workbook(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    values = ['=HYPERLINK("http://x","y")', " =1", "＝1+1", "#N/A", "a\x01b", None, 7]
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=1, column=column)
        assert safe_value(cell, value) is cell
    book.save(tmp_path / "out.xlsx")
    cells = next(load_workbook(tmp_path / "out.xlsx").active.iter_rows())  # type: ignore[union-attr]
    assert [c.value for c in cells] == [
        '=HYPERLINK("http://x","y")',
        " =1",
        "＝1+1",
        "#N/A",
        "a_x0001_b",
        None,
        7,
    ]
    assert [c.data_type for c in cells[:5]] == ["s"] * 5
    assert [c.quotePrefix for c in cells[:5]] == [True, True, True, False, False]


def test_a_csv_beyond_the_row_bound_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 10)
    path = tmp_path / "dept.csv"
    path.write_text("基本编码,事项名称\n" + "".join(f"{n:012d},x\n" for n in range(10)), "utf-8")
    with pytest.raises(CatalogError) as caught:
        read_book(path)
    assert "工作表“dept”有 11 行数据,超过每张表 10 行的上限" in caught.value.text.zh
    path.write_text("基本编码,事项名称\n" + "".join(f"{n:012d},x\n" for n in range(9)), "utf-8")
    assert read_book(path).sheets[0].last_row == 10
