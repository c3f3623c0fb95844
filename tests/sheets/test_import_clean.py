"""The template, filled in as intended: new files in canonical form, updates in place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from catalog_tool.catalog.read import parse_item
from catalog_tool.sheets.importing import import_file
from catalog_tool.sheets.plan import Outcome
from catalog_tool.sheets.template import write_template
from tests.sheets.books import BASE, build, copy_catalog

FOOD = "370811/000101001000.yaml"
ITEM_ROW = {
    "基本编码": "000101001000",
    "事项名称": "食品经营许可",
    "事项类型": "行政许可",
    "区划代码": "370811",
    "设定依据": "《中华人民共和国食品安全法》第三十五条第一款",
    "实施编码": "11370811MB2822030B4000101001000",
    "实施主体": "济宁市任城区行政审批服务局",
    "实施主体编码": "11370811MB2822030B",
    "实施主体性质": "法定机关",
    "受理条件": "具有与经营的食品品种、数量相适应的食品经营场所",
    "法定办结时限": 20,
    "承诺办结时限": 5,
    "时限单位": "工作日",
    "办件类型": "承诺件",
    "到办事现场次数": 0,
    "是否网办": "是",
    "网上办理深度": 4,
    "网上办理地址": "https://www.shandong.gov.cn/",
    "是否支持物流快递": "是",
    "服务对象": "企业法人",
    "办理地点": "济宁市政务服务中心",
    "办理时间": "工作日 9:00-17:00",
    "咨询电话": "0537-2967000",
    "监督投诉电话": "12345",
    "审批结果名称": "食品经营许可证",
    "审批结果类型": "证照",
    "是否收费": "否",
    "事项状态": "在用",
}
MATERIAL_ROW = {
    "基本编码": "000101001000",
    "材料名称": "食品经营许可申请书",
    "必要性": "必要",
    "材料类型": "原件",
    "份数": 1,
    "材料形式": "纸质和电子",
    "来源渠道": "申请人自备",
    "材料种类": "申请表",
    "要求提供材料的依据": "《中华人民共和国食品安全法》第三十五条第二款",
    "空白表格": "forms/食品经营许可申请书.docx",
    "示例样表": "forms/食品经营许可申请书-示例.pdf",
}
STEPS = [("受理", 1, None), ("审查", 2, None), ("现场核查", 3, "否"), ("决定", 1, None)]

EXPECTED = """\
# yaml-language-server: $schema=../../schemas/item.schema.json
code: "000101001000"
name: 食品经营许可
type: 行政许可
region: "370811"
basis:
  - 《中华人民共和国食品安全法》第三十五条第一款
impl_code: "11370811MB2822030B4000101001000"
agency:
  name: 济宁市任城区行政审批服务局
  credit_code: "11370811MB2822030B"
  nature: 法定机关
conditions:
  - 具有与经营的食品品种、数量相适应的食品经营场所
materials:
  - name: 食品经营许可申请书
    required: true
    form: 原件
    copies: 1
    media: 纸质和电子
    source: 申请人自备
    kind: 申请表
    basis:
      - 《中华人民共和国食品安全法》第三十五条第二款
    blank_form: forms/食品经营许可申请书.docx
    sample: forms/食品经营许可申请书-示例.pdf
steps:
  - name: 受理
    days: 1
  - name: 审查
    days: 2
  - name: 现场核查
    days: 3
    counted: false
  - name: 决定
    days: 1
time_limit: {legal_days: 20, promised_days: 5, unit: 工作日}
handling: 承诺件
fees: []
visits: 0
online: {available: true, depth: 4, url: "https://www.shandong.gov.cn/"}
delivery: true
service_objects:
  - 企业法人
venue:
  address: 济宁市政务服务中心
  hours: 工作日 9:00-17:00
  phone: "0537-2967000"
  complaint_phone: "12345"
