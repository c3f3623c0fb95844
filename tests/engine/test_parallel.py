"""Worker processes give the same findings, in the same order, as one process."""

from __future__ import annotations

import shutil
from pathlib import Path

from catalog_tool import validate
from catalog_tool.engine import pool
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
