"""JSON Schemas in ``schemas/``, generated from the models (``catalog schema --write``).

A test fails when the checked-in files differ from what this module generates.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from catalog_tool.legal import registry as law_registry
from catalog_tool.model.baseline import BaselineOut
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.model.item import IMPLEMENTATION_REQUIRED, NULLABLE_IN_IMPLEMENTATION, Item
from catalog_tool.model.regions import RegionsFile
from catalog_tool.model.report import ReportOut

DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://catalog-tool.github.io/schemas/"


def item_schema() -> dict[str, Any]:
    """Format v1 of an item: national items need four keys, implementation items all."""
    schema = Item.model_json_schema()
    not_null = {
        name: {"not": {"type": "null"}}
        for name in IMPLEMENTATION_REQUIRED
        if name not in NULLABLE_IN_IMPLEMENTATION
    }
    schema["if"] = {
        "properties": {"region": {"const": NATIONAL_REGION}},
        "required": ["region"],
    }
    schema["else"] = {"required": list(IMPLEMENTATION_REQUIRED), "properties": not_null}
    return _wrap("item.schema.json", schema)


def regions_schema() -> dict[str, Any]:
    """``regions.yaml``: a list of regions."""
    schema = RegionsFile.model_json_schema()
    schema["title"] = "区划列表"
    schema["description"] = "目录中的区划及其上级(regions.yaml)。"
    return _wrap("regions.schema.json", schema)


def report_schema() -> dict[str, Any]:
    """The JSON report of ``catalog validate``."""
    return _wrap("report.schema.json", ReportOut.model_json_schema())


def laws_schema() -> dict[str, Any]:
    """A law registry file (the bundled one, or a catalog's laws.yaml)."""
    return _wrap("laws.schema.json", law_registry.schema())


def baseline_schema() -> dict[str, Any]:
    """The baseline file written by ``catalog baseline write``."""
    return _wrap("baseline.schema.json", BaselineOut.model_json_schema())


def diff_schema() -> dict[str, Any]:
    """The JSON output of ``catalog diff``, with the field ownership table of merge."""
    from catalog_tool.diff.output import diff_schema as generated

    return _wrap("diff.schema.json", generated())


def merge_schema() -> dict[str, Any]:
    """The JSON output of ``catalog merge``."""
    from catalog_tool.merge.output import merge_schema as generated

    return _wrap("merge.schema.json", generated())


def _wrap(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": DIALECT, "$id": BASE_ID + name, **schema}


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "item.schema.json": item_schema,
    "regions.schema.json": regions_schema,
    "report.schema.json": report_schema,
    "laws.schema.json": laws_schema,
    "diff.schema.json": diff_schema,
    "merge.schema.json": merge_schema,
    "baseline.schema.json": baseline_schema,
}


def render(name: str) -> str:
    """The text of schema ``name`` as it is checked in."""
    return json.dumps(SCHEMAS[name](), ensure_ascii=False, indent=2) + "\n"


def stale(folder: Path) -> list[str]:
    """Schema files in ``folder`` that are missing or differ from the models."""
    out = []
    for name in SCHEMAS:
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(name):
            out.append(name)
    return out


def write(folder: Path) -> list[str]:
    """Write every stale schema into ``folder``; return their names."""
    from catalog_tool.io.atomic import write_text

    changed = stale(folder)
    for name in changed:
        write_text(folder / name, render(name))
    return changed