result: {name: 食品经营许可证, kind: 证照}
status: 在用
"""


def filled_template(path: Path) -> Path:
    """The template as a department returns it."""
    write_template(path)
    book = load_workbook(path)
    for name, rows in (
        ("事项", [ITEM_ROW]),
        ("申请材料", [MATERIAL_ROW]),
        (
            "办理流程",
            [
                {"基本编码": "000101001000", "环节名称": n, "环节时限": d, "计入法定时限": c}
                for n, d, c in STEPS
            ],
        ),
    ):
        sheet = book[name]
        headers = [c.value for c in sheet[1]]
        for number, row in enumerate(rows, start=2):
            for header, value in row.items():
                if value is not None:
                    sheet.cell(row=number, column=headers.index(header) + 1, value=value)
    book.save(path)
    return path


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return copy_catalog(BASE, tmp_path / "catalog")


def test_a_filled_template_creates_a_canonical_item_file(catalog: Path, tmp_path: Path) -> None:
    original = parse_item((catalog / FOOD).read_bytes(), "370811").item
    (catalog / FOOD).unlink()
    result = import_file(filled_template(tmp_path / "dept.xlsx"), region="370811", root=catalog)
    assert result.problems == ()
    assert [(p.code, p.outcome) for p in result.planned] == [("000101001000", Outcome.NEW)]
    assert (catalog / FOOD).read_text(encoding="utf-8") == EXPECTED
    assert parse_item((catalog / FOOD).read_bytes(), "370811").item == original
    assert result.report is not None and result.report.diagnostics == ()


def test_an_update_keeps_comments_order_and_fields_the_sheet_does_not_carry(
    catalog: Path, tmp_path: Path
) -> None:
    path = catalog / FOOD
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "handling: 承诺件\n", "# 2024 年评审后改为承诺件\nhandling: 承诺件  # 见会议纪要\n"
    )
    text += 'synced_from: {region: "370800", hash: "0123456789abcdef"}\n'
    path.write_text(text, encoding="utf-8")
    sheet = build(
        tmp_path / "dept.xlsx",
        {
            "事项": [
                ["基本编码", "事项名称", "承诺办结时限", "办理地点"],
                ["000101001000", "食品经营许可", 3, None],
            ]
        },
    )
    result = import_file(sheet, region="370811", root=catalog)
    assert [p.outcome for p in result.planned] == [Outcome.CHANGED]
    after = path.read_text(encoding="utf-8")
    assert after == text.replace("promised_days: 5", "promised_days: 3")


def test_a_materials_sheet_alone_updates_the_items_materials(catalog: Path, tmp_path: Path) -> None:
    sheet = build(
        tmp_path / "dept.xlsx",
        {
            "申请材料": [
                [
                    "基本编码",
                    "序号",
                    "材料名称",
                    "必要性",
                    "材料类型",
                    "份数",
                    "材料形式",
                    "来源渠道",
                ],
                [101001000, 2, "食品经营许可申请书", None, None, 2, None, None],
                [101001000, 1, "授权委托书", "非必要", "原件", 1, "纸质", "申请人自备"],
            ]
        },
    )
    result = import_file(sheet, region="370811", root=catalog, validate=False)
    assert result.problems == ()
    assert [p.outcome for p in result.planned] == [Outcome.CHANGED]
    item = parse_item((catalog / FOOD).read_bytes(), "370811").item
    assert item is not None and item.materials is not None
    assert [(m.name, m.copies, m.required) for m in item.materials] == [
        ("授权委托书", 1, False),
        ("食品经营许可申请书", 2, True),  # empty cells kept the file's values
    ]
    assert item.materials[1].blank_form == "forms/食品经营许可申请书.docx"


def test_a_new_material_without_its_required_columns_is_rejected(
    catalog: Path, tmp_path: Path
) -> None:
    sheet = build(
        tmp_path / "dept.xlsx",
        {
            "申请材料": [
                ["基本编码", "材料名称", "必要性", "份数"],
                ["000101001000", "授权委托书", "非必要", 1],
            ]
        },
    )
    result = import_file(sheet, region="370811", root=catalog, validate=False)
    assert [(d.rule, d.cell, d.message.zh) for d in result.problems] == [
        ("S001", "申请材料!B2", "缺少必填项“材料类型”:表中没有这一列"),
        ("S001", "申请材料!B2", "缺少必填项“材料形式”:表中没有这一列"),
        ("S001", "申请材料!B2", "缺少必填项“来源渠道”:表中没有这一列"),
    ]
    assert result.problems[0].hint is not None
    assert result.problems[0].hint.zh.startswith("在“申请材料”表增加“材料类型”列并填写")
    assert [p.outcome for p in result.planned] == [Outcome.REJECTED]


def test_an_item_in_a_misnamed_file_is_updated_where_it_is(catalog: Path, tmp_path: Path) -> None:
    """No second file under the item's code: the misnamed one is found by its code line."""
    misnamed = catalog / "370811" / "食品经营许可.yaml"
    (catalog / FOOD).rename(misnamed)
    text = misnamed.read_text(encoding="utf-8")
    sheet = build(
        tmp_path / "dept.xlsx",
        {"事项": [["基本编码", "事项名称", "承诺办结时限"], ["000101001000", "食品经营许可", 3]]},
    )
    result = import_file(sheet, region="370811", root=catalog)
    assert [(p.outcome, p.path) for p in result.planned] == [(Outcome.CHANGED, misnamed)]
    assert not (catalog / FOOD).exists()
    assert misnamed.read_text(encoding="utf-8") == text.replace(
        "promised_days: 5", "promised_days: 3"
    )


