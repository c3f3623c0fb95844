"""Every rule against its fixture cases: the exact set of findings, with line and column."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from catalog_tool import Config, validate
from tests.rules.harness import BASE, Case, build, expected_marks, load_cases

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case: Case, tmp_path: Path) -> None:
    root = build(case, tmp_path)
    rules = {case.rule: case.options} if case.options else {}
    config = Config.model_validate({"select": [case.rule], "rules": rules, **case.config})
    report = validate(root, config, jobs=1)
    actual = {
        (_rel(root, d.file), d.line, d.column, d.rule)
        for d in report.diagnostics
        if d.rule == case.rule
    }
    expected = {m for m in expected_marks(root, case.expect) if m[3] == case.rule}
    assert actual == expected


def test_base_catalog_is_clean_under_every_rule() -> None:
    report = validate(BASE, Config(), jobs=1)
    assert [(d.file, d.line, d.rule, d.message.zh) for d in report.diagnostics] == []


def _rel(root: Path, file: str | None) -> str:
    """The report's path (relative to the cwd, or absolute) relative to the catalog root."""
    return os.path.relpath(Path(file or "").absolute(), root.absolute()).replace(os.sep, "/")
