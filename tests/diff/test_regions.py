"""``regions.yaml`` changes are differences: regions added, removed, renamed, moved under
another parent or given another level, in every format, and they count for --exit-code."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

import catalog_tool
from catalog_tool.diff import RegionKind
from tests.conftest import REPO, Result
from tests.diff.gitrepo import SAMPLE, commit, edit, sample_repo

SCHEMA = json.loads((REPO / "schemas" / "diff.schema.json").read_text(encoding="utf-8"))
WEISHAN = '{code: "370826", name: 微山县, parent: "370800"}'


@pytest.fixture
def regions_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of the sample catalog whose items are the same; in the new one 微山县 is
    renamed and moved under the province, 任城区 is declared 市级 and 鱼台县 is added."""
    old = shutil.copytree(SAMPLE, tmp_path / "old", ignore=shutil.ignore_patterns(".*"))
    new = shutil.copytree(SAMPLE, tmp_path / "new", ignore=shutil.ignore_patterns(".*"))
    regions = new / "regions.yaml"
    edit(regions, WEISHAN, '{code: "370826", name: 微山湖区, parent: "370000"}')
    edit(
        regions,
        '{code: "370811", name: 任城区, parent: "370800"}',
        '{code: "370811", name: 任城区, parent: "370800", level: 市级}',
    )
    with regions.open("a", encoding="utf-8") as handle:
        handle.write('- {code: "370827", name: 鱼台县, parent: "370800"}\n')
    return old, new


def test_the_library_lists_region_changes(regions_pair: tuple[Path, Path]) -> None:
    result = catalog_tool.diff(regions_pair[0], regions_pair[1])
    assert result.changes == ()
    assert result.has_differences
    summary = [
        (r.kind, r.code, [(f.field, f.old, f.new) for f in r.fields]) for r in result.regions
    ]
    assert summary == [
        (RegionKind.MODIFIED, "370811", [("level", "县级", "市级")]),
        (
            RegionKind.MODIFIED,
            "370826",
            [("name", "微山县", "微山湖区"), ("parent", "370800", "370000")],
        ),
        (RegionKind.ADDED, "370827", []),
    ]
    back = catalog_tool.diff(regions_pair[1], regions_pair[0])
    assert [(r.kind, r.code) for r in back.regions][-1] == (RegionKind.REMOVED, "370827")


def test_a_level_spelled_out_as_the_code_suggests_is_no_change(tmp_path: Path) -> None:
    old = shutil.copytree(SAMPLE, tmp_path / "old", ignore=shutil.ignore_patterns(".*"))
    new = shutil.copytree(SAMPLE, tmp_path / "new", ignore=shutil.ignore_patterns(".*"))
    edit(new / "regions.yaml", WEISHAN, WEISHAN[:-1] + ", level: 县级}")
    result = catalog_tool.diff(old, new)
    assert result.regions == ()
    assert not result.has_differences