@pytest.mark.parametrize("padding", [0, 1000, 1003, 1007, 5000])
def test_a_misnamed_file_is_found_wherever_its_code_line_is(
    catalog: Path, tmp_path: Path, padding: int
) -> None:
    """The code line is looked for in the file's head first: one that starts after it, or
    runs up to or across its end (padding 1003 and 1007), is found all the same."""
    misnamed = catalog / "370811" / "食品经营许可.yaml"
    text = (catalog / FOOD).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    code_line = next(line for line in lines if line.startswith("code:"))
    lines.remove(code_line)
    misnamed.write_text("#" * padding + "\n" + code_line + "".join(lines), encoding="utf-8")
    (catalog / FOOD).unlink()
    sheet = build(
        tmp_path / "dept.xlsx",
        {"事项": [["基本编码", "事项名称", "承诺办结时限"], ["000101001000", "食品经营许可", 3]]},
    )
    result = import_file(sheet, region="370811", root=catalog, dry_run=True)
    assert [(p.outcome, p.path) for p in result.planned] == [(Outcome.CHANGED, misnamed)]


def test_a_code_held_by_two_misnamed_files_gets_its_own_file(catalog: Path, tmp_path: Path) -> None:
    """Which of two files is meant cannot be told: the item goes to its proper name."""
    (catalog / FOOD).rename(catalog / "370811" / "a.yaml")
    shutil.copy(catalog / "370811" / "a.yaml", catalog / "370811" / "b.yaml")
    sheet = build(
        tmp_path / "dept.xlsx",
        {"事项": [["基本编码", "事项名称", "承诺办结时限"], ["000101001000", "食品经营许可", 3]]},
    )
    before = (catalog / "370811" / "a.yaml").read_bytes()
    result = import_file(sheet, region="370811", root=catalog, validate=False)
    # A new item needs every required column, which this sheet lacks: rejected, at its name.
    assert [(p.outcome, p.path) for p in result.planned] == [(Outcome.REJECTED, catalog / FOOD)]
    assert (catalog / "370811" / "a.yaml").read_bytes() == before
    assert (catalog / "370811" / "b.yaml").read_bytes() == before


