"""A real import never writes outside the catalog, and never beside another writer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from catalog_tool.io.lock import LOCK_FILE
from tests.conftest import Result
from tests.sheets.books import BASE, SAMPLE, build, copy_catalog, item_files

Run = Callable[..., Result]


def _every_file(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _locations(result: Result) -> list[tuple[str, str]]:
    """(cell, rule) of each finding in the JSON report."""
    return [(d["cell"], d["rule"]) for d in json.loads(result.out)["diagnostics"]]


def _messages(result: Result) -> list[str]:
    return [d["message"] for d in json.loads(result.out)["diagnostics"]]


def test_codes_and_regions_that_would_leave_the_catalog_are_findings_on_their_cells(
    run_cli: Run, tmp_path: Path
) -> None:
    catalog = copy_catalog(BASE, tmp_path / "work" / "catalog")
    source = build(
        tmp_path / "dept.xlsx",
        {
            "事项": [
                ["基本编码", "事项名称", "区划代码"],
                ["../../x", "甲", None],
                ["a/b", "乙", None],
                ["000101001000", "丙", "../.."],
                ["000101001000/../../../x", "丁", None],
                ["000101001000", "戊", "370811/../../.."],
            ]
        },
    )
    before = _every_file(tmp_path)
    result = run_cli(
        "import", str(source), "--region", "370811", "--catalog", str(catalog), "-f", "json"
    )
    assert result.code == 1, result.err
    assert _locations(result) == [
        ("事项!A2", "C001"),
        ("事项!A3", "C001"),
        ("事项!C4", "C004"),
        ("事项!A5", "C001"),
        ("事项!C6", "C004"),
    ]
    assert _every_file(tmp_path) == before


def test_a_region_folder_linking_out_of_the_catalog_is_never_written_through(
    run_cli: Run, tmp_path: Path
) -> None:
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    outside = tmp_path / "outside"
    (catalog / "370811").rename(outside)
    (catalog / "370811").symlink_to(outside, target_is_directory=True)
    before = _every_file(outside)
    source = build(
        tmp_path / "dept.xlsx",
        {"事项": [["基本编码", "事项名称"], ["000101001000", "食品经营许可(改)"]]},
    )
    result = run_cli(
        "import", str(source), "--region", "370811", "--catalog", str(catalog), "-f", "json",
        "--lang", "en",
    )  # fmt: skip
    assert result.code == 1, result.err
    assert _locations(result) == [("事项!A2", "C004")]
    assert _messages(result) == [f"{catalog}/370811/000101001000.yaml lies outside the catalog"]
    assert _every_file(outside) == before


def test_an_item_file_linking_out_of_the_catalog_is_refused_after_its_folder_was_vetted(
    tmp_path: Path,
) -> None:
    from catalog_tool.errors import CatalogError
    from catalog_tool.sheets.paths import TargetPaths

    catalog = copy_catalog(BASE, tmp_path / "catalog")
    outside = tmp_path / "outside.yaml"
    outside.write_text("code: x\n", encoding="utf-8")
    (catalog / "370811" / "000101009000.yaml").symlink_to(outside)
    target = TargetPaths(catalog)
    assert target("370811", "000101001000") == catalog / "370811" / "000101001000.yaml"
    assert target("370811", "000101002000") == catalog / "370811" / "000101002000.yaml"
    with pytest.raises(CatalogError, match="outside the catalog"):
        target("370811", "000101009000")


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    """A catalog whose lock another process (a merge) holds until the test ends."""
    catalog = copy_catalog(SAMPLE, tmp_path / "catalog")
    release = tmp_path / "release"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, pathlib\n"
            "from catalog_tool.io.lock import catalog_lock\n"
            "root, release = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])\n"
            "with catalog_lock(root, 'catalog merge', wait=0):\n"
            "    (root / 'ready').touch()\n"
            "    deadline = time.monotonic() + 120\n"
            "    while not release.exists() and time.monotonic() < deadline:\n"
            "        time.sleep(0.05)\n",
            str(catalog),
            str(release),
        ]
    )
    try:
        deadline = time.monotonic() + 60
        while not (catalog / "ready").exists():
            assert holder.poll() is None, "the holder died before taking the lock"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        (catalog / "ready").unlink()
        yield catalog
    finally:
        release.touch()
        holder.wait(timeout=60)


def test_an_import_stops_with_exit_2_while_another_process_holds_the_lock(
    run_cli: Run, held: Path, tmp_path: Path
) -> None:
    source = build(
        tmp_path / "dept.xlsx",
        {"事项": [["基本编码", "事项名称"], ["000101001000", "食品经营许可(改)"]]},
    )
    before = item_files(held)
    result = run_cli("import", str(source), "--region", "370811", "--catalog", str(held))
    assert result.code == 2
    assert "目录正被catalog merge (pid " in result.err
    assert f"等它结束后再运行;若确定没有进程在用,删除 {held / LOCK_FILE}。" in result.err
    assert "Traceback" not in result.err
    assert item_files(held) == before
    # A dry run writes nothing, so it needs no lock and still answers (with what the import
    # would find: the new name is not the upstream one, F001).
    dry = run_cli("import", str(source), "--region", "370811", "--catalog", str(held), "--dry-run")
    assert dry.code == 1, dry.err
    assert "事项!B2: 错误 F001" in dry.out
    assert "修改" in dry.out and "370811/000101001000.yaml" in dry.out


def test_a_real_import_releases_the_lock(run_cli: Run, tmp_path: Path) -> None:
    catalog = copy_catalog(SAMPLE, tmp_path / "catalog")
    source = build(
        tmp_path / "dept.xlsx",
        {"事项": [["基本编码", "事项名称"], ["000101001000", "食品经营许可(改)"]]},
    )
    result = run_cli("import", str(source), "--region", "370811", "--catalog", str(catalog))
    assert result.code in (0, 1), result.err
    assert "食品经营许可(改)" in (catalog / "370811" / "000101001000.yaml").read_text("utf-8")
    assert not (catalog / LOCK_FILE).exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_named_pipe_under_an_items_name_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    """A plain read of a FIFO blocks forever, with the catalog's lock held."""
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    food = catalog / "370811" / "000101001000.yaml"
    food.unlink()
    os.mkfifo(food)
    source = build(
        tmp_path / "dept.xlsx",
        {"事项": [["基本编码", "事项名称"], ["000101001000", "食品经营许可"]]},
    )
    done = subprocess.run(
        [sys.executable, "-m", "catalog_tool", "import", str(source), "--region", "370811",
         "--catalog", str(catalog), "-f", "json"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    found = [(d["rule"], d.get("cell")) for d in json.loads(done.stdout)["diagnostics"]]
    assert ("Y001", "事项!A2") in found
    assert "拒绝" in done.stderr and not (catalog / LOCK_FILE).exists()
