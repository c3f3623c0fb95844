"""Department sheets as they really arrive: each problem reported at its exact cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from catalog_tool.catalog.read import parse_item
from catalog_tool.sheets.importing import ImportResult, import_file, summary_rows
from catalog_tool.sheets.plan import Outcome
from tests.sheets.books import BASE, build, cache_formula_values, copy_catalog

FOOD = "370811/000101001000.yaml"
PENALTY = "370811/000201001000.yaml"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return copy_catalog(BASE, tmp_path / "catalog")


def found(result: ImportResult) -> list[tuple[str, str | None, str]]:
    """(rule, cell, severity) of every workbook problem, in report order."""
    return [(d.rule, d.cell, d.severity.value) for d in result.problems]


def load(root: Path, rel: str) -> dict[str, object]:
    data = YAML(typ="safe").load((root / rel).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# -- 1. title rows, decorated headers, numbers for codes, materials as text ------------------

HEADERS_1 = [
    "序号", "事项名称（必填）", "基本\n编码", "事项类型", "设定依据", "实施主体", " 实施主体编码 ",
    "法定时限(工作日)", "承诺时限", "办件类型", "到现场次数", "是否网办", "网上办理深度级别",
    "网上办理地址", "服务对象", "办理地点", "办理时间", "咨询电话", "监督投诉电话", "审批结果名称",
    "审批结果类型", "是否收费", "事项状态", "实施主体性质", "受理条件", "申请材料", "区划名称",
]  # fmt: skip
FOOD_ROW = [
    1, "食品经营许可", 101001000, "行政许可", "《中华人民共和国食品安全法》第三十五条第一款",
    "济宁市任城区行政审批服务局", "11370811MB2822030B", 20.0, 5, "承诺件", 0, "是", 4,
    "https://www.shandong.gov.cn/", "企业法人", "济宁市政务服务中心", "工作日 9:00-17:00",
    "0537-2967000", 12345, "食品经营许可证", "证照", "否", "在用", "法定机关",
    "具有与经营的食品品种、数量相适应的食品经营场所",
    "1.食品经营许可申请书（原件1份）\n2.法定代表人身份证明（复印件，1份）", "任城区",
]  # fmt: skip


def sheet_one(path: Path) -> Path:
    bad = list(FOOD_ROW)
    bad[0], bad[2] = 2, "0001010020001"  # 13 digits
    return build(
        path,
        {
            "事项清单": [
                ["任城区政务服务事项实施清单（2024年版）"],
                ["填报单位:任城区行政审批服务局", None, None, "填报日期:2024年5月"],
                HEADERS_1,
                FOOD_ROW,
                bad,
                [None, " "],
                [],
            ],
            "旧版": [["事项名称", "基本编码"], ["作废的事项", "x"]],
        },
        merges={"事项清单": ["A1:H1"]},
        hidden=["旧版"],
    )


def test_title_rows_decorated_headers_and_lost_zeros(catalog: Path, tmp_path: Path) -> None:
    before = (catalog / FOOD).read_text(encoding="utf-8")
    result = import_file(sheet_one(tmp_path / "dept.xlsx"), region="370811", root=catalog)
    assert result.sheets == ("事项清单 → 事项",)  # the hidden sheet is not read
    assert found(result) == [
        ("S002", "事项清单!M3", "warning"),  # 网上办理深度级别, read as 网上办理深度
        ("S001", "事项清单!Z4", "warning"),  # material details defaulted
        ("C001", "事项清单!C5", "error"),  # 13 digits
        ("S002", "旧版!A1", "warning"),  # a hidden sheet with a catalog header: said, not read
    ]
    problems = {d.cell: d for d in result.problems}
    assert problems["事项清单!C5"].message.zh == "基本编码“0001010020001”应为 12 位数字,本行未导入"
    assert (
        problems["事项清单!M3"].message.zh
        == "表头“网上办理深度级别”不是标准名称,按“网上办理深度”读取"
    )
    assert problems["事项清单!Z4"].message.zh == (
        "申请材料以文字填写,法定代表人身份证明 未注明的项已按默认值导入"
        "(必要性:必要、材料形式:纸质、来源渠道:申请人自备)"
    )
    assert [(p.code, p.outcome) for p in result.planned] == [("000101001000", Outcome.CHANGED)]
    after = (catalog / FOOD).read_text(encoding="utf-8")
    data = load(catalog, FOOD)
    materials = data["materials"]
    assert isinstance(materials, list)
    # The first material matched the file's by name: its basis, forms and kind stay.
    assert materials[0]["blank_form"] == "forms/食品经营许可申请书.docx"
    assert materials[1] == {
        "name": "法定代表人身份证明",
        "form": "复印件",
        "copies": 1,
        "required": True,
        "media": "纸质",
        "source": "申请人自备",
    }
    # Only the materials changed: every other line is as it was.
    assert after.split("materials:")[0] == before.split("materials:")[0]
    assert after.split("steps:")[1] == before.split("steps:")[1]
    # The touched item was validated: the new material has no legal basis.
    assert result.report is not None
    assert ("M001", "/materials/1") in {(d.rule, d.pointer) for d in result.report.diagnostics}
    placed = {d.cell for d in result.in_cells() if d.rule == "M001"}
    assert placed == {"事项清单!Z4"}


# -- 2. merged cells over several rows, formulas, dates, bad values ---------------------------

HEADERS_2 = [
    "基本编码", "事项名称", "事项类型", "区划代码", "设定依据", "实施主体", "实施主体编码", "实施主体性质",
    "受理条件", "法定办结时限", "承诺办结时限", "办件类型", "到办事现场次数", "是否网办", "服务对象",
    "办理地点", "办理时间", "咨询电话", "监督投诉电话", "审批结果名称", "审批结果类型", "是否收费",
    "事项状态", "申请材料", "备注",
]  # fmt: skip


def sheet_two(path: Path) -> Path:
    food = [
        "000101001000", "食品经营许可", "行政许可", "370811",
        "《中华人民共和国食品安全法》第三十五条第一款", "济宁市任城区行政审批服务局",
        "11370811MB2822030B", "法定机关", "具有与经营的食品品种、数量相适应的食品经营场所",
        "=10+10", "=2+3", "承诺件", 0, "是", "企业法人", "济宁市政务服务中心", "工作日 9:00-17:00",
        "0537-2967000", "12345", "食品经营许可证", "证照", "否", "在用", "食品经营许可申请书", "无",
    ]  # fmt: skip
    penalty = [
        "000201001000", "对未取得食品经营许可从事食品经营活动的行政处罚", "行政处罚", "370811",
        "《中华人民共和国食品安全法》第一百二十二条第一款", "济宁市任城区市场监督管理局",
        "11370811MB2822030B", "法定机关", None, dt.datetime(2024, 5, 20), "=1+1", "承诺", 0, "否",
        "企业法人", "济宁市政务服务中心", "工作日 9:00-17:00", "0537-2967000", "12345",
        "行政处罚决定书", "文书", "否", "在用", None, None,
    ]  # fmt: skip
    rows = [
        HEADERS_2,
        food,
        [None] * 23 + ["①法定代表人身份证明②营业执照"],
        [None] * 23 + ["场所使用证明（容缺后补）"],
        penalty,
    ]
    merged = [f"{col}2:{col}4" for col in "ABCDEFGHIJKLMNOPQRSTUVW"]
    path = build(
        path,
        {"Sheet1": rows},
        merges={"Sheet1": merged},
        number_formats={"Sheet1": {"J5": "yyyy-mm-dd"}},
    )
    cache_formula_values(
        path, 1, {"J2": "20", "K2": "5"}
    )  # as Excel saves them; K5 was never computed
    return path


def test_merged_rows_formulas_and_bad_cells(catalog: Path, tmp_path: Path) -> None:
    result = import_file(sheet_two(tmp_path / "dept.xlsx"), region="370811", root=catalog)
    assert found(result) == [
        ("S002", "Sheet1!Y1", "warning"),  # 备注: not imported
        ("S001", "Sheet1!X3", "warning"),  # materials as text: details defaulted
        ("S003", "Sheet1!J5", "error"),  # a date where days belong
        ("S003", "Sheet1!K5", "error"),  # formula without a cached value
        ("S004", "Sheet1!L5", "error"),  # 承诺 is not 即办件/承诺件
    ]
    problems = {d.cell: d for d in result.problems}
    assert problems["Sheet1!K5"].message.zh == "公式 =1+1 没有计算结果(文件保存时未缓存公式的值)"
    assert problems["Sheet1!L5"].message.zh == "“办件类型”的值“承诺”不在允许范围内"
    assert problems["Sheet1!L5"].hint is not None
    assert problems["Sheet1!L5"].hint.zh.startswith("可选值:即办件、承诺件")
    assert problems["Sheet1!J5"].message.zh == "“法定办结时限”应为整数,但单元格是日期 2024-05-20"
    outcomes = {p.code: p.outcome for p in result.planned}
    assert outcomes == {"000101001000": Outcome.CHANGED, "000201001000": Outcome.REJECTED}
    data = load(catalog, FOOD)
    assert data["time_limit"] == {"legal_days": 20, "promised_days": 5, "unit": "工作日"}
    names = [m["name"] for m in data["materials"]]  # type: ignore[union-attr]
    # The merged rows are one item; each row's materials add up (①②, and 容缺后补).
    assert names == ["食品经营许可申请书", "法定代表人身份证明", "营业执照", "场所使用证明"]
    assert data["materials"][3]["required"] == "容缺后补"  # type: ignore[index]
    assert parse_item((catalog / PENALTY).read_bytes(), "370811").item is not None


# -- 3. CSV from Chinese Excel (GB18030), and with a UTF-8 BOM -------------------------------


CSV_ROWS = [
    "基本编码,事项名称,事项类型,区划代码,申请材料,办件类型,承诺办结时限",
    '101001000,食品经营许可,行政许可,370811,"食品经营许可申请书；授权委托书（非必要）",承诺件,4',
    "201001000,对未取得食品经营许可从事食品经营活动的行政处罚,行政处罚,370800,,,",
]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_every_encoding_excel_writes(catalog: Path, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "清单.csv"
    path.write_bytes(("\r\n".join(CSV_ROWS) + "\r\n").encode(encoding))
    result = import_file(path, region="370811", root=catalog)
    assert found(result) == [
        ("S001", "清单!E2", "warning"),  # 授权委托书: details defaulted
        ("C004", "清单!D3", "error"),  # 370800 is above 370811, not in it
    ]
    assert result.problems[1].message.zh == "区划代码 370800 不是 370811 或其下级区划,本行未导入"
    data = load(catalog, FOOD)
    assert data["time_limit"] == {"legal_days": 20, "promised_days": 4, "unit": "工作日"}
    materials = data["materials"]
    assert [m["name"] for m in materials] == ["食品经营许可申请书", "授权委托书"]  # type: ignore[union-attr]
    assert materials[1]["required"] is False  # type: ignore[index]


# -- 4. more errors, each at its cell --------------------------------------------------------


def test_duplicates_unknown_codes_and_missing_values(catalog: Path, tmp_path: Path) -> None:
    (catalog / FOOD).unlink()
    path = build(
        tmp_path / "dept.xlsx",
        {
            "事项": [
                ["基本编码", "事项名称", "事项类型", "是否收费", "实施主体"],
                ["000101001000", "食品经营许可", "行政许可", "是", None],
                [
                    "000201001000",
                    "对未取得食品经营许可从事食品经营活动的行政处罚",
                    "行政处罚",
                    None,
                    None,
                ],
                ["000201001000", "另一个名称", "行政处罚", None, None],
                [None, "没有编码的事项", "行政许可", None, None],
            ],
            "申请材料": [
                ["基本编码", "材料名称", "必要性"],
                ["000999001000", "申请书", "必要"],
                ["000101001000", None, "必要"],
            ],
        },
    )
    result = import_file(path, region="370811", root=catalog, validate=False)
    assert found(result) == [
        ("S001", "事项!D2", "error"),  # 是否收费 是, but no fee listed
        ("C003", "事项!A4", "error"),  # same code as row 3, another name
        ("S001", "事项!A5", "error"),  # no code
        ("C001", "申请材料!A2", "error"),  # code neither in the sheet nor in the catalog
        ("S001", "申请材料!B3", "error"),  # a material without a name
    ]
    assert result.problems[1].message.zh == (
        "基本编码 000201001000 在 事项!A3 已出现,两行的“事项名称”不同;该事项未导入"
    )
    assert {p.code: p.outcome for p in result.planned} == {
        "000101001000": Outcome.REJECTED,
        "000201001000": Outcome.REJECTED,
    }
    # Rows with no item to name (事项!A5, 申请材料!A2) are counted in the summary.
    assert result.unplaced == 2
    assert [(t.zh, n) for t, n in summary_rows(result)][-2:] == [("拒绝", 2), ("未导入的行", 2)]
    assert not (catalog / FOOD).exists()


def test_a_new_item_missing_required_values_is_rejected_at_their_cells(
    catalog: Path, tmp_path: Path
) -> None:
    (catalog / FOOD).unlink()
    path = build(
        tmp_path / "dept.xlsx",
        {
            "事项": [
                ["基本编码", "事项名称", "事项类型", "设定依据", "实施主体", "办件类型"],
                ["000101001000", "食品经营许可", "行政许可", "《中华人民共和国食品安全法》第三十五条第一款", None, "承诺件"],
            ]
        },
    )  # fmt: skip
    result = import_file(path, region="370811", root=catalog, validate=False)
    cells = {(d.rule, d.cell, d.pointer) for d in result.problems}
    assert ("S001", "事项!E2", "/agency") in cells  # the 实施主体 cell is empty
    message = next(d.message.zh for d in result.problems if d.cell == "事项!E2")
    assert message == "缺少必填项“实施主体”"
    # Columns the sheet lacks are reported at the row, naming the column to add.
    online = next(d for d in result.problems if d.pointer == "/online")
    assert (online.cell, online.message.zh) == ("事项!A2", "缺少必填项“网上办理”:表中没有这一列")
    assert [p.outcome for p in result.planned] == [Outcome.REJECTED]


# -- 5. section headings merged across the sheet between the items ---------------------------


def test_section_headings_across_the_sheet_are_not_rows(catalog: Path, tmp_path: Path) -> None:
    """Lists group items under headings (一、行政许可 …) merged across every column; a
    block of rows shares one 实施主体 merged down (and two columns wide)."""
    headers = ["基本编码", "事项名称", "事项类型", "实施主体", "实施主体编码"]
    penalty = "对未取得食品经营许可从事食品经营活动的行政处罚"
    agency = "济宁市任城区行政审批服务局"  # the food item's already; new for the penalty
    sheet = build(
        tmp_path / "dept.xlsx",
        {
            "事项": [
                headers,
                ["一、行政许可及行政处罚"],
                ["000101001000", "食品经营许可", "行政许可", agency],
                ["000201001000", penalty, "行政处罚"],
                ["二、其他"],
            ]
        },
        merges={"事项": ["A2:E2", "D3:E4", "A5:E5"]},
    )
    result = import_file(sheet, region="370811", root=catalog, dry_run=True, validate=False)
    assert found(result) == []
    assert [(p.code, p.outcome) for p in result.planned] == [
        ("000101001000", Outcome.UNCHANGED),
        ("000201001000", Outcome.CHANGED),
    ]
    # D3:E4 gives row 4 the 实施主体 of D3; 实施主体编码 (E) is not filled from it.
    changed = parse_item((result.planned[1].text or "").encode(), "370811").item
    assert changed is not None and changed.agency is not None
    assert (changed.agency.name, changed.agency.credit_code) == (agency, "11370811004355000F")


def test_a_list_cell_ending_in_a_blank_line_is_one_entry_and_says_so(
    catalog: Path, tmp_path: Path
) -> None:
    """The export's mark for one condition of several lines; typed by accident after
    conditions one per line, the note at the cell says how to read them as several."""
    sheet = build(
        tmp_path / "dept.xlsx",
        {
            "事项": [
                ["基本编码", "事项名称", "受理条件"],
                ["000101001000", "食品经营许可", "有经营场所\n有管理制度\n\n"],
                ["000201001000", "对未取得食品经营许可从事食品经营活动的行政处罚", "甲\n乙"],
            ]
        },
    )
    result = import_file(sheet, region="370811", root=catalog, dry_run=True, validate=False)
    assert [(d.rule, d.cell, d.severity.value) for d in result.problems] == [
        ("S003", "事项!C2", "info")
    ]
    assert result.problems[0].message.zh == "“受理条件”按一项(含换行)读取:单元格末尾有空行"
    conditions = [
        parse_item((p.text or "").encode(), "370811").item.conditions  # type: ignore[union-attr]
        for p in result.planned
    ]
    assert conditions == [["有经营场所\n有管理制度"], ["甲", "乙"]]