def test_the_sync_columns_carry_synced_from_and_an_empty_pair_keeps_it(
    catalog: Path, tmp_path: Path
) -> None:
    synced = 'synced_from: {region: "370800", hash: "0123456789abcdef"}\n'
    food, other = catalog / FOOD, catalog / "370811" / "000201001000.yaml"
    food_text, other_text = food.read_text("utf-8") + synced, other.read_text("utf-8") + synced
    food.write_text(food_text, "utf-8")
    other.write_text(other_text, "utf-8")
    name = parse_item(other.read_bytes(), "370811").item.name  # type: ignore[union-attr]
    sheet = build(
        tmp_path / "dept.xlsx",
        {
            "事项": [
                ["基本编码", "事项名称", "同步来源区划", "同步版本"],
                ["000101001000", "食品经营许可", 370800, "fedcba9876543210"],  # a number
                ["000201001000", name, None, None],
            ]
        },
    )
    result = import_file(sheet, region="370811", root=catalog, validate=False)
    assert result.problems == ()
    assert [p.outcome for p in result.planned] == [Outcome.CHANGED, Outcome.UNCHANGED]
    assert food.read_text("utf-8") == food_text.replace("0123456789abcdef", "fedcba9876543210")
    assert other.read_text("utf-8") == other_text


def test_a_sync_version_without_its_region_is_rejected_at_its_cell(
    catalog: Path, tmp_path: Path
) -> None:
    sheet = build(
        tmp_path / "dept.xlsx",
        {
            "事项": [
                ["基本编码", "事项名称", "同步来源区划", "同步版本"],
                ["000101001000", "食品经营许可", None, "FEDCBA9876543210"],
            ]
        },
    )
    result = import_file(sheet, region="370811", root=catalog, validate=False)
    assert [p.outcome for p in result.planned] == [Outcome.REJECTED]
    assert [(d.rule, d.cell) for d in result.problems] == [
        ("S001", "事项!C2"),
        ("S003", "事项!D2"),
    ]


def test_a_failure_while_writing_leaves_every_file_as_it_was(
    catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All or nothing: the files are staged, then renamed over their targets together."""
    from catalog_tool.io import atomic
    from tests.sheets.books import item_files

    sheet = build(
        tmp_path / "dept.xlsx",
        {
            "事项": [
                ["基本编码", "事项名称", "承诺办结时限"],
                ["000101001000", "食品经营许可", 3],
                ["000201001000", "对未取得食品经营许可从事食品经营活动的行政处罚", 9],
            ]
        },
    )
    before = item_files(catalog)
    staged: list[Path] = []
    original = atomic.AtomicBatch.write_bytes

    def full_disk(self: atomic.AtomicBatch, path: Path, data: bytes) -> None:
        if staged:
            raise OSError(28, "No space left on device")
        staged.append(path)
        original(self, path, data)

    monkeypatch.setattr(atomic.AtomicBatch, "write_bytes", full_disk)
    with pytest.raises(OSError, match="No space left"):
        import_file(sheet, region="370811", root=catalog, validate=False)
    assert staged == [catalog / FOOD]  # the first was staged, then the disk was full
    assert item_files(catalog) == before
    assert not list(catalog.rglob("*.tmp"))  # no temp file left behind


def test_a_departments_upper_region_column_is_not_taken_for_the_sync_region(
    catalog: Path, tmp_path: Path
) -> None:
    """上级区划 in a department's sheet names the parent region, not a merge base."""
    sheet = build(
        tmp_path / "dept.xlsx",
        {
            "事项": [
                ["基本编码", "事项名称", "上级区划"],
                ["000101001000", "食品经营许可", "370800"],
            ]
        },
    )
    result = import_file(sheet, region="370811", root=catalog, validate=False)
    assert [(d.rule, d.cell) for d in result.problems] == [("S002", "事项!C1")]
    assert [p.outcome for p in result.planned] == [Outcome.UNCHANGED]
