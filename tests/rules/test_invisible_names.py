"""Invisible characters in names: N003 against upstream, never a confusing F001, and
messages that show the character instead of sending it to the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog_tool import Config, validate

ITEM = Path("370811") / "000101001000.yaml"


def _rename(catalog: Path, line: str) -> None:
    path = catalog / ITEM
    text = path.read_text(encoding="utf-8")
    assert "name: 食品经营许可\n" in text
    path.write_text(text.replace("name: 食品经营许可\n", line, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("name: 食品经营\u200b许可\n", "食品经营<U+200B>许可"),  # raw, in a plain scalar
        ('name: "食品经营\\x07许可"\n', "食品经营<U+0007>许可"),  # a YAML escape
    ],
)
def test_a_name_upstream_except_for_an_invisible_character_is_n003_not_f001(
    catalog: Path, line: str, shown: str
) -> None:
    _rename(catalog, line)
    report = validate(catalog, Config(), jobs=1)
    found = [
        (Path(d.file or "").relative_to(catalog), d.line, d.column, d.rule)
        for d in report.diagnostics
    ]
    assert found == [(ITEM, 2, 1, "N003")]
    (diagnostic,) = report.diagnostics
    # The upstream file is named from the same folder as the finding's own file.
    assert diagnostic.message.zh == (
        f'名称"{shown}"与上级({report.root}/370800/000101001000.yaml:2)"食品经营许可"'
        "只差标点、全半角、空格或不可见字符"
    )
    assert diagnostic.message.en.startswith(f'name "{shown}" differs from upstream')
    assert (
        diagnostic.hint is not None
        and diagnostic.hint.zh == "改为与上级完全一致的写法:食品经营许可"
    )


def test_a_name_that_also_differs_otherwise_is_f001_and_n003_shown_visibly(
    catalog: Path,
) -> None:
    _rename(catalog, "name: 食品经营\u200b许可证\n")
    report = validate(catalog, Config(select=["F001", "N003"]), jobs=1)
    assert [(d.rule, d.line, d.column) for d in report.diagnostics] == [
        ("F001", 2, 1),
        ("N003", 2, 1),
    ]
    f001, n003 = report.diagnostics
    assert f001.message.zh.startswith('名称"食品经营<U+200B>许可证"与上级')
    assert (
        n003.message.zh
        == '"食品经营<U+200B>许可证"含有不可见字符(显示为 <U+…>),应为"食品经营许可证"'
    )
    assert n003.message.en == (
        '"食品经营<U+200B>许可证" holds invisible characters (shown as <U+…>); '
        'expected "食品经营许可证"'
    )
    for d in report.diagnostics:
        for text in (d.message.zh, d.message.en, d.hint.zh if d.hint else ""):
            assert "\u200b" not in text
