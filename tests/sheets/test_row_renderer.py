"""The compiled row renderer writes exactly what the general one writes."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from catalog_tool.sheets.export import _DATA_SHEETS, renderer
from catalog_tool.sheets.xlsx_write import ColumnFormat, RowRenderer


@dataclass
class _Entry:
    name: Any
    count: Any
    flag: Any
    note: Any


_COLUMNS = [
    ColumnFormat("基本编码", 14, text=True),
    ColumnFormat("区划代码", 10, text=True),
    ColumnFormat("序号", 6),
    ColumnFormat("名称", 20),
    ColumnFormat("份数", 6),
    ColumnFormat("必要", 6),
    ColumnFormat("说明", 30, wrap=True),
]
_GETTERS = [attrgetter("name"), attrgetter("count"), attrgetter("flag"), attrgetter("note")]
_WRITERS = [None, None, None, None, None, lambda v: "是" if v else "否", None]

_ENTRIES = [
    _Entry("身份证", 1, True, "两行\n说明"),
    _Entry("=HYPERLINK()", 0, False, None),  # formula-like text: the quote-prefix style
    _Entry("  边缘空格 ", None, None, ""),  # trailing empty cells are left out
    _Entry("A&B <c> _x0041_", 2, True, ["一", "二"]),  # a list: the general path joins it
    _Entry(None, None, None, None),
    _Entry("身份证", 1, True, "两行\n说明"),  # repeated: from the caches
    _Entry("\r回车", 10**15, 1, "\t制表"),
]


def test_compiled_rows_match_the_general_renderer() -> None:
    compiled = RowRenderer(_COLUMNS, _GETTERS, _WRITERS)
    general = RowRenderer(_COLUMNS, None, _WRITERS)
    assert compiled._compiled is not None
    for number, entry in enumerate(_ENTRIES, start=1):
        first = ("000101001000", "370811", number)
        values = [*first, *(get(entry) for get in _GETTERS)]
        assert compiled.render_object(entry, first) == general.render(values), entry


def test_an_empty_row_is_empty_and_a_short_first_takes_the_general_path() -> None:
    compiled = RowRenderer(_COLUMNS, _GETTERS, _WRITERS)
    assert compiled.render_object(_Entry(None, None, None, None), (None, None, None)) == ""
    general = RowRenderer(_COLUMNS, None, _WRITERS)
    entry = _ENTRIES[0]
    expected = general.render([*(get(entry) for get in _GETTERS)])
    assert compiled.render_object(entry) == expected


def test_export_renderers_are_compiled_for_every_sheet() -> None:
    for spec in _DATA_SHEETS:
        assert renderer(spec)._compiled is not None, spec.name
