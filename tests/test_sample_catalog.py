"""The shipped sample catalog: realistic, complete and clean."""

from __future__ import annotations

from collections import Counter

from ruamel.yaml import YAML

from catalog_tool import validate
from catalog_tool.domain import uscc
from tests.conftest import REPO

ITEMS = REPO / "items"


def _items() -> list[dict[str, object]]:
    yaml = YAML(typ="safe", pure=True)
    return [yaml.load(p.read_text(encoding="utf-8")) for p in sorted(ITEMS.glob("*/*.yaml"))]


def test_sample_catalog_validates_clean() -> None:
    report = validate(ITEMS)
    assert [(d.file, d.line, d.rule, d.message.zh) for d in report.diagnostics] == []
    assert report.items >= 30


def test_item_files_start_with_the_schema_line() -> None:
    for path in ITEMS.glob("*/*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schemas/item.schema.json", path


def test_sample_has_the_promised_shape() -> None:
    items = _items()
    regions = Counter(str(i["region"]) for i in items)
    assert {"000000", "370000", "370800"} <= set(regions)
    assert len([r for r in regions if r not in {"000000", "370000", "370800"}]) >= 2
    names = {str(i["name"]) for i in items}
    assert len(names) >= 8
    types = {str(i["type"]) for i in items}
    assert {"行政许可", "行政处罚", "公共服务"} <= types
    steps = [s for i in items for s in i.get("steps") or []]  # type: ignore[attr-defined]
    assert any(s.get("counted") is False and s.get("days") for s in steps)


def test_sample_credit_codes_have_valid_check_characters() -> None:
    codes = [i["agency"]["credit_code"] for i in _items() if "agency" in i]  # type: ignore[index]
    assert codes and all(uscc.problem(str(c)) is None for c in codes)
