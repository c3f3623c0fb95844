"""Fixtures of the diff tests: two versions of the sample catalog."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.diff.gitrepo import SAMPLE, edit


def materials_block(count: int) -> str:
    """A ``materials:`` block of ``count`` materials."""
    lines = ["materials:"]
    for i in range(count):
        lines += [
            f"  - name: 申请材料{i + 1}",
            "    required: true",
            "    form: 原件",
            "    copies: 1",
            "    media: 纸质",
            "    source: 申请人自备",
            "    basis: [《中华人民共和国行政许可法》第二十九条第一款]",
        ]
    return "\n".join(lines) + "\n"


def with_materials(path: Path, count: int) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = text.index("materials:"), text.index("steps:")
    path.write_text(text[:start] + materials_block(count) + text[end:], encoding="utf-8")


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """The sample catalog, and a copy with materials cut 25 → 6, a same-day item, shorter
    legal days and an item removed."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(SAMPLE, old)
    shutil.copytree(SAMPLE, new)
    with_materials(old / "370811" / "000101001000.yaml", 25)
    with_materials(new / "370811" / "000101001000.yaml", 6)
    # 任城区 食品经营许可: now settled the same day
    target = new / "370811" / "000101001000.yaml"
    edit(target, "time_limit: {legal_days: 20, promised_days: 5, unit: 工作日}",
         "time_limit: {legal_days: 20, promised_days: 0, unit: 工作日}")  # fmt: skip
    edit(target, "handling: 承诺件", "handling: 即办件")
    # 济宁市 建筑工程施工许可: legal days shortened
    edit(new / "370800" / "000101003000.yaml", "legal_days: 7", "legal_days: 5")
    (new / "370826" / "000101004000.yaml").unlink()
    return old, new
