"""The versioned JSON report (schema: ``schemas/report.schema.json``)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from catalog_tool._version import __version__
from catalog_tool.diagnostics import Diagnostic
from catalog_tool.render.options import RenderOptions
from catalog_tool.report import REPORT_VERSION, Report
from catalog_tool.text import Lang


def document(report: Report, lang: Lang) -> dict[str, Any]:
    """The report as JSON-ready data."""
    data: dict[str, Any] = {
        "version": REPORT_VERSION,
        "tool": {"name": "catalog-tool", "version": __version__},
        "lang": lang.value,
        "root": report.root,
        "summary": {
            "files": report.files,
            "items": report.items,
            "errors": report.errors,
            "warnings": report.warnings,
            "infos": report.infos,
        },
        "diagnostics": [diagnostic(d, lang) for d in report.diagnostics],
    }
    if report.baseline is not None:
        data["baseline"] = {
            "file": report.baseline.file,
            "hidden": report.baseline.hidden,
            "stale": [
                {"file": e.file, "rule": e.rule, "pointer": e.pointer, "message": e.message}
                for e in report.baseline.stale
            ],
        }
    return data


def diagnostic(d: Diagnostic, lang: Lang) -> dict[str, Any]:
    """One diagnostic as JSON-ready data; absent fields are left out."""
    out: dict[str, Any] = {
        "rule": d.rule,
        "severity": d.severity.value,
        "message": d.message.get(lang),
    }
    if d.hint is not None:
        out["hint"] = d.hint.get(lang)
    out["file"] = d.file
    if d.cell is None:
        out["line"], out["column"], out["pointer"] = d.line, d.column, d.pointer
    for key in ("region", "code", "sheet", "cell"):
        value = getattr(d, key)
        if value is not None:
            out[key] = value
    if d.related:
        out["related"] = [
            {"file": r.file, "line": r.line, "column": r.column, "pointer": r.pointer}
            for r in d.related
        ]
    return out


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    """Write ``report`` as JSON to ``stream``."""
    json.dump(document(report, options.lang), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
