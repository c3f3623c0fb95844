"""SARIF 2.1.0, for GitHub code scanning and other SAST dashboards."""

from __future__ import annotations

import json
from typing import Any, TextIO

from catalog_tool._version import __version__
from catalog_tool.diagnostics import Severity
from catalog_tool.render.options import RenderOptions
from catalog_tool.report import Report
from catalog_tool.rules import all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def document(report: Report, options: RenderOptions) -> dict[str, Any]:
    """The report as a SARIF log."""
    lang = options.lang
    rules = all_rules()
    used = sorted({d.rule for d in report.diagnostics})
    descriptors = [
        {
            "id": code,
            "name": rules[code].name,
            "shortDescription": {"text": rules[code].summary.get(lang)},
            "fullDescription": {"text": rules[code].doc.what.get(lang)},
            "help": {"text": rules[code].doc.why.get(lang)},
            "defaultConfiguration": {"level": _LEVEL[rules[code].severity]},
        }
        for code in used
        if code in rules
    ]
    index = {code: i for i, code in enumerate(used)}
    results = []
    for d in report.diagnostics:
        text = d.message_at_cell(lang)
        if d.hint is not None:
            text += "\n" + d.hint.get(lang)
        result: dict[str, Any] = {
            "ruleId": d.rule,
            "ruleIndex": index[d.rule],
            "level": _LEVEL[d.severity],
            "message": {"text": text},
            "locations": [_location(d.file or "", d.line, d.column, d.cell)],
        }
        if d.related:
            result["relatedLocations"] = [
                {"id": i, **_location(r.file, r.line, r.column)} for i, r in enumerate(d.related)
            ]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "catalog-tool",
                        "version": __version__,
                        "informationUri": "https://github.com/catalog-tool/catalog-tool",
                        "rules": descriptors,
                    }
                },
                "results": results,
            }
        ],
    }


def _location(file: str, line: int, column: int, cell: str | None = None) -> dict[str, Any]:
    """A place in a file; in a workbook, its row and column, and the cell by name."""
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": file},
            "region": {"startLine": line, "startColumn": column},
        }
    }
    if cell is not None:
        location["logicalLocations"] = [{"name": cell, "kind": "element"}]
    return location


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    """Write ``report`` as SARIF to ``stream``."""
    json.dump(document(report, options), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
