"""The diff formats: text grouped by region, versioned JSON valid against its schema,
Markdown for a pull request, and a formula-safe spreadsheet."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

from tests.conftest import REPO, Result
from tests.diff.gitrepo import edit

SCHEMA = json.loads((REPO / "schemas" / "diff.schema.json").read_text(encoding="utf-8"))


def test_json_is_versioned_and_valid_against_the_published_schema(
    pair: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    done = run_cli("diff", str(pair[0]), str(pair[1]), "-f", "json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert (data["version"], data["mode"]) == (1, "diff")
    assert data["counts"]["materials_by_item"] == [
        {
            "region": "370811",
            "code": "000101001000",
            "name": "食品经营许可",
            "before": 25,
            "after": 6,
        }
    ]
    removed = [i for i in data["items"] if i["kind"] == "removed"]
    assert [(i["region"], i["code"]) for i in removed] == [("370826", "000101004000")]


def test_drift_json_is_valid_against_the_same_schema(
    pair: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    done = run_cli("diff", "--upstream", "370800", str(pair[1]), "-f", "json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["mode"] == "upstream"
    assert [r["region"] for r in data["regions"]] == ["370800", "370811", "370826"]


def test_schema_publishes_the_field_ownership_table() -> None:
    ownership = SCHEMA["x-field-ownership"]
    assert ownership["name"]["owner"] == "upstream"
    assert ownership["time_limit.promised_days"]["owner"] == "local"
    assert ownership["steps"]["applies_to"] == "行政处罚、行政强制、行政检查"


def test_text_groups_changes_by_region(
    pair: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    done = run_cli("diff", str(pair[0]), str(pair[1]))
    assert done.code == 0
    lines = done.out.splitlines()
    assert lines[0].startswith("比较 ")
    heads = [line for line in lines if line.startswith("3708")]
    assert heads == ["370800 济宁市 市级", "370811 任城区 县级", "370826 微山县 县级"]
    assert "      ~ handling: 承诺件 → 即办件" in lines
    assert "  370811 000101001000 食品经营许可: 申请材料由25项减少至6项" in lines
    english = run_cli("diff", str(pair[0]), str(pair[1]), "--lang", "en")
    assert "  370811 000101001000 食品经营许可: materials cut from 25 to 6" in english.out


def test_markdown_for_a_pull_request_comment(
    pair: tuple[Path, Path], run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "comment.md"
    done = run_cli("diff", str(pair[0]), str(pair[1]), "-f", "markdown", "-o", str(out))
    assert done.code == 0 and done.out == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("### 目录变更: `")
    assert "| 类型 | 新增 | 删除 | 变更 |" in text
    assert "| 行政许可 | 0 | 1 | 2 |" in text
    assert "| 370811 | 000101001000 | 食品经营许可 | 申请材料由25项减少至6项 |" in text
    assert "<details><summary>370811 任城区 (1)</summary>" in text
    assert "- **删除** `000101004000` 药品零售企业经营许可" in text


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+86 0537", "-1", "@SUM(A1)"])
def test_spreadsheet_never_holds_a_formula(
    pair: tuple[Path, Path], run_cli: Callable[..., Result], tmp_path: Path, value: str
) -> None:
    target = pair[1] / "370811" / "000101001000.yaml"
    edit(target, "hours: 周一至周五 上午9:00-12:00，下午13:30-17:30", f"hours: '{value}'")
    out = tmp_path / "变更清单.xlsx"
    done = run_cli("diff", str(pair[0]), str(pair[1]), "-f", "xlsx", "-o", str(out))
    assert done.code == 0, done.err
    book = load_workbook(out)
    assert book.sheetnames == ["变更清单", "汇总"]
    sheet = book["变更清单"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == [
        "区划代码",
        "区划名称",
        "层级",
        "基本编码",
        "事项名称",
        "事项类型",
        "事项变化",
    ]
    rows = [list(row) for row in sheet.iter_rows(min_row=2)]
    (hours,) = [r for r in rows if r[7].value == "venue.hours"]
    cell = hours[11]
    assert cell.value == value
    assert cell.data_type == "s"
    assert cell.quotePrefix
    assert hours[8].value == "办理地点·办理时间"
    assert all(c.data_type != "f" for row in rows for c in row)


def test_spreadsheet_needs_an_output_file(
    pair: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    done = run_cli("diff", str(pair[0]), str(pair[1]), "-f", "xlsx")
    assert done.code == 2
    assert "-o" in done.err


def test_json_holds_values_of_items_that_failed_validation(
    pair: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    edit(
        pair[1] / "370811" / "000101001000.yaml",
        "status: 在用",
        "status: 在用\nreviewed: 2024-01-01",
    )
    done = run_cli("diff", str(pair[0]), str(pair[1]), "-f", "json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    (item,) = [i for i in data["items"] if i["code"] == "000101001000" and i["region"] == "370811"]
    assert {"path": "reviewed", "new": "2024-01-01"}.items() <= next(
        f for f in item["fields"] if f["path"] == "reviewed"
    ).items()
