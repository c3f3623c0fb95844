"""The streaming .xlsx reader agrees with openpyxl, and knows what openpyxl cannot tell."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from catalog_tool.sheets.book import CellError, External, Uncached, cell_name
from catalog_tool.sheets.reading import read_book
from tests.sheets.books import build, cache_formula_values


def _mixed(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "数据"
    rows = [
        ["文字", "含&<>\"'的文字", "  前后空格  ", "两行\n文字", "x"],
        [0, -12, 3.5, 1e20, 101001000],
        [True, False, None, "", "=A2+1"],
        [
            dt.datetime(2024, 5, 20),
            dt.date(2023, 1, 2),
            dt.time(9, 30),
            dt.datetime(2024, 1, 1, 8, 0),
            "x",
        ],
    ]
    for row in rows:
        sheet.append(row)
    sheet["A4"].number_format = 'yyyy"年"m"月"d"日"'
    sheet.merge_cells("A6:B7")
    sheet["A6"] = "合并"
    sheet["C7"] = "第 7 行"
    second = book.create_sheet("隐藏")
    second["A1"] = "看不见"
    second.sheet_state = "hidden"
    book.save(path)
    return path


def test_values_match_openpyxl(tmp_path: Path) -> None:
    path = _mixed(tmp_path / "mixed.xlsx")
    ours = read_book(path).sheets[0]
    theirs = load_workbook(path)["数据"]
    for r in range(1, 5):
        for c in range(1, 6):
            expected = theirs.cell(row=r, column=c).value
            got = ours.value(r, c)
            if isinstance(expected, str) and expected.startswith("="):
                assert got == Uncached(expected[1:]), cell_name("数据", r, c)
            elif expected == "":
                assert got in ("", None)
            else:
                assert got == expected, cell_name("数据", r, c)


def test_excel_escapes_for_characters_xml_cannot_hold(tmp_path: Path) -> None:
    path = build(tmp_path / "x.xlsx", {"S": [["a"]]})
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    cell = '<c r="A1" t="inlineStr"><is><t>一_x000D_二 _x005F_x0041_</t></is></c>'
    xml = xml.replace(
        xml[xml.index('<c r="A1"') : xml.index("</c>", xml.index('<c r="A1"')) + 4], cell
    )
    _replace(path, "xl/worksheets/sheet1.xml", xml)
    assert read_book(path).sheets[0].value(1, 1) == "一\n二 _x0041_"


def test_merged_ranges_fill_down_their_first_column_and_hidden_sheets_are_marked(
    tmp_path: Path,
) -> None:
    book = read_book(_mixed(tmp_path / "mixed.xlsx"))
    data, hidden = book.sheets
    # A6:B7 holds one value: repeated for the rows it covers, not for each column.
    assert [data.value(r, c) for r in (6, 7) for c in (1, 2)] == ["合并", None, "合并", None]
    assert data.merged == 1
    assert hidden.hidden and book.visible == (data,)


def test_cached_formula_values_and_errors(tmp_path: Path) -> None:
    path = build(tmp_path / "f.xlsx", {"S": [["=1+1", "=A1*2", "=NA()", '="a"&"b"']]})
    cache_formula_values(path, 1, {"A1": "2", "B1": "4"})
    sheet = read_book(path).sheets[0]
    assert sheet.value(1, 1) == 2 and sheet.value(1, 2) == 4
    assert sheet.value(1, 3) == Uncached("NA()")
    assert sheet.value(1, 4) == Uncached('"a"&"b"')
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    xml = xml.replace(
        '<c r="C1"><f>NA()</f><v></v></c>', '<c r="C1" t="e"><f>NA()</f><v>#N/A</v></c>'
    )
    _replace(path, "xl/worksheets/sheet1.xml", xml)
    assert read_book(path).sheets[0].value(1, 3) == CellError("#N/A")


_BLOCKS = (
    '<?xml version="1.0"?><{p}worksheet xmlns{colon}{ns}="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><{p}sheetData>'
    '<{p}row r="2"><{p}c r="B2" t="str"><{p}f t="shared" ref="B2:B4" si="0">[1]Sheet1!A2'
    '</{p}f><{p}v>食品经营许可</{p}v></{p}c><{p}c r="C2"><{p}f t="shared" ref="C2:C4" si="1">'
    'A2*2</{p}f><{p}v></{p}v></{p}c><{p}c r="D2"><{p}f t="array" ref="D2:D3">'
    "[1]Sheet1!$C$1:$C$2</{p}f><{p}v>5</{p}v></{p}c></{p}row>"
    '<{p}row r="3"><{p}c r="B3" t="str"><{p}f t="shared" si="0"/><{p}v>公共场所卫生许可'
    '</{p}v></{p}c><{p}c r="C3"><{p}f t="shared" si="1"/></{p}c><{p}c r="D3"><{p}v>6</{p}v>'
    "</{p}c></{p}row>"
    '<{p}row r="4"><{p}c r="B4" t="str"><{p}f t="shared" si="0"></{p}f><{p}v>药品经营许可'
    '</{p}v></{p}c><{p}c r="C4"><{p}f t="shared" si="1"/><{p}v>8</{p}v></{p}c><{p}c r="D4">'
    '<{p}v>7</{p}v></{p}c><{p}c r="E4" t="inlineStr"><{p}is><{p}t>'
    "见 https://zwfw.gov.cn/?ref=B2&amp;si=0</{p}t></{p}is></{p}c></{p}row>"
    "</{p}sheetData></{p}worksheet>"
)


@pytest.mark.parametrize("prefix", ["", "x"])
def test_every_cell_of_a_formula_block_into_another_workbook_is_marked(
    tmp_path: Path, prefix: str
) -> None:
    """Excel saves a formula filled down once, in the block's first cell; the others hold
    a pointer to it and a cached copy. Each cell of a block that reads another workbook is
    External, with the formula Excel shows there; an array formula covers its range."""
    path = build(tmp_path / "x.xlsx", {"S": [["a"]]})
    xml = _BLOCKS.format(
        p=f"{prefix}:" if prefix else "",
        colon=":" if prefix else "",
        ns=prefix,
    )
    _replace(path, "xl/worksheets/sheet1.xml", xml)
    sheet = read_book(path).sheets[0]
    assert [sheet.value(r, 2) for r in (2, 3, 4)] == [
        External("[1]Sheet1!A2"),
        External("[1]Sheet1!A3"),
        External("[1]Sheet1!A4"),
    ]
    # A block within the workbook keeps its cached values; one without them says which
    # formula each cell holds.
    assert [sheet.value(r, 3) for r in (2, 3, 4)] == [Uncached("A2*2"), Uncached("A3*2"), 8]
    # D2:D3 is the array's range; D4 is outside it.
    assert [sheet.value(r, 4) for r in (2, 3, 4)] == [
        External("[1]Sheet1!$C$1:$C$2"),
        External("[1]Sheet1!$C$1:$C$2"),
        7,
    ]
    assert sheet.value(4, 5) == "见 https://zwfw.gov.cn/?ref=B2&si=0"  # text, not a formula


def _replace(path: Path, part: str, text: str) -> None:
    with zipfile.ZipFile(path) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    entries[part] = text.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def test_sheets_written_by_other_programs(tmp_path: Path) -> None:
    """Namespace prefixes, attributes in another order, shared rich text, no cell refs."""
    path = build(tmp_path / "x.xlsx", {"S": [["a"]]})
    sheet = (
        '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<x:sheetData>"
        '<x:row r="2"><x:c t="s" r="B2"><x:v>0</x:v></x:c><x:c><x:v>7</x:v></x:c></x:row>'
        "<x:row><x:c t='inlineStr'><x:is><x:t>行三</x:t></x:is></x:c></x:row>"
        '</x:sheetData><x:mergeCells><x:mergeCell ref="B2:B3"/></x:mergeCells></x:worksheet>'
    )
    shared = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1">'
        '<si><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve">文本 </t></r>'
        '<rPh sb="0" eb="1"><t>ふ</t></rPh></si></sst>'
    )
    _replace(path, "xl/worksheets/sheet1.xml", sheet)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    if "xl/sharedStrings.xml" not in names:
        rels = rels.replace(
            "</Relationships>",
            '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        _replace(path, "xl/_rels/workbook.xml.rels", rels)
    _replace(path, "xl/sharedStrings.xml", shared)
    rows = read_book(path).sheets[0].rows
    assert rows[1] == [None, "富文本 ", 7]
    assert rows[2] == ["行三", "富文本 "]


def test_csv_encodings_and_tabs(tmp_path: Path) -> None:
    text = "基本编码\t事项名称\n000101001000\t食品经营许可\n"
    for encoding in ("utf-8", "utf-8-sig", "gb18030", "utf-16"):
        path = tmp_path / f"x-{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        sheet = read_book(path).sheets[0]
        assert sheet.rows == [["基本编码", "事项名称"], ["000101001000", "食品经营许可"]], encoding


def test_rows_in_the_exported_shape_read_like_openpyxl_reads_them(tmp_path: Path) -> None:
    """Rows as the export writes them (bare rows, inline text, plain integers, empty cells)
    take a shortcut; rows holding anything else among them take the general reader."""
    from catalog_tool.sheets.xlsx_write import (
        ColumnFormat,
        RowRenderer,
        SheetData,
        compress_rows,
        write_workbook,
    )

    columns = [ColumnFormat(f"列{i}", 10) for i in range(1, 6)]
    renderer = RowRenderer(columns)
    rows: list[list[object]] = [
        ["文字", 12, None, "  边缘空格 ", 0],
        ["A&B <c>", "_x0041_ 字面", 3.5, None, "=1+1"],
        [None, None, "两行\n文字", None, None],
        ["", 7, "", "", ""],
        ["\r回车", -4, "x", None, 10**15],
    ]
    sheet = SheetData("表", columns, [compress_rows([renderer.render(r) for r in rows])])
    path = tmp_path / "plain.xlsx"
    write_workbook(path, [sheet])
    ours = read_book(path).sheets[0]
    theirs = load_workbook(path)["表"]
    assert len(ours.rows) == len(rows) + 1
    for r in range(1, len(rows) + 2):
        for c in range(1, 6):
            expected = theirs.cell(row=r, column=c).value
            got = ours.value(r, c)
            if isinstance(expected, str):  # openpyxl leaves Excel's escape for CR as it is
                expected = expected.replace("_x000D_", "\n")
            assert got == (None if expected == "" else expected), cell_name("表", r, c)


def test_a_sheet_with_text_after_its_rows_is_read_by_the_general_reader(tmp_path: Path) -> None:
    path = build(tmp_path / "x.xlsx", {"S": [["a", "b"], ["c", "d"]]})
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    start, end = xml.index("<sheetData>") + 11, xml.index("</sheetData>")
    body = (
        '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>5</v></c></row>'
        '<row><c/><c t="inlineStr"><is><t>d</t></is></c></row><row><c><v>2</v></c>'
    )
    _replace(path, "xl/worksheets/sheet1.xml", xml[:start] + body + xml[end:])
    rows = read_book(path).sheets[0].rows
    assert rows == [["a", 5], [None, "d"], [2]]


def _merged(rows: list[list[object]], *refs: str) -> list[list[object]]:
    from catalog_tool.sheets.xlsx_read import _fill_merges

    copied = [list(r) for r in rows]
    _fill_merges(copied, "".join(f'<mergeCell ref="{ref}"/>' for ref in refs))  # type: ignore[arg-type]
    return copied


def test_only_a_heading_across_the_sheet_empties_its_row_whatever_the_ranges_order() -> None:
    rows: list[list[object]] = [
        ["基本编码", "区划代码", "材料名称", "必要性", "备注"],
        ["一、行政许可", None, None, None, None],
        ["000101001000", "370811", "申请书", "必要", None],
        [None, None, "营业执照", None, None],  # merged C4:D4: a continuation row's data
    ]
    for refs in (("A2:E2", "A3:A4", "B3:B4", "C4:D4"), ("C4:D4", "B3:B4", "A3:A4", "A2:E2")):
        assert _merged(rows, *refs) == [
            rows[0],
            [],  # the heading
            rows[2],
            ["000101001000", "370811", "营业执照", None, None],
        ]
    # A one-row range that does not start in column A, or is narrow, is data.
    assert _merged(rows, "B2:E2")[1] == rows[1]
    assert _merged([["x", None], ["标题", None]], "A2:B2")[1] == ["标题", None]
