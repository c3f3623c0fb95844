"""Baselines: recorded findings are hidden, new ones reported, fixed ones reported stale."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from catalog_tool import CatalogError, Config, LoadedConfig, validate
from catalog_tool.engine.baseline import load_baseline
from catalog_tool.engine.baseline_update import prune, record
from tests.conftest import REPO, Result

ITEM = "370811/000101001000.yaml"
# Materials beyond the upstream standard are also F006; these tests are about M001.
CONFIG = Config(cache=False, ignore=["F006"])
LOADED = LoadedConfig(CONFIG, None)
UPSTREAM = "370800/000101001000.yaml"
NO_BASIS = """\
  - name: {name}
    required: true
    form: 原件
    copies: 1
    media: 纸质
    source: 申请人自备
"""


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_materials(root: Path, *names: str) -> None:
    block = "".join(NO_BASIS.format(name=n) for n in names)
    edit(root, ITEM, "steps:\n", block + "steps:\n")


def found(root: Path, **options: object) -> list[tuple[str, str]]:
    report = validate(root, CONFIG, **options)  # type: ignore[arg-type]
    return [(Path(d.file or "").name, d.rule) for d in report.diagnostics]


@pytest.fixture
def recorded(catalog: Path) -> Path:
    """The base catalog with an F001 and two M001 findings, recorded in a baseline."""
    edit(catalog, ITEM, "name: 食品经营许可\n", "name: 食品经营许可证核发\n")
    add_materials(catalog, "场地平面图", "设备清单")
    assert sorted(r for _, r in found(catalog)) == ["F001", "M001", "M001"]
    done = record(catalog, LOADED)
    assert done.path == catalog / "catalog-baseline.json" and done.entries == 3
    assert not done.configured
    return done.path


def test_recorded_findings_are_hidden(catalog: Path, recorded: Path) -> None:
    report = validate(catalog, CONFIG, baseline=recorded)
    assert report.diagnostics == ()
    assert report.baseline is not None
    assert (report.baseline.hidden, report.baseline.stale) == (3, ())


def test_moving_lines_does_not_make_a_finding_new(catalog: Path, recorded: Path) -> None:
    """Lines above the finding, and above the upstream line its message names, shift."""
    for rel in (ITEM, UPSTREAM):
        path = catalog / rel
        path.write_text("# 审核意见见 OA 第 12 号\n\n" + path.read_text(encoding="utf-8"))
    report = validate(catalog, CONFIG, baseline=recorded)
    assert report.diagnostics == ()


def test_a_reordered_list_still_matches(catalog: Path, recorded: Path) -> None:
    text = (catalog / ITEM).read_text(encoding="utf-8")
    first, second = NO_BASIS.format(name="场地平面图"), NO_BASIS.format(name="设备清单")
    (catalog / ITEM).write_text(text.replace(first + second, second + first), encoding="utf-8")
    report = validate(catalog, CONFIG, baseline=recorded)
    assert report.diagnostics == ()


def test_new_findings_are_reported_and_fixed_ones_are_stale(catalog: Path, recorded: Path) -> None:
    edit(catalog, ITEM, "name: 食品经营许可证核发\n", "name: 食品经营许可\n")
    add_materials(catalog, "法定代表人简历")
    report = validate(catalog, CONFIG, baseline=recorded)
    assert [(d.rule, d.pointer) for d in report.diagnostics] == [("M001", "/materials/3")]
    assert "法定代表人简历" in report.diagnostics[0].message.zh
    assert report.baseline is not None and report.baseline.hidden == 2
    assert [(e.file, e.rule, e.pointer) for e in report.baseline.stale] == [
        (f"{catalog.as_posix()}/{ITEM}", "F001", "/name")
    ]


def test_a_finding_recorded_once_hides_only_one_occurrence(catalog: Path) -> None:
    add_materials(catalog, "场地平面图")
    record(catalog, LOADED)
    add_materials(catalog, "场地平面图")  # the same demand twice: a second, identical M001
    report = validate(
        catalog,
        Config(cache=False, ignore=["F006", "M005"]),
        baseline=catalog / "catalog-baseline.json",
    )
    assert [d.rule for d in report.diagnostics] == ["M001"]


def test_stale_entries_are_only_those_of_the_files_checked(catalog: Path, recorded: Path) -> None:
    edit(catalog, ITEM, "name: 食品经营许可证核发\n", "name: 食品经营许可\n")
    elsewhere = validate(catalog, CONFIG, baseline=recorded, paths=[catalog / "370800"])
    assert elsewhere.baseline is not None and elsewhere.baseline.stale == ()
    here = validate(catalog, CONFIG, baseline=recorded, paths=[catalog / "370811"])
    assert here.baseline is not None and [e.rule for e in here.baseline.stale] == ["F001"]


def test_a_deleted_file_leaves_stale_entries(catalog: Path, recorded: Path) -> None:
    (catalog / ITEM).unlink()
    report = validate(catalog, Config(cache=False, select=["M", "F001"]), baseline=recorded)
    assert report.baseline is not None
    assert sorted(e.rule for e in report.baseline.stale) == ["F001", "M001", "M001"]


def test_prune_drops_fixed_entries_and_never_adds(catalog: Path, recorded: Path) -> None:
    edit(catalog, ITEM, "name: 食品经营许可证核发\n", "name: 食品经营许可\n")
    add_materials(catalog, "法定代表人简历")  # new: prune must not record it
    done = prune(catalog, LOADED)
    assert (done.removed, done.entries) == (1, 2)
    assert sorted(e.rule for e in load_baseline(recorded).entries) == ["M001", "M001"]
    report = validate(catalog, CONFIG, baseline=recorded)
    assert [d.rule for d in report.diagnostics] == ["M001"]


def test_the_file_is_stable_and_matches_its_schema(catalog: Path, recorded: Path) -> None:
    first = recorded.read_bytes()
    record(catalog, LOADED)
    assert recorded.read_bytes() == first
    schema = json.loads((REPO / "schemas" / "baseline.schema.json").read_text(encoding="utf-8"))
    data = json.loads(first)
    jsonschema.validate(data, schema)
    assert [e["rule"] for e in data["entries"]] == ["F001", "M001", "M001"]
    assert data["entries"][0]["file"] == ITEM


def test_a_broken_baseline_is_unusable_input(catalog: Path) -> None:
    bad = catalog / "catalog-baseline.json"
    bad.write_text('{"version": 1,\n "entries": [}\n', encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        validate(catalog, CONFIG, baseline=bad)
    assert f"{bad}:2:14:" in error.value.text.en
    bad.write_text('{"version": 1, "entries": [{"file": "x"}]}', encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        validate(catalog, CONFIG, baseline=bad)
    assert "/entries/0/rule" in error.value.text.en
    assert error.value.text.zh.endswith("位置 /entries/0/rule:缺少此项")
    bad.write_text('{"version": 2, "entries": []}', encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        validate(catalog, CONFIG, baseline=bad)
    assert error.value.text.zh == f"{bad}: 基线文件格式不对,位置 /version:应为 1"


Run = Callable[..., Result]


def test_cli_write_config_and_no_baseline(run_cli: Run, catalog: Path) -> None:
    add_materials(catalog, "场地平面图")
    (catalog / "catalog.toml").write_text('ignore = ["F006"]\n', encoding="utf-8")
    written = run_cli("baseline", "write", str(catalog), "--lang", "en")
    assert written.code == 0, written.err
    assert (
        "Recorded 1 findings" in written.out and 'baseline = "catalog-baseline.json"' in written.out
    )
    # Named in the config, the baseline is used without an option.
    (catalog / "catalog.toml").write_text(
        'ignore = ["F006"]\nbaseline = "catalog-baseline.json"\n', encoding="utf-8"
    )
    quiet = run_cli("validate", str(catalog), "--no-cache", "--lang", "en")
    assert quiet.code == 0, quiet.out
    assert "Baseline" in quiet.out and "hid 1 recorded findings" in quiet.out
    loud = run_cli("validate", str(catalog), "--no-cache", "--no-baseline")
    assert loud.code == 1 and "M001" in loud.out
    as_json = run_cli("validate", str(catalog), "--no-cache", "-f", "json")
    data = json.loads(as_json.out)
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["baseline"] == {
        "file": str(catalog / "catalog-baseline.json"),
        "hidden": 1,
        "stale": [],
    }


def test_cli_write_elsewhere_says_the_path_the_config_takes(run_cli: Run, catalog: Path) -> None:
    """A baseline written into a sub-folder: the config line to add names it relative to
    the config's folder, so that following the hint works; the option is quoted."""
    add_materials(catalog, "场地平面图")
    (catalog / "catalog.toml").write_text('ignore = ["F006"]\n', encoding="utf-8")
    target = catalog / "ci checks" / "基线.json"
    written = run_cli("baseline", "write", str(catalog), "-o", str(target))
    assert written.code == 0, written.err
    assert 'baseline = "ci checks/基线.json"(相对于配置文件)' in written.out
    assert f"--baseline '{target}'" in written.out
    (catalog / "catalog.toml").write_text(
        'ignore = ["F006"]\nbaseline = "ci checks/基线.json"\n', encoding="utf-8"
    )
    followed = run_cli("validate", str(catalog), "--no-cache")
    assert followed.code == 0, followed.out + followed.err


def test_cli_missing_baseline_is_exit_2(run_cli: Run, catalog: Path) -> None:
    done = run_cli(
        "validate", str(catalog), "--baseline", str(catalog / "nope.json"), "--lang", "en"
    )
    assert done.code == 2
    assert "baseline file" in done.err and "catalog baseline write" in done.err
    assert "Traceback" not in done.err
