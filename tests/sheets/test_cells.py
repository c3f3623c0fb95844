"""Cells and headers as departments write them."""

from __future__ import annotations

import datetime as dt

import pytest

from catalog_tool.sheets.book import Sheet, Uncached
from catalog_tool.sheets.columns import ITEM_SHEET, MATERIAL_SHEET, SHEETS, STEP_SHEET, Role
from catalog_tool.sheets.headers import detect, normalize_header
from catalog_tool.sheets.materials_text import (
    MaterialHint,
    join_entries,
    parse_material,
    split_entries,
)
from catalog_tool.sheets.values import converter, from_cell, to_cell

CODE = ITEM_SHEET.column("code")
REGION = ITEM_SHEET.column("region")
LEGAL = ITEM_SHEET.column("time_limit.legal_days")
ONLINE = ITEM_SHEET.column("online.available")
TYPE = ITEM_SHEET.column("type")
OBJECTS = ITEM_SHEET.column("service_objects")
NEED = MATERIAL_SHEET.column("required")
SOURCE = MATERIAL_SHEET.column("source")
assert None not in (CODE, REGION, LEGAL, ONLINE, TYPE, OBJECTS, NEED, SOURCE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("事项名称（必填）", "事项名称"),
        ("* 事项名称\n(必填)", "事项名称"),
        (" 基本\n编码 ", "基本编码"),
        ("法定办结时限【工作日】", "法定办结时限"),
        ("是否网办（是/否）：", "是否网办"),
        ("（必填）", "(必填)"),  # nothing but decoration: kept, so it is reported as written
    ],
)
def test_header_decoration_is_removed(text: str, expected: str) -> None:
    assert normalize_header(text) == expected


def test_aliases_are_unique_within_each_sheet() -> None:
    for spec in SHEETS:
        names = [normalize_header(n) for c in spec.columns for n in (c.header, *c.aliases)]
        assert len(names) == len(set(names)), spec.name


def test_the_header_row_is_found_below_title_rows_and_the_role_from_headers() -> None:
    sheet = Sheet(
        "Sheet1",
        [
            ["2024 年申请材料清单"],
            [],
            ["编码", "申请材料名称", "是否必要", "原件或复印件", "备注"],
            ["000101001000", "申请书"],
        ],
    )
    layout = detect(sheet)
    assert layout is not None
    assert (layout.spec.role, layout.header_row) == (Role.MATERIALS, 3)
    assert [h.column.header for h in layout.headers] == [
        "基本编码",
        "材料名称",
        "必要性",
        "材料类型",
    ]
    assert [u.text for u in layout.unknown] == ["备注"]


@pytest.mark.parametrize(
    ("raw", "column", "value"),
    [
        (101001000, CODE, "000101001000"),
        (101001000.0, CODE, "000101001000"),
        ("101001000", CODE, "000101001000"),
        (" 0001 0100 1000 ", CODE, "000101001000"),
        ("'000101001000", CODE, "000101001000"),
        (370811, REGION, "370811"),
        (20.0, LEGAL, 20),
        ("20个工作日", LEGAL, 20),
        ("２０", LEGAL, 20),
        ("√", ONLINE, True),
        ("否", ONLINE, False),
        (True, ONLINE, True),
        ("01", TYPE, "行政许可"),
        (20, TYPE, "公共服务"),
        ("行政 许可", TYPE, "行政许可"),
        ("企业法人、自然人", OBJECTS, ["企业法人", "自然人"]),
        ("企业法人\n企业法人", OBJECTS, ["企业法人"]),
        ("是", NEED, True),
        ("容缺", NEED, "容缺后补"),
        ("20", SOURCE, "政府部门核发"),
    ],
)
def test_cells_read_forgivingly_where_the_meaning_is_clear(
    raw: object, column: object, value: object
) -> None:
    assert from_cell(raw, column) == (value, None)  # type: ignore[arg-type]
    assert converter(column)(raw) == (value, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "column", "rule", "message"),
    [
        (
            "1.01001E+08",
            CODE,
            "C001",
            "“基本编码”被 Excel 显示成了科学计数法 1.01001E+08,后几位已经丢失",
        ),
        (dt.date(2024, 1, 2), CODE, "C001", "“基本编码”应为12 位数字的编码,不是2024-01-02"),
        (20.5, LEGAL, "S003", "“法定办结时限”应为整数,不是20.5"),
        ("两周", LEGAL, "S003", "“法定办结时限”应为整数,不是“两周”"),
        ("也许", ONLINE, "S004", "“是否网办”只能填“是”或“否”,不是“也许”"),
        ("企业法人、个体户", OBJECTS, "S004", "“服务对象”的值“个体户”不在允许范围内"),
        (Uncached("B2*2"), LEGAL, "S003", "公式 =B2*2 没有计算结果(文件保存时未缓存公式的值)"),
        (
            Uncached(""),  # a cell of a shared formula's block: the text is in its first cell
            LEGAL,
            "S003",
            "共享公式(写在其填充区域的第一个单元格) 没有计算结果(文件保存时未缓存公式的值)",
        ),
    ],
)
def test_cells_that_cannot_be_read_say_why(
    raw: object, column: object, rule: str, message: str
) -> None:
    value, problem = from_cell(raw, column)  # type: ignore[arg-type]
    assert value is None and problem is not None
    assert (problem.rule, problem.message.zh) == (rule, message)


