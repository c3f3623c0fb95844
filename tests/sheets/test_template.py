"""``catalog export template``: what departments are given to fill in."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from catalog_tool.sheets.columns import SHEETS, Kind
from catalog_tool.sheets.importing import import_file
from catalog_tool.sheets.plan import Outcome
from catalog_tool.sheets.template import write_template
from tests.sheets.books import SAMPLE, copy_catalog


def _validations(sheet: object) -> dict[str, str]:
    found: dict[str, str] = {}
    for validation in sheet.data_validations.dataValidation:  # type: ignore[attr-defined]
        for ref in str(validation.sqref).split():
            found[ref.split(":")[0].rstrip("0123456789")] = validation.formula1
    return found


def test_every_header_is_explained_and_vocabularies_have_dropdowns(tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    write_template(out)
    book = load_workbook(out)
    assert book.sheetnames == ["事项", "申请材料", "办理流程", "收费项目", "填写说明"]
    for spec in SHEETS:
        sheet = book[spec.name]
        assert sheet.freeze_panes == "A2"
        dropdowns = _validations(sheet)
        for index, column in enumerate(spec.written, start=1):
            header = sheet.cell(row=1, column=index)
            assert header.value == column.header
            assert header.comment is not None and header.comment.text.startswith(column.header)
            assert sheet.column_dimensions[header.column_letter].width == column.width
            if column.kind is Kind.CODE:
                assert sheet.column_dimensions[header.column_letter].number_format == "@"
            if column.choices and column.kind is not Kind.ENUM_LIST:
                assert dropdowns[header.column_letter] == '"' + ",".join(column.choices) + '"'
    items, materials = book["事项"], book["申请材料"]
    assert (
        _validations(items)["C"]
        == '"行政许可,行政处罚,行政强制,行政征收,行政给付,行政检查,行政确认,行政奖励,行政裁决,其他行政权力,公共服务"'
    )
    assert _validations(items)["N"] == '"即办件,承诺件"'  # 办件类型
    assert _validations(materials)["F"] == '"原件,复印件,原件或复印件"'  # 材料类型 (form)
    assert _validations(materials)["H"] == '"纸质,电子,纸质和电子"'  # 材料形式 (media)
    assert _validations(materials)["I"] == '"申请人自备,政府部门核发,其他"'  # 来源渠道
    assert _validations(items)["Q"] == '"是,否"'  # 是否网办
    assert "食品安全法" not in items["E1"].comment.text
    assert "按国家、省、市的顺序列出" in items["E1"].comment.text  # the model's description


def test_the_template_is_byte_identical_each_time(tmp_path: Path) -> None:
    write_template(tmp_path / "a.xlsx")
    write_template(tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_a_region_template_lists_the_upstream_items(tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    assert write_template(out, root=SAMPLE, region="370826") == 11
    rows = list(load_workbook(out)["事项"].iter_rows(min_row=2, max_row=3, values_only=True))
    assert rows[0][:5] == (
        "000101001000",
        "食品经营许可",
        "行政许可",
        "370826",
        "《中华人民共和国食品安全法》第三十五条第一款",
    )


def test_the_empty_template_imports_nothing_and_complains_about_nothing(tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    write_template(out)
    root = copy_catalog(SAMPLE, tmp_path / "catalog")
    result = import_file(out, region="370811", root=root, validate=False)
    assert result.planned == ()
    assert result.problems == ()
    assert result.count(Outcome.NEW) == 0


def test_dropdowns_reach_every_row_and_comments_speak_the_sheets_words(tmp_path: Path) -> None:
    """A province's 申请材料 sheet runs to tens of thousands of rows; and a department
    writes 必要/非必要 and 是/否, never YAML's true/false."""
    out = tmp_path / "template.xlsx"
    write_template(out)
    book = load_workbook(out)
    materials, steps = book["申请材料"], book["办理流程"]
    ranges = {str(v.sqref) for v in materials.data_validations.dataValidation}
    assert "H2:H1048576" in ranges  # 材料形式
    comments = {
        c.value: c.comment.text for sheet in (materials, steps) for c in sheet[1] if c.comment
    }
    assert comments["必要性"] == (
        "必要性:必要、非必要,或“容缺后补”(可先受理、后补交)。\n可选值:必要、非必要、容缺后补"
    )
    assert comments["计入法定时限"].startswith("计入法定时限:是或否。“否”表示不计时环节")
    assert not [h for h, text in comments.items() if "true" in text or "false" in text]
