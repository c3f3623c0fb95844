"""Inline suppressions: which lines they cover and when they are stale."""

from __future__ import annotations

from pathlib import Path

from catalog_tool import Config, validate
from catalog_tool.engine.suppress import parse


def test_trailing_comment_covers_its_line_and_own_line_covers_the_next() -> None:
    text = "a: 1  # catalog: ignore[M001] 已核实\n# catalog: ignore[N001,N002]\n\nb: 2\n"
    found, bad = parse(text)
    assert bad == ()
    assert [(s.line, s.target, s.codes, s.reason) for s in found] == [
        (1, 1, ("M001",), "已核实"),
        (2, 4, ("N001", "N002"), ""),
    ]


def test_malformed_comments_are_reported() -> None:
    found, bad = parse("a: 1  # catalog: ignore M001\nb: 2  # catalog: ignore[m001]\n")
    assert found == ()
    assert [(m.line, m.column) for m in bad] == [(1, 7), (2, 7)]


def test_suppression_removes_the_finding(catalog: Path) -> None:
    path = catalog / "370811" / "000101001000.yaml"
    text = path.read_text(encoding="utf-8").replace('11370811MB2822030B"', '11370811MB2822030X"')
    text = text.replace("agency: {", "# catalog: ignore[C005] 临时编码,待更正\nagency: {")
    path.write_text(text, encoding="utf-8")
    report = validate(catalog, Config(select=["C005", "Y006"]))
    assert [d.rule for d in report.diagnostics] == []


def test_suppression_of_a_switched_off_rule_is_not_stale(catalog: Path) -> None:
    path = catalog / "370811" / "000101001000.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "# catalog: ignore[C005] 说明\nvisits: 0\n", "utf-8"
    )
    # The file now repeats 'visits'; only Y002 is selected, so C005 is off.
    report = validate(catalog, Config(select=["Y002", "Y006"]))
    assert [d.rule for d in report.diagnostics] == ["Y002"]
