"""The three commands through the real CLI: output, formats, exit codes, annotation."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import load_workbook

from tests.conftest import Result
from tests.sheets.books import BASE, SAMPLE, build, copy_catalog, item_files

Run = Callable[..., Result]
FOOD = "370811/000101001000.yaml"


def _bad_sheet(path: Path) -> Path:
    return build(
        path,
        {
            "事项": [
                ["事项名称", "基本编码", "办件类型", "法定办结时限"],
                ["食品经营许可", "000101001000", "承诺", 20],
                ["食品经营许可", 101001000.0, "承诺件", "二十天"],
            ]
        },
    )


def test_dry_run_prints_the_summary_table_and_writes_nothing(run_cli: Run, tmp_path: Path) -> None:
    catalog = copy_catalog(SAMPLE, tmp_path / "catalog")
    workbook = tmp_path / "list.xlsx"
    assert (
        run_cli(
            "export", "xlsx", "--catalog", str(catalog), "--region", "370811", "-o", str(workbook)
        ).code
        == 0
    )
    (catalog / FOOD).unlink()
    before = item_files(catalog)
    result = run_cli(
        "import", str(workbook), "--region", "370811", "--catalog", str(catalog), "--dry-run"
    )
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("试运行(未写入任何文件): ")
    assert [line.split() for line in lines[1:5]] == [
        ["新增", "1"],
        ["修改", "0"],
        ["未变", "6"],
        ["拒绝", "0"],
    ]
    assert lines[5].strip().endswith("370811/000101001000.yaml") and "新增" in lines[5]
    assert item_files(catalog) == before


def test_problems_render_with_sheet_and_cell_and_exit_1(run_cli: Run, tmp_path: Path) -> None:
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = _bad_sheet(tmp_path / "dept.xlsx")
    result = run_cli("import", str(source), "--region", "370811", "--catalog", str(catalog))
    assert result.code == 1
    first = result.out.splitlines()[0]
    assert first.endswith("dept.xlsx:事项!C2: 错误 S004 “办件类型”的值“承诺”不在允许范围内")
    assert "事项!D3: 错误 S003 “法定办结时限”应为整数,不是“二十天”" in result.out


def test_json_report_carries_sheet_and_cell(run_cli: Run, tmp_path: Path) -> None:
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = _bad_sheet(tmp_path / "dept.xlsx")
    result = run_cli(
        "import",
        str(source),
        "--region",
        "370811",
        "--catalog",
        str(catalog),
        "-f",
        "json",
        "--lang",
        "en",
    )
    assert result.code == 1
    report = json.loads(result.out)
    assert [(d["rule"], d["sheet"], d["cell"]) for d in report["diagnostics"]] == [
        ("S004", "事项", "事项!C2"),
        ("S003", "事项", "事项!D3"),
    ]
    assert report["diagnostics"][0]["message"] == "'办件类型': “承诺” is not an allowed value"
    assert "rejected" in result.err  # the table goes to stderr next to machine output


def test_annotate_marks_the_bad_cells_with_comments(run_cli: Run, tmp_path: Path) -> None:
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = _bad_sheet(tmp_path / "dept.xlsx")
    out = tmp_path / "dept-问题.xlsx"
    result = run_cli(
        "import",
        str(source),
        "--region",
        "370811",
        "--catalog",
        str(catalog),
        "--annotate",
        str(out),
    )
    assert result.code == 1
    assert "标出了 2 个单元格" in result.out
    book = load_workbook(out)
    assert book.sheetnames == ["导入问题", "事项"]
    sheet = book["事项"]
    for ref in ("C2", "D3"):
        assert sheet[ref].fill.fgColor.rgb == "FFFFC7CE"
        assert sheet[ref].comment is not None
    assert sheet["C2"].comment.text == (
        "错误 S004:“办件类型”的值“承诺”不在允许范围内\n修改建议:可选值:即办件、承诺件(模板中可从下拉列表选择)。"
    )
    assert sheet["A2"].comment is None and sheet["A2"].fill.fgColor.rgb != "FFFFC7CE"
    listing = [list(r) for r in book["导入问题"].iter_rows(values_only=True)]
    assert listing[0] == ["位置", "规则", "级别", "问题", "修改建议"]
    assert [r[:3] for r in listing[1:]] == [
        ["事项!C2", "S004", "错误"],
        ["事项!D3", "S003", "错误"],
    ]
    assert book["导入问题"]["A2"].hyperlink.location == "'事项'!C2"  # a link to the cell


def test_annotating_a_csv_gives_a_workbook_of_its_text(run_cli: Run, tmp_path: Path) -> None:
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = tmp_path / "dept.csv"
    source.write_text("基本编码,事项名称,办件类型\n=1+1,食品经营许可,承诺件\n", encoding="utf-8")
    out = tmp_path / "annotated.xlsx"
    result = run_cli(
        "import",
        str(source),
        "--region",
        "370811",
        "--catalog",
        str(catalog),
        "--annotate",
        str(out),
    )
    assert result.code == 1
    sheet = load_workbook(out)["dept"]
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"
    assert sheet["A2"].comment is not None
    assert "C001" in sheet["A2"].comment.text


def test_export_and_template_commands(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "list.xlsx"
    result = run_cli(
        "export",
        "xlsx",
        "--catalog",
        str(SAMPLE),
        "--region",
        "370800",
        "--level",
        "county",
        "-o",
        str(out),
    )
    assert result.code == 0
    assert (
        result.out.strip() == f"已导出 13 个事项(35 项申请材料,68 个办理环节,0 个收费项目)到 {out}"
    )
    template = tmp_path / "template.xlsx"
    result = run_cli("export", "template", "-o", str(template), "--lang", "en")
    assert result.code == 0
    assert result.out.strip() == f"wrote the import template {template}"
    assert (
        run_cli("export", "xlsx", "--catalog", str(SAMPLE), "--level", "乡级", "-o", str(out)).code
        == 2
    )


def test_export_exits_1_when_items_were_left_out(run_cli: Run, tmp_path: Path) -> None:
    catalog = copy_catalog(SAMPLE, tmp_path / "catalog")
    path = catalog / FOOD
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: 在用", "status: 停用"), "utf-8"
    )
    result = run_cli("export", "xlsx", "--catalog", str(catalog), "-o", str(tmp_path / "x.xlsx"))
    assert result.code == 1
    assert "有 1 个事项文件不是有效事项,未导出" in result.err
    assert "S004" in result.err


def test_every_command_has_help_with_examples(run_cli: Run) -> None:
    for args in (("import",), ("export", "xlsx"), ("export", "template")):
        result = run_cli(*args, "--help")
        assert result.code == 0
        assert "Examples:" in result.out


def test_findings_of_the_imported_items_are_reported_at_their_cells(
    run_cli: Run, tmp_path: Path
) -> None:
    """A department fixes what the report names: the cell. The item file's place comes
    along for the catalog office, as the first related location."""
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = build(
        tmp_path / "dept.xlsx",
        {
            "事项": [
                ["基本编码", "事项名称", "咨询电话"],
                ["000101001000", "食品经营许可", 5372216800],  # the phone lost its leading 0
            ]
        },
    )
    args = ["import", str(source), "--region", "370811", "--catalog", str(catalog)]
    report = json.loads(run_cli(*args, "-f", "json").out)
    [finding] = [d for d in report["diagnostics"] if d["rule"] == "G002"]
    assert finding["message"] == '咨询电话"5372216800"缺少开头的 0,应为 05372216800'
    assert (finding["file"], finding["sheet"], finding["cell"]) == (
        str(source),
        "事项",
        "事项!C2",
    )
    [in_file] = finding["related"]
    assert (in_file["file"], in_file["pointer"]) == (f"{catalog}/{FOOD}", "/venue/phone")
    line = (catalog / FOOD).read_text(encoding="utf-8").splitlines()[in_file["line"] - 1]
    assert 'phone: "5372216800"' in line


def test_line_based_formats_name_the_sheet_and_cell(run_cli: Run, tmp_path: Path) -> None:
    """GitHub annotations, SARIF and JUnit place a problem by line and column: two problems
    at C2 of two sheets would look alike without the cell's name."""
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = _bad_sheet(tmp_path / "dept.xlsx")
    args = ["import", str(source), "--region", "370811", "--catalog", str(catalog), "--lang", "en"]

    github = run_cli(*args, "-f", "github").out.splitlines()
    assert github[0].startswith(
        f"::error file={source},line=2,col=3,title=S004::事项!C2: '办件类型'"
    )

    sarif = json.loads(run_cli(*args, "-f", "sarif").out)["runs"][0]["results"]
    assert sarif[0]["message"]["text"].startswith("事项!C2: '办件类型'")
    [location] = sarif[0]["locations"]
    assert location["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 3}
    assert location["logicalLocations"] == [{"name": "事项!C2", "kind": "element"}]

    junit = run_cli(*args, "-f", "junit").out
    assert f"{source}:事项!C2: error S004 '办件类型'" in junit
    assert f"{source}:事项!D3: error S003" in junit
    suites = ElementTree.fromstring(junit)
    assert suites.get("name") == suites[0].get("name") == "catalog import"


def test_annotate_never_overwrites_the_departments_workbook(run_cli: Run, tmp_path: Path) -> None:
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = _bad_sheet(tmp_path / "dept.xlsx")
    original, before = source.read_bytes(), item_files(catalog)
    (tmp_path / "sub").mkdir()
    for same in (str(source), str(tmp_path / "sub" / ".." / "dept.xlsx")):
        result = run_cli(
            "import", str(source), "--region", "370811", "--catalog", str(catalog),
            "--annotate", same,
        )  # fmt: skip
        assert result.code == 2
        assert "就是导入的工作簿本身,不能覆盖部门的原表" in result.err
        assert "Traceback" not in result.err
    assert source.read_bytes() == original
    assert item_files(catalog) == before  # refused before the import


def test_an_annotated_copy_that_cannot_be_written_is_a_clear_error(
    run_cli: Run, tmp_path: Path
) -> None:
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = _bad_sheet(tmp_path / "dept.xlsx")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli(
        "import", str(source), "--region", "370811", "--catalog", str(catalog),
        "--annotate", str(blocker / "out.xlsx"), "--lang", "en",
    )  # fmt: skip
    assert result.code == 2
    assert f"cannot write the annotated copy {blocker / 'out.xlsx'}" in result.err
    assert "internal error" not in result.err.lower() and "Traceback" not in result.err


def _strict(source: Path, target: Path) -> Path:
    """``source`` saved as Strict Open XML (Excel's "Strict Open XML Spreadsheet"): the
    same parts, under the ISO namespaces."""
    transitional = "http://schemas.openxmlformats.org/"
    with zipfile.ZipFile(source) as read, zipfile.ZipFile(target, "w") as write:
        for name in read.namelist():
            text = read.read(name).decode("utf-8")
            text = text.replace(
                f"{transitional}spreadsheetml/2006/main",
                "http://purl.oclc.org/ooxml/spreadsheetml/main",
            ).replace(
                f"{transitional}officeDocument/2006/relationships",
                "http://purl.oclc.org/ooxml/officeDocument/relationships",
            )
            write.writestr(name, text)
    return target


def test_a_workbook_the_copy_cannot_hold_whole_is_refused_not_copied_blank(
    run_cli: Run, tmp_path: Path
) -> None:
    """openpyxl finds no sheets in a Strict Open XML workbook. The import reads it, but
    an annotated copy would go back to the department without its data: refused, with
    how to save the workbook so that it can be annotated."""
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = _strict(_bad_sheet(tmp_path / "built.xlsx"), tmp_path / "dept.xlsx")
    before = item_files(catalog)
    result = run_cli(
        "import", str(source), "--region", "370811", "--catalog", str(catalog),
        "--dry-run", "--annotate", str(tmp_path / "out.xlsx"),
    )  # fmt: skip
    assert result.code == 2
    assert "dept.xlsx:事项!C2: 错误 S004" in result.out  # the import itself read the sheet
    assert (
        f"{source}:无法生成批注副本:无法完整读出工作表 “事项”(可能是 Strict Open XML 格式)"
        in result.err
    )
    assert "另存为 → Excel 工作簿(*.xlsx)" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out.xlsx").exists()
    assert item_files(catalog) == before


def test_a_problem_repeated_down_a_merged_range_is_marked_once_on_its_cell(
    run_cli: Run, tmp_path: Path
) -> None:
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = build(
        tmp_path / "dept.xlsx",
        {
            "事项": [
                ["事项名称", "基本编码", "承诺办结时限"],
                ["食品经营许可", "0001010010OO", 3],
                [None, None, 4],
                ["食品经营许可", "000101001000", "五天"],
            ]
        },
        merges={"事项": ["A2:A3", "B2:B3"]},
    )
    out = tmp_path / "back.xlsx"
    result = run_cli(
        "import", str(source), "--region", "370811", "--catalog", str(catalog),
        "--annotate", str(out),
    )  # fmt: skip
    assert result.code == 1
    # The bad code is found on rows 2 and 3 (the range covers both), and S003 at C4.
    assert "事项!B2:" in result.out and "事项!B3:" in result.out
    assert "标出了 2 个单元格" in result.out
    sheet = load_workbook(out)["事项"]
    assert sheet["B2"].comment.text.count("C001") == 1
    assert sheet["C4"].comment is not None


def test_a_finding_on_a_field_the_sheet_did_not_carry_stays_in_the_item_file(
    run_cli: Run, tmp_path: Path
) -> None:
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    food = catalog / FOOD
    food.write_text(
        food.read_text(encoding="utf-8").replace("phone: 0537-2967000", 'phone: "2967000"'),
        encoding="utf-8",
    )
    source = build(
        tmp_path / "dept.xlsx",
        {"事项": [["基本编码", "事项名称", "承诺办结时限"], ["000101001000", "食品经营许可", 3]]},
    )
    args = ["import", str(source), "--region", "370811", "--catalog", str(catalog), "-f", "json"]
    report = json.loads(run_cli(*args).out)
    [finding] = [d for d in report["diagnostics"] if d["rule"] == "G002"]
    assert finding["file"] == f"{catalog}/{FOOD}"
    assert "cell" not in finding and finding["pointer"] == "/venue/phone"
    line = food.read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
    assert 'phone: "2967000"' in line


def test_a_sheet_without_the_fee_column_names_the_template_column(
    run_cli: Run, tmp_path: Path
) -> None:
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    workbook = tmp_path / "list.xlsx"
    exported = run_cli(
        "export", "xlsx", "--catalog", str(catalog), "--region", "370811", "-o", str(workbook)
    )
    assert exported.code == 0
    book = load_workbook(workbook)
    items = book["事项"]
    headers = [cell.value for cell in items[1]]
    items.delete_cols(headers.index("是否收费") + 1)
    for name in book.sheetnames[1:]:
        del book[name]  # no 收费项目 sheet either
    book.save(workbook)
    (catalog / FOOD).unlink()  # a new item: nothing in a file gives its fees
    result = run_cli("import", str(workbook), "--region", "370811", "--catalog", str(catalog))
    assert result.code == 1
    assert result.out.splitlines()[:2] == [
        f"{workbook.as_posix()}:事项!A2: 错误 S001 缺少必填项“是否收费”:表中没有这一列",
        "    修改建议: 在“事项”表增加“是否收费”列并填写(可用 catalog export template 生成的模板)。",
    ]
    english = run_cli(
        "import", str(workbook), "--region", "370811", "--catalog", str(catalog), "--lang", "en"
    )
    assert english.out.splitlines()[:2] == [
        f"{workbook.as_posix()}:事项!A2: error S001 required value '是否收费' is missing: "
        "the sheet has no such column",
        "    hint: Add a '是否收费' column to the 事项 sheet and fill it in "
        "('catalog export template' writes the full template).",
    ]
