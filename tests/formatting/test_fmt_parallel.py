"""``catalog fmt`` over many files: worker processes give what one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog_tool.formatting import run
from catalog_tool.formatting.run import format_catalog
from catalog_tool.workers import Progress

UNFORMATTED = 'region: 370811\ncode: "{code}"\nname: 食品 经营许可\n'


def _many(catalog: Path) -> list[Path]:
    """Twenty items: most need formatting, two are canonical, one is broken."""
    folder = catalog / "370811"
    template = (folder / "000101001000.yaml").read_text(encoding="utf-8")
    made = []
    for i in range(20):
        code = f"000109{i:03d}000"
        text = UNFORMATTED.format(code=code)
        if i in (4, 13):
            text = template.replace("000101001000", code)
        if i == 9:
            text += "name: 重复\n"
        path = folder / f"{code}.yaml"
        path.write_text(text, encoding="utf-8")
        made.append(path)
    return made


def test_workers_format_as_one_process_does(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _many(catalog)
    serial = format_catalog(catalog, write=False, jobs=1)
    monkeypatch.setattr(run, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(run, "CHUNK", 3)
    parallel = format_catalog(catalog, write=False, jobs=2)
    assert parallel == serial
    unformatted = [p for i, p in enumerate(made) if i not in (4, 9, 13)]
    assert [c.path for c in parallel.changes] == unformatted
    assert [(d.rule, d.file) for d in parallel.problems] == [("Y002", str(made[9]))]


def test_workers_results_are_written(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _many(catalog)
    monkeypatch.setattr(run, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(run, "CHUNK", 3)
    seen: list[int] = []

    def start(total: int) -> Progress:
        seen.append(total)
        return seen.append

    done = format_catalog(catalog, jobs=2, progress=start)
    assert seen[0] == done.checked and sum(seen[1:]) == done.checked
    assert 'region: "370811"' in made[0].read_text(encoding="utf-8")
    assert "name: 重复" in made[9].read_text(encoding="utf-8")  # broken: left alone
    again = format_catalog(catalog, write=False, jobs=2)
    assert again.changes == [] and again.checked == done.checked
