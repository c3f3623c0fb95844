"""GitHub Actions workflow commands: annotations on the pull request's lines."""

from __future__ import annotations

from typing import TextIO

from catalog_tool.diagnostics import Severity
from catalog_tool.render.options import RenderOptions
from catalog_tool.report import Report

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    """Write one ``::error``/``::warning``/``::notice`` line per diagnostic."""
    for d in report.diagnostics:
        message = d.message_at_cell(options.lang)
        if d.hint is not None:
            message += "\n" + d.hint.get(options.lang)
        title = f"{d.rule}"
        stream.write(
            f"::{_COMMAND[d.severity]} file={_property(d.file or '')},line={d.line},"
            f"col={d.column},title={_property(title)}::{_data(message)}\n"
        )
