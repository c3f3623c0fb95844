"""What validation finds in the imported items: a dry run reports what the import will."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from catalog_tool.sheets.export import export_xlsx
from tests.conftest import Result
from tests.sheets.books import SAMPLE, copy_catalog, item_files

Run = Callable[..., Result]
REGION = "370826"
LICENCE_COPY = [
    "000101001000", REGION, None, "营业执照复印件", "必要", "复印件", 1, "纸质", "申请人自备",
]  # fmt: skip
"""A material the upstream list does not have, without a basis, that the state issues."""


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return copy_catalog(SAMPLE, tmp_path / "catalog")


def with_licence_copy(catalog: Path, path: Path) -> Path:
    """The region's exported list with one more material row (F006, M001 and M003)."""
    export_xlsx(catalog, path, region=REGION)
    book = load_workbook(path)
    book["申请材料"].append(LICENCE_COPY)
    book.save(path)
    return path


def findings(run_cli: Run, workbook: Path, catalog: Path, *options: str) -> tuple[int, list[str]]:
    """The exit code and the (rule, cell) of every diagnostic of an import."""
    result = run_cli(
        "import", str(workbook), "--region", REGION, "--catalog", str(catalog), "-f", "json",
        *options,
    )  # fmt: skip
    report = json.loads(result.out)
    return result.code, [f"{d['rule']} {d['cell']}" for d in report["diagnostics"]]


def test_a_dry_run_reports_what_the_import_will_find_and_writes_nothing(
    run_cli: Run, catalog: Path, tmp_path: Path
) -> None:
    workbook = with_licence_copy(catalog, tmp_path / "list.xlsx")
    before = {f: (catalog / f).read_bytes() for f in item_files(catalog)}
    marked = tmp_path / "marked.xlsx"
    dry = findings(run_cli, workbook, catalog, "--dry-run", "--annotate", str(marked))
    assert {f: (catalog / f).read_bytes() for f in item_files(catalog)} == before
    assert dry == (1, ["F006 申请材料!D17", "M001 申请材料!D17", "M003 申请材料!D17"])
    comment = load_workbook(marked)["申请材料"]["D17"].comment
    assert comment is not None and "F006" in comment.text and "M003" in comment.text
    assert findings(run_cli, workbook, catalog) == dry


def test_importing_the_same_workbook_again_reports_the_same_findings(
    run_cli: Run, catalog: Path, tmp_path: Path
) -> None:
    """Nothing changes the second time, but the items the workbook covers still fail."""
    workbook = with_licence_copy(catalog, tmp_path / "list.xlsx")
    first = findings(run_cli, workbook, catalog)
    assert first == (1, ["F006 申请材料!D17", "M001 申请材料!D17", "M003 申请材料!D17"])
    assert findings(run_cli, workbook, catalog) == first
    assert findings(run_cli, workbook, catalog, "--dry-run") == first
    assert run_cli("validate", str(catalog)).code == 1


def test_a_dry_run_names_upstream_files_as_the_import_does(
    run_cli: Run, catalog: Path, tmp_path: Path
) -> None:
    """An F001 message cites the upstream file: the dry run validates a temporary mirror,
    whose path must not leak into the message (it did, as /tmp/catalog-import-…)."""
    workbook = tmp_path / "renamed.xlsx"
    export_xlsx(catalog, workbook, region=REGION)
    book = load_workbook(workbook)
    sheet = book["事项"]
    column = next(c.column for c in sheet[1] if c.value == "事项名称")
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "000101001000")
    sheet.cell(row, column, "食品经营许可证核发")
    book.save(workbook)

    def f001(*options: str) -> list[str]:
        result = run_cli(
            "import", str(workbook), "--region", REGION, "--catalog", str(catalog), "-f", "json",
            *options,
        )  # fmt: skip
        return [d["message"] for d in json.loads(result.out)["diagnostics"] if d["rule"] == "F001"]

    dry = f001("--dry-run")
    assert len(dry) == 1 and "catalog-import-" not in dry[0]
    assert f"{catalog}/370800/000101001000.yaml:" in dry[0]
    assert f001() == dry
