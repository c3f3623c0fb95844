"""``catalog merge`` on the command line: --check, --dry-run, conflicts, strategies, lock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema

import catalog_tool
from catalog_tool.catalog.read import parse_item
from tests.conftest import Result
from tests.diff.gitrepo import commit, edit
from tests.merge.conftest import ITEM, city, county


def _synced(repo: Path, run_cli: Callable[..., Result]) -> str:
    """The catalog merged once and committed (each item records its base); its folder."""
    items = str(repo / "items")
    assert run_cli("merge", items).code == 0
    commit(repo, "synced")
    return items


def test_check_reports_out_of_date_items(repo: Path, run_cli: Callable[..., Result]) -> None:
    items = str(repo / "items")
    first = run_cli("merge", items, "--check")
    assert first.code == 1  # never synced: every item needs its base recorded
    assert "需要更新 3 个" in first.out
    assert run_cli("merge", items).code == 0
    assert run_cli("merge", items, "--check").code == 0
    edit(city(repo), "legal_days: 20", "legal_days: 15")
    late = run_cli("merge", items, "--check", "--lang", "en")
    assert late.code == 1
    assert "Compared 3 items: 2 out of date, 0 created, 0 in conflict, 0 skipped." in late.out
    assert "legal_days: 20" in county(repo).read_text(encoding="utf-8")


def test_dry_run_prints_the_diff_and_writes_nothing(
    repo: Path, run_cli: Callable[..., Result]
) -> None:
    items = _synced(repo, run_cli)
    edit(city(repo), "legal_days: 20", "legal_days: 15")
    before = county(repo).read_bytes()
    done = run_cli("merge", items, "--into", "370811", "--dry-run", cwd=repo)
    assert done.code == 0
    assert county(repo).read_bytes() == before
    lines = done.out.splitlines()
    assert lines[:2] == [
        "--- a/items/370811/000101001000.yaml",
        "+++ b/items/370811/000101001000.yaml",
    ]
    assert "-time_limit: {legal_days: 20, promised_days: 3, unit: 工作日}  # 承诺提速" in lines
    assert "+time_limit: {legal_days: 15, promised_days: 3, unit: 工作日}  # 承诺提速" in lines
    assert "将更新 items/370811/000101001000.yaml ← 370800" in done.err
    assert "    ~ time_limit.legal_days: 20 → 15 (采用上级)" in done.err


def test_a_conflict_exits_1_naming_file_line_and_both_values(
    repo: Path, run_cli: Callable[..., Result]
) -> None:
    items = _synced(repo, run_cli)
    edit(county(repo), "name: 食品经营许可", "name: 食品经营许可(任城)")
    edit(city(repo), "name: 食品经营许可", "name: 食品经营许可证核发")
    done = run_cli("merge", items, "--into", "370811", cwd=repo)
    assert done.code == 1
    assert "    items/370811/000101001000.yaml:4: 冲突 name\n" in done.out
    assert "        本级: 食品经营许可(任城)\n        上级: 食品经营许可证核发\n" in done.out
    resolved = run_cli("merge", items, "--into", "370811", "--strategy", "theirs", cwd=repo)
    assert resolved.code == 0
    assert "name: 食品经营许可证核发\n" in county(repo).read_text(encoding="utf-8")


def test_a_bad_strategy_is_a_usage_error(repo: Path, run_cli: Callable[..., Result]) -> None:
    done = run_cli("merge", str(repo / "items"), "--strategy", "mine")
    assert done.code == 2
    assert "ours" in done.err and "theirs" in done.err


def test_a_held_lock_stops_the_merge_with_a_clear_message(
    repo: Path, run_cli: Callable[..., Result]
) -> None:
    lock = repo / "items" / ".catalog.lock"
    holder = {
        "host": os.uname().nodename,
        "pid": os.getpid(),
        "started": 0,
        "command": "catalog merge",
    }
    lock.write_text(json.dumps(holder), encoding="utf-8")
    done = run_cli("merge", str(repo / "items"))
    assert done.code == 2
    assert "目录正被catalog merge (pid" in done.err
    assert ".catalog.lock" in done.err
    # a dry run only reads: no lock needed
    assert run_cli("merge", str(repo / "items"), "--check").code == 1
    lock.unlink()
    assert catalog_tool.merge(repo / "items").written
    assert not lock.exists()


def test_concurrent_merges_never_corrupt_the_catalog(repo: Path) -> None:
    edit(city(repo), "legal_days: 20", "legal_days: 15")
    command = [sys.executable, "-m", "catalog_tool", "merge", str(repo / "items")]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outcomes = [(run.wait(), run.communicate()[1]) for run in runs]
    assert {code for code, _ in outcomes} <= {0, 2}
    assert any(code == 0 for code, _ in outcomes)
    assert all(".catalog.lock" in err for code, err in outcomes if code == 2)
    assert not (repo / "items" / ".catalog.lock").exists()
    assert catalog_tool.merge(repo / "items", write=False).items == ()
    for region in ("370811", "370826"):
        parsed = parse_item((repo / "items" / region / ITEM).read_bytes(), region)
        assert parsed.item is not None and parsed.item.time_limit is not None
        assert parsed.item.time_limit.legal_days == 15


SCHEMA = json.loads(
    (Path(__file__).parents[2] / "schemas" / "merge.schema.json").read_text(encoding="utf-8")
)


def _merge_json(run_cli: Callable[..., Result], *args: str, code: int, cwd: Path) -> Any:
    done = run_cli("merge", *args, "-f", "json", cwd=cwd)
    assert done.code == code, done.out + done.err
    data = json.loads(done.out)  # nothing else on stdout
    jsonschema.validate(data, SCHEMA)
    return data


def test_json_names_each_conflict_with_its_line_and_three_values(
    repo: Path, run_cli: Callable[..., Result]
) -> None:
    items = _synced(repo, run_cli)
    assert _merge_json(run_cli, items, "--check", code=0, cwd=repo)["in_step"] is True
    edit(county(repo), "name: 食品经营许可", "name: 食品经营许可(任城)")
    edit(city(repo), "name: 食品经营许可", "name: 食品经营许可证核发")
    before = county(repo).read_bytes()

    data = _merge_json(run_cli, items, "--into", "370811", code=1, cwd=repo)

    assert county(repo).read_bytes() == before  # a conflict leaves the file as it was
    assert (data["mode"], data["written"], data["in_step"]) == ("merge", True, False)
    assert data["counts"] == {"updated": 0, "conflict": 1, "created": 0, "skipped": 0}
    [item] = data["items"]
    assert (item["file"], item["state"], item["upstream_file"], item["base_found"]) == (
        "370811/000101001000.yaml",
        "conflict",
        "370800/000101001000.yaml",
        True,
    )
    assert item["conflicts"] == [
        {
            "path": "name",
            "action": "conflict",
            "base": "食品经营许可",
            "ours": "食品经营许可(任城)",
            "theirs": "食品经营许可证核发",
            "pointer": "/name",
            "line": 4,
        }
    ]
    assert item["diff"] is None


def test_json_of_a_dry_run_carries_each_files_diff(
    repo: Path, run_cli: Callable[..., Result]
) -> None:
    items = _synced(repo, run_cli)
    edit(city(repo), "legal_days: 20", "legal_days: 15")

    data = _merge_json(
        run_cli, items, "--into", "370811", "--dry-run", "--lang", "en", code=0, cwd=repo
    )

    assert (data["written"], data["lang"]) == (False, "en")
    [item] = data["items"]
    assert item["state"] == "updated"
    assert [(c["path"], c["action"], c["ours"], c["theirs"]) for c in item["changes"]] == [
        ("time_limit.legal_days", "theirs", 20, 15)
    ]
    assert (
        "+time_limit: {legal_days: 15, promised_days: 3, unit: 工作日}  # 承诺提速\n"
        in item["diff"]
    )


def test_an_unknown_format_is_a_usage_error(repo: Path, run_cli: Callable[..., Result]) -> None:
    done = run_cli("merge", str(repo / "items"), "-f", "xml")
    assert done.code == 2
    assert "text、json" in done.err


def test_json_lists_an_upstream_item_as_missing_until_create_makes_its_stub(
    repo: Path, run_cli: Callable[..., Result]
) -> None:
    items = _synced(repo, run_cli)
    county(repo).unlink()
    lacking = _merge_json(run_cli, items, "--into", "370811", "--check", code=0, cwd=repo)
    assert [(m["region"], m["code"]) for m in lacking["missing"]] == [("370811", "000101001000")]
    made = _merge_json(run_cli, items, "--into", "370811", "--create", code=0, cwd=repo)
    assert [(i["state"], i["file"]) for i in made["items"]] == [
        ("created", "370811/000101001000.yaml")
    ]
    assert made["missing"] == []


def test_a_strategy_says_whose_content_the_item_now_has(
    repo: Path, run_cli: Callable[..., Result]
) -> None:
    items = _synced(repo, run_cli)
    edit(county(repo), "legal_days: 20", "legal_days: 18")
    edit(city(repo), "legal_days: 20", "legal_days: 15")
    header = "更新 items/370811/000101001000.yaml ← 370800  000101001000 食品经营许可"
    ours = run_cli("merge", items, "--into", "370811", "--strategy", "ours", "--dry-run", cwd=repo)
    assert ours.code == 0
    assert (
        f"将{header}\n"
        "    1 处冲突按 --strategy ours 保留本级的内容,只记录同步版本(synced_from)\n"
        "    items/370811/000101001000.yaml:47: 冲突 time_limit.legal_days"
        "(已按 --strategy ours 处理)\n"
    ) in ours.err
    theirs = run_cli("merge", items, "--into", "370811", "--strategy", "theirs", cwd=repo)
    assert theirs.code == 0
    assert theirs.out.splitlines()[:3] == [
        header,
        "    1 处冲突按 --strategy theirs 采用上级的内容,并记录同步版本(synced_from)",
        "    items/370811/000101001000.yaml:47: 冲突 time_limit.legal_days"
        "(已按 --strategy theirs 处理)",
    ]
    assert "legal_days: 15" in county(repo).read_text(encoding="utf-8")
    commit(repo, "resolved")
    edit(county(repo), "legal_days: 15", "legal_days: 12")
    edit(city(repo), "legal_days: 15", "legal_days: 10")
    english = run_cli(
        "merge", items, "--into", "370811", "--strategy", "theirs", "--lang", "en", cwd=repo
    )
    assert english.out.splitlines()[1] == (
        "    1 conflict resolved by --strategy theirs: content taken from upstream, "
        "synced_from recorded"
    )
