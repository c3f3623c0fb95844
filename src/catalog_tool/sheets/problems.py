"""Diagnostics in spreadsheet terms: each names the sheet and cell (``事项!C12``).

Import problems reuse the rule codes of the checks they correspond to, so that config,
reporters and ``catalog explain`` treat them alike: S001 a required value is missing,
S002 a column or sheet that is not recognised, or a hidden row (a warning: its content is
not imported), S003 a value of the wrong type or format, S004 a value not allowed, C001 a
bad 基本编码, C003 the same item twice, C004 a region that is unknown or outside
``--region``, Y001 an existing item file that cannot be read.
"""

from __future__ import annotations

from catalog_tool.diagnostics import Diagnostic, Severity
from catalog_tool.rules import all_rules
from catalog_tool.sheets.book import cell_name
from catalog_tool.text import Text


def severity_of(rule: str) -> Severity:
    """The registered severity of ``rule``."""
    found = all_rules().get(rule)
    return found.severity if found is not None else Severity.ERROR


def at_cell(
    rule: str,
    message: Text,
    hint: Text | None,
    *,
    file: str,
    sheet: str,
    row: int,
    column: int,
    severity: Severity | None = None,
    region: str | None = None,
    code: str | None = None,
    pointer: str = "",
) -> Diagnostic:
    """A diagnostic at one cell; ``line`` and ``column`` carry the row and column number
    for reporters that show only those."""
    return Diagnostic(
        rule=rule,
        severity=severity if severity is not None else severity_of(rule),
        message=message,
        hint=hint,
        file=file,
        line=row,
        column=column,
        pointer=pointer,
        region=region,
        code=code,
        sheet=sheet,
        cell=cell_name(sheet, row, column),
    )