def test_cells_written_for_values() -> None:
    assert to_cell(["a", "b"], ITEM_SHEET.column("basis")) == "a\nb"  # type: ignore[arg-type]
    assert to_cell(False, ONLINE) == "否"  # type: ignore[arg-type]
    assert to_cell("容缺后补", NEED) == "容缺后补"  # type: ignore[arg-type]
    assert to_cell(None, LEGAL) is None  # type: ignore[arg-type]
    assert STEP_SHEET.column("counted") is not None


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        ("1.申请书\n2.身份证明", ["申请书", "身份证明"]),
        ("1、申请书 2、身份证明 3、承诺书。", ["申请书", "身份证明", "承诺书"]),
        ("①申请书②身份证明（居民身份证；护照）", ["申请书", "身份证明（居民身份证；护照）"]),
        ("申请书；身份证明;承诺书", ["申请书", "身份证明", "承诺书"]),
        ("（一）申请书\n（二）场所证明", ["申请书", "场所证明"]),
        ("1.5米以上的设备清单", ["1.5米以上的设备清单"]),
    ],
)
def test_material_cells_split_into_entries(text: str, entries: list[str]) -> None:
    assert split_entries(text) == entries


def test_list_cells_split_only_at_lines_so_exports_read_back_exactly() -> None:
    assert split_entries("《某法》第一条；第二条\n 1.第二项 ", semicolons=False) == [
        "《某法》第一条；第二条",
        "1.第二项",
    ]


def test_entries_with_line_breaks_are_parted_by_blank_lines_both_ways() -> None:
    plain = ["《某法》第一条", "《某法》第二条"]
    broken = ["具有合理的设备布局\n和工艺流程", "有专职食品安全管理人员"]
    assert join_entries(plain) == "《某法》第一条\n《某法》第二条"
    assert join_entries(broken) == "具有合理的设备布局\n和工艺流程\n\n有专职食品安全管理人员"
    assert join_entries(["两行的\n一个条件"]) == "两行的\n一个条件\n\n"
    for entries in (plain, broken, ["两行的\n一个条件"]):
        assert split_entries(join_entries(entries), semicolons=False) == entries
    # A department's cell: a blank line (spaces allowed) between entries of several lines.
    cell = "条件一第一行\r\n条件一第二行\n \u3000\n条件二\n"
    assert split_entries(cell, semicolons=False) == ["条件一第一行\n条件一第二行", "条件二"]


@pytest.mark.parametrize(
    ("entry", "hint"),
    [
        ("申请书（原件1份）", MaterialHint("申请书", form="原件", copies=1)),
        ("营业执照复印件", MaterialHint("营业执照复印件", form="复印件")),
        ("申请书原件2份", MaterialHint("申请书", form="原件", copies=2)),
        (
            "身份证明（复印件，电子版，非必要）",
            MaterialHint("身份证明", form="复印件", media="电子", required=False),
        ),
        ("场所证明（容缺后补）", MaterialHint("场所证明", required="容缺后补")),
        ("身份证明（居民身份证或护照）", MaterialHint("身份证明（居民身份证或护照）")),
        ("承诺书一份", MaterialHint("承诺书", copies=1)),
    ],
)
def test_material_entries_carry_their_hints(entry: str, hint: MaterialHint) -> None:
    assert parse_material(entry) == hint
