"""Export → import round trips: nothing lost, nothing changed, byte for byte."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from catalog_tool.catalog.layout import scan
from catalog_tool.catalog.read import parse_item
from catalog_tool.sheets.export import export_xlsx
from catalog_tool.sheets.importing import import_file
from catalog_tool.sheets.plan import Outcome
from tests.sheets.books import REPO, SAMPLE, copy_catalog, empty_catalog, item_files


def _generator() -> type:
    spec = importlib.util.spec_from_file_location(
        "bench_generate", REPO / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    generator: type = module.Generator
    return generator


def _parsed(root: Path) -> dict[str, object]:
    items: dict[str, object] = {}
    for rel in scan(root).items:
        parsed = parse_item((root / rel).read_bytes(), rel.split("/", 1)[0])
        if parsed.item is not None:
            items[rel] = parsed.item
    return items


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small catalog from the benchmark generator (about 1% of its items are faulty)."""
    root = tmp_path_factory.mktemp("generated") / "catalog"
    _generator()(root, 400, 7, 0.02).run()
    return root


def test_sample_catalog_survives_export_then_import_into_an_empty_catalog(tmp_path: Path) -> None:
    workbook = tmp_path / "list.xlsx"
    export_xlsx(SAMPLE, workbook)
    target = empty_catalog(SAMPLE, tmp_path / "new")
    result = import_file(workbook, region="000000", root=target, validate=False)
    assert result.count(Outcome.NEW) == len(scan(SAMPLE).items) == 37
    assert result.count(Outcome.REJECTED) == 0
    assert not result.problems
    assert _parsed(target) == _parsed(SAMPLE)


def test_generated_catalog_survives_import_of_its_export(generated: Path, tmp_path: Path) -> None:
    workbook = tmp_path / "list.xlsx"
    exported = export_xlsx(generated, workbook)
    target = empty_catalog(generated, tmp_path / "new")
    result = import_file(workbook, region="000000", root=target, validate=False)
    original = _parsed(generated)
    assert exported.items == len(original)  # invalid items are left out of the export
    assert len(exported.skipped) == len(scan(generated).items) - len(original)
    assert result.count(Outcome.NEW) == len(original)
    assert _parsed(target) == original


def test_importing_the_export_into_its_own_catalog_changes_no_byte(tmp_path: Path) -> None:
    root = copy_catalog(SAMPLE, tmp_path / "catalog")
    before = item_files(root)
    workbook = tmp_path / "list.xlsx"
    export_xlsx(root, workbook)
    result = import_file(workbook, region="000000", root=root, validate=False)
    assert result.count(Outcome.UNCHANGED) == 37
    assert item_files(root) == before


def test_export_import_export_gives_the_same_file(tmp_path: Path) -> None:
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    export_xlsx(SAMPLE, first)
    target = empty_catalog(SAMPLE, tmp_path / "new")
    import_file(first, region="000000", root=target, validate=False)
    export_xlsx(target, second)
    assert first.read_bytes() == second.read_bytes()


def test_importing_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    workbook = tmp_path / "list.xlsx"
    export_xlsx(SAMPLE, workbook, region="370800")
    target = empty_catalog(SAMPLE, tmp_path / "new")
    first = import_file(workbook, region="370800", root=target, validate=False)
    written = item_files(target)
    second = import_file(workbook, region="370800", root=target, validate=False)
    assert first.count(Outcome.NEW) == 21  # 济宁市 8, 任城区 7, 微山县 6
    assert second.count(Outcome.UNCHANGED) == 21
    assert second.written == ()
    assert item_files(target) == written


def test_a_dry_run_writes_nothing(tmp_path: Path) -> None:
    workbook = tmp_path / "list.xlsx"
    export_xlsx(SAMPLE, workbook)
    target = empty_catalog(SAMPLE, tmp_path / "new")
    result = import_file(workbook, region="000000", root=target, dry_run=True)
    assert result.count(Outcome.NEW) == 37
    assert result.report is not None  # the planned items validated, in a mirror
    assert sorted(p.name for p in target.iterdir()) == ["regions.yaml"]


def test_worker_processes_decide_exactly_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from catalog_tool.sheets import export, importing

    monkeypatch.setattr(export, "PARALLEL_THRESHOLD", 5)
    monkeypatch.setattr(export, "CHUNK", 4)
    monkeypatch.setattr(importing, "PARALLEL_THRESHOLD", 5)
    monkeypatch.setattr(importing, "_CHUNK", 3)
    parallel, single = tmp_path / "parallel.xlsx", tmp_path / "single.xlsx"
    export_xlsx(SAMPLE, parallel, jobs=2)
    export_xlsx(SAMPLE, single, jobs=1)
    assert parallel.read_bytes() == single.read_bytes()
    one = import_file(
        parallel,
        region="000000",
        root=empty_catalog(SAMPLE, tmp_path / "a"),
        jobs=1,
        validate=False,
    )
    two = import_file(
        parallel,
        region="000000",
        root=empty_catalog(SAMPLE, tmp_path / "b"),
        jobs=2,
        validate=False,
    )
    assert [(p.region, p.code, p.outcome, p.text) for p in one.planned] == [
        (p.region, p.code, p.outcome, p.text) for p in two.planned
    ]
    assert item_files(tmp_path / "a") == item_files(tmp_path / "b")


@pytest.mark.parametrize("style", ["|-", "|"])
def test_list_entries_with_line_breaks_survive_the_round_trip(tmp_path: Path, style: str) -> None:
    """A condition written over two lines stays one condition (the cell parts entries by
    blank lines then), and importing the export into the same catalog changes nothing,
    whether or not the block keeps its final line break (``|`` does, ``|-`` does not)."""
    catalog = copy_catalog(SAMPLE, tmp_path / "catalog")
    food = catalog / "370811" / "000101001000.yaml"
    text = food.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("  - ") and "场所" in line)
    two_lines = first.replace("  - ", f"  - {style}\n    ", 1) + "\n    (含仓储场所)"
    food.write_text(text.replace(first, two_lines, 1), encoding="utf-8")
    before = parse_item(food.read_bytes(), "370811").item
    assert before is not None and "\n(含仓储场所)" in "".join(before.conditions or [])
    workbook = tmp_path / "list.xlsx"
    export_xlsx(catalog, workbook, region="370811")
    files = item_files(catalog)
    result = import_file(workbook, region="370811", root=catalog, validate=False)
    assert {p.outcome for p in result.planned} == {Outcome.UNCHANGED}
    assert item_files(catalog) == files
    target = empty_catalog(SAMPLE, tmp_path / "new")
    import_file(workbook, region="370811", root=target, validate=False)
    again = parse_item((target / "370811" / "000101001000.yaml").read_bytes(), "370811").item
    assert again is not None and before.conditions is not None
    assert again.conditions == [c.strip() for c in before.conditions]
