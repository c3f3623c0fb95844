"""Worker processes give the same findings, in the same order, as one process."""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from catalog_tool import validate
from catalog_tool.engine import cross, pool
from tests.conftest import REPO


def test_jobs_do_not_change_findings(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    root = tmp_path / "items"
    shutil.copytree(
        REPO / "tests" / "rules" / "base", root, ignore=shutil.ignore_patterns(".catalog_cache")
    )
    for i in range(40):
        src = root / "370811" / "000101001000.yaml"
        text = src.read_text(encoding="utf-8").replace("000101001000", f"000101{i:03d}000")
        if i % 7 == 0:
            text = text.replace("11370811MB2822030B", "11370811MB2822030X")
        if i % 11 == 0:
            text += "colour: red\n"
        (root / "370811" / f"000101{i:03d}000.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(pool, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(pool, "CHUNK", 5)
    one = validate(root, jobs=1)
    two = validate(root, jobs=2)
    assert one.diagnostics == two.diagnostics
    assert {d.rule for d in one.diagnostics} >= {"C005", "S002"}


def test_cross_item_rules_split_across_processes_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With two jobs the name rules run in a forked process: same findings, same order."""
    root = tmp_path / "items"
    shutil.copytree(
        REPO / "tests" / "rules" / "base", root, ignore=shutil.ignore_patterns(".catalog_cache")
    )
    original = root / "370811" / "000101001000.yaml"
    text = original.read_text(encoding="utf-8")
    for i in range(12):
        copy = text.replace("000101001000", f"000102{i:03d}000")
        if i % 3 == 0:
            copy = copy.replace("name: 食品经营许可", "name: 食品经营许可证")
        (root / "370811" / f"000102{i:03d}000.yaml").write_text(copy, encoding="utf-8")
    serial = validate(root, jobs=1, cache=False)

    forks: list[int] = []

    class CountingPool(ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            forks.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(cross, "SPLIT_THRESHOLD", 1)
    monkeypatch.setattr(cross, "ProcessPoolExecutor", CountingPool)
    split = validate(root, jobs=2, cache=False)
    assert forks == [1]
    assert split.diagnostics == serial.diagnostics
    rules = {d.rule for d in serial.diagnostics}
    assert "N002" in rules and any(r.startswith("F") for r in rules)


def test_files_go_to_workers_code_by_code() -> None:
    # Batches hold one code across regions (their texts are shared on the way back).
    files = [
        "370811/000101002000.yaml",
        "000000/000101002000.yaml",
        "370800/000101001000.yaml",
        "370811/000101001000.yaml",
        "370000/000101002000.yaml",
        "370800/000101009000.yaml",
    ]
    assert [files[i] for i in pool.code_order(files)] == [
        "370800/000101001000.yaml",
        "370811/000101001000.yaml",
        "000000/000101002000.yaml",
        "370000/000101002000.yaml",
        "370811/000101002000.yaml",
        "370800/000101009000.yaml",
    ]
    assert [files[i] for i in pool.code_order(files)] == sorted(files, key=pool.code_first)


def test_progress_reaches_the_terminal_while_one_process_checks(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # rapidyaml prints its parse errors to stderr, so that stream is silenced while it runs;
    # a progress bar drawn between batches (--jobs 1, or one core) must still be seen.
    root = tmp_path / "items"
    shutil.copytree(REPO / "tests" / "rules" / "base", root)
    (root / "370811" / "000101009000.yaml").write_text("code: [unclosed\n", encoding="utf-8")

    def start(total: int) -> pool.Progress:
        def advance(done: int) -> None:
            os.write(2, f"progress {done}/{total}\n".encode())  # as a bar on the terminal

        return advance

    report = validate(root, jobs=1, progress=start, cache=False)
    assert "Y001" in {d.rule for d in report.diagnostics}  # the parse error is reported...
    err = capfd.readouterr().err
    assert "progress" in err  # ...the bar's updates are not silenced with it...
    assert "missing terminating" not in err  # ...and rapidyaml's own message still is
