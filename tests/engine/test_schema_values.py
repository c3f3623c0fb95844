"""S003/S004 messages show a value the way the YAML file spells it, never a Python repr."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result

Run = Callable[..., Result]
ITEM = "370811/000101001000.yaml"


def _write(catalog: Path, old: str, new: str) -> None:
    path = catalog / ITEM
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _findings(result: Result) -> list[str]:
    """The finding lines, from the file name on (the catalog's folder cut off)."""
    return [line[line.index(ITEM) :] for line in result.out.splitlines() if ITEM in line]


def test_date_true_and_null_read_as_written(run_cli: Run, catalog: Path) -> None:
    _write(catalog, "nature: 法定机关}", "nature: null}")
    _write(catalog, "handling: 承诺件", "handling: true")
    _write(catalog, "visits: 0", "visits: 2024-01-01 08:30:00")
    _write(catalog, "status: 在用", "status: 2024-01-01")
    result = run_cli("validate", str(catalog), "--select", "S")
    assert result.code == 1
    assert _findings(result) == [
        f"{ITEM}:8:66: 错误 S004 实施主体性质(nature)的值 null 不在允许范围内",
        f"{ITEM}:28:1: 错误 S004 办件类型(handling)的值 true 不在允许范围内",
        f"{ITEM}:30:1: 错误 S003 到办事现场次数(visits)应为整数,实际为 2024-01-01 08:30:00",
        f"{ITEM}:36:1: 错误 S004 事项状态(status)的值 2024-01-01 不在允许范围内",
    ]
    english = run_cli("validate", str(catalog), "--select", "S004", "--lang", "en")
    assert _findings(english)[-1] == (
        f"{ITEM}:36:1: error S004 status (事项状态): 2024-01-01 is not allowed"
    )


def test_infinity_reads_as_yaml_writes_it(run_cli: Run, catalog: Path) -> None:
    _write(catalog, "depth: 4", "depth: .inf")
    result = run_cli("validate", str(catalog), "--select", "S")
    assert _findings(result) == [f"{ITEM}:31:27: 错误 S003 网上办理深度(depth)应为整数,实际为 .inf"]
