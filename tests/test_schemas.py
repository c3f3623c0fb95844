"""The checked-in JSON Schemas are exactly what the models generate, and they work."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from ruamel.yaml import YAML

from catalog_tool.model import schema_export
from tests.conftest import REPO

SCHEMAS = REPO / "schemas"


def test_checked_in_schemas_are_up_to_date() -> None:
    assert schema_export.stale(SCHEMAS) == [], "run: catalog schema --write"


def test_stale_schema_is_detected(tmp_path: Path) -> None:
    schema_export.write(tmp_path)
    assert schema_export.stale(tmp_path) == []
    (tmp_path / "item.schema.json").write_text("{}\n", encoding="utf-8")
    assert schema_export.stale(tmp_path) == ["item.schema.json"]


def _load(path: Path) -> object:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def test_sample_items_are_valid_against_the_item_schema() -> None:
    schema = json.loads((SCHEMAS / "item.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((REPO / "items").glob("*/*.yaml"))
    assert len(files) >= 30
    for path in files:
        errors = [e.message for e in validator.iter_errors(_load(path))]
        assert errors == [], path


def test_item_schema_requires_the_full_element_set_below_national() -> None:
    schema = json.loads((SCHEMAS / "item.schema.json").read_text(encoding="utf-8"))
    national = {
        "code": "000101001000",
        "name": "食品经营许可",
        "type": "行政许可",
        "region": "000000",
        "basis": ["《中华人民共和国食品安全法》第三十五条第一款"],
    }
    jsonschema.validate(national, schema)
    county = {**national, "region": "370811"}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(county))
    assert errors and "agency" in errors[0].message


def test_every_field_has_a_chinese_title_and_description() -> None:
    schema = json.loads((SCHEMAS / "item.schema.json").read_text(encoding="utf-8"))
    missing = []
    for name, definition in [("Item", schema), *schema.get("$defs", {}).items()]:
        for key, prop in definition.get("properties", {}).items():
            if not prop.get("title") or not prop.get("description"):
                missing.append(f"{name}.{key}")
    assert missing == []


def test_regions_file_is_valid_against_its_schema() -> None:
    schema = json.loads((SCHEMAS / "regions.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(_load(REPO / "items" / "regions.yaml"), schema)