def test_a_region_change_counts_for_exit_code(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    """The reported repro: only regions.yaml differs."""
    old = shutil.copytree(SAMPLE, tmp_path / "a", ignore=shutil.ignore_patterns(".*"))
    new = shutil.copytree(SAMPLE, tmp_path / "b", ignore=shutil.ignore_patterns(".*"))
    edit(new / "regions.yaml", WEISHAN, '{code: "370826", name: 微山湖区, parent: "370000"}')
    done = run_cli("diff", str(old), str(new), "--exit-code")
    assert done.code == 1, done.out
    assert "没有差异" not in done.out
    assert "区划: 新增 0 个,删除 0 个,变更 1 个" in done.out
    assert "汇总" not in done.out  # no item differs: no item counts


def test_text_lists_region_changes_in_both_languages(
    regions_pair: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    old, new = map(str, regions_pair)
    lines = run_cli("diff", old, new).out.splitlines()
    start = lines.index("区划(regions.yaml)")
    assert lines[start + 1 : start + 7] == [
        "  修改 370811 任城区",
        "      ~ level: 县级 → 市级",
        "  修改 370826 微山湖区",
        "      ~ name: 微山县 → 微山湖区",
        "      ~ parent: 370800 济宁市 → 370000 山东省",
        "  新增 370827 鱼台县",
    ]
    assert "区划: 新增 1 个,删除 0 个,变更 2 个" in lines
    english = run_cli("diff", old, new, "--lang", "en").out.splitlines()
    assert "Regions (regions.yaml)" in english
    assert "  modified 370826 微山湖区" in english
    assert "Regions: 1 added, 0 removed, 2 changed" in english


def test_markdown_lists_region_changes(
    regions_pair: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    old, new = map(str, regions_pair)
    text = run_cli("diff", old, new, "-f", "markdown").out
    assert "<details><summary>区划(regions.yaml) (3)</summary>" in text
    assert "- **修改** `370826` 微山湖区" in text
    assert "  - `~ parent: 370800 济宁市 → 370000 山东省`" in text
    assert "- **新增** `370827` 鱼台县" in text
    assert "- **区划**: 新增 1 个,删除 0 个,变更 2 个" in text
    english = run_cli("diff", old, new, "-f", "markdown", "--lang", "en").out
    assert "<details><summary>Regions (regions.yaml) (3)</summary>" in english


def test_json_lists_region_changes_valid_against_the_schema(
    regions_pair: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    done = run_cli("diff", str(regions_pair[0]), str(regions_pair[1]), "-f", "json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["items"] == []
    weishan = next(r for r in data["regions"] if r["code"] == "370826")
    assert weishan == {
        "kind": "modified",
        "code": "370826",
        "name": "微山湖区",
        "old": {"code": "370826", "name": "微山县", "parent": "370800", "level": "县级"},
        "new": {"code": "370826", "name": "微山湖区", "parent": "370000", "level": "县级"},
        "fields": [
            {"field": "name", "old": "微山县", "new": "微山湖区"},
            {"field": "parent", "old": "370800", "new": "370000"},
        ],
    }
    added = next(r for r in data["regions"] if r["code"] == "370827")
    assert (added["kind"], added["old"], added["fields"]) == ("added", None, [])
    assert SCHEMA["$defs"]["DiffOut"]["properties"]["regions"]["title"] == "区划变化"


def test_spreadsheet_has_a_sheet_of_region_changes(
    regions_pair: tuple[Path, Path], run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "变更清单.xlsx"
    done = run_cli("diff", str(regions_pair[0]), str(regions_pair[1]), "-f", "xlsx", "-o", str(out))
    assert done.code == 0, done.err
    book = load_workbook(out)
    assert book.sheetnames == ["变更清单", "区划变更", "汇总"]
    rows = [[c.value for c in row] for row in book["区划变更"].iter_rows()]
    assert rows[0] == [
        "区划代码", "区划名称", "上级区划", "层级", "区划变化", "字段", "字段名称", "原值", "新值"
    ]  # fmt: skip
    assert ["370826", "微山湖区", "370000", "县级", "修改", "parent", "上级区划", "370800",
            "370000"] in rows  # fmt: skip
    assert ["370827", "鱼台县", "370800", "县级", "新增", None, None, None, None] in rows


def test_region_changes_between_git_revisions(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    repo = sample_repo(tmp_path)
    edit(repo / "items" / "regions.yaml", '{code: "370826", name: 微山县, parent: "370800"}\n', "")
    commit(repo, "drop 微山县 from regions.yaml")
    done = run_cli(
        "diff", "HEAD~1", "HEAD", "--root", "items", "--exit-code", "-f", "json", cwd=repo
    )
    assert done.code == 1, done.err
    regions = json.loads(done.out)["regions"]
    assert [(r["kind"], r["code"], r["name"]) for r in regions] == [("removed", "370826", "微山县")]
    text = run_cli("diff", "HEAD~1", "HEAD", "--lang", "en", cwd=repo).out
    assert "  removed 370826 微山县" in text.splitlines()
