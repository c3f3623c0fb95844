"""Spreadsheets in and out: the import template, the exported lists, department imports.

* :func:`write_template` — the blank workbook departments fill in (``catalog export template``);
* :func:`export_xlsx` — the item lists as a workbook (``catalog export xlsx``);
* :func:`import_file` — a department's .xlsx or .csv into item files (``catalog import``),
  every problem placed at its sheet and cell; :func:`annotate` writes the workbook back
  with those cells marked.

The three share one set of columns (:mod:`catalog_tool.sheets.columns`), so an export
imports back unchanged. Names are imported on first use: openpyxl is needed only by the
template and the annotated copy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from catalog_tool.sheets.annotate import annotate
    from catalog_tool.sheets.export import ExportResult, export_xlsx
    from catalog_tool.sheets.importing import ImportResult, import_file
    from catalog_tool.sheets.plan import Outcome, Planned
    from catalog_tool.sheets.template import write_template

_LAZY = {
    "annotate": "catalog_tool.sheets.annotate",
    "ExportResult": "catalog_tool.sheets.export",
    "export_xlsx": "catalog_tool.sheets.export",
    "ImportResult": "catalog_tool.sheets.importing",
    "import_file": "catalog_tool.sheets.importing",
    "Outcome": "catalog_tool.sheets.plan",
    "Planned": "catalog_tool.sheets.plan",
    "write_template": "catalog_tool.sheets.template",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'catalog_tool.sheets' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "ExportResult",
    "ImportResult",
    "Outcome",
    "Planned",
    "annotate",
    "export_xlsx",
    "import_file",
    "write_template",
]
