"""load_regions: a regions.yaml that cannot be read is named by what is wrong with it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from catalog_tool.catalog.regions_file import load_regions
from catalog_tool.errors import CatalogError
from tests.conftest import Result

UNCLOSED = '- {code: "000000", name: 全国}\n- {code: "370000", name: 山东省, parent: "000000"\n'


def _error(root: Path, text: str) -> CatalogError:
    (root / "regions.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as raised:
        load_regions(root)
    return raised.value


def test_a_syntax_error_is_y001_at_the_parser_position_as_in_an_item_file(
    tmp_path: Path,
) -> None:
    error = _error(tmp_path, UNCLOSED)
    path = tmp_path / "regions.yaml"
    assert (
        error.text.zh
        == f"{path}:3:1: Y001 YAML 语法错误:花括号映射“{{ … }}”没有正确闭合:应为“,”或“}}”"
    )
    assert error.text.en == f"{path}:3:1: Y001 YAML syntax error: did not find expected ',' or '}}'"
    assert error.hint is not None
    assert error.hint.zh == "检查该位置附近的缩进、冒号和引号;含冒号或 # 的值请加引号。"


def test_a_syntax_error_in_the_middle_is_placed_where_the_parser_stops(tmp_path: Path) -> None:
    text = UNCLOSED + '- {code: "370800", name: 济宁市, parent: "370000"}\n'
    assert _error(tmp_path, text).text.en.startswith(
        f"{tmp_path / 'regions.yaml'}:3:1: Y001 YAML syntax error:"
    )


def test_a_readable_file_that_is_not_a_list_is_still_the_wrong_shape(tmp_path: Path) -> None:
    error = _error(tmp_path, 'code: "000000"\nname: 全国\n')
    assert error.text.zh == f"{tmp_path / 'regions.yaml'}:1:1: regions.yaml 无法使用:应为区划列表"


def test_validate_reports_the_syntax_error_and_exits_2(
    run_cli: Callable[..., Result], catalog: Path
) -> None:
    (catalog / "regions.yaml").write_text(UNCLOSED, encoding="utf-8")
    result = run_cli("validate", str(catalog))
    assert result.code == 2
    assert f"{catalog / 'regions.yaml'}:3:1: Y001 YAML 语法错误" in result.err
    assert "应为区划列表" not in result.err and "Traceback" not in result.err
