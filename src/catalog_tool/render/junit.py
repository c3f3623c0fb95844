"""JUnit XML: one test case per file, failing with its errors and warnings."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from catalog_tool.diagnostics import Diagnostic, Severity
from catalog_tool.render.options import RenderOptions
from catalog_tool.report import Report


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    """Write ``report`` as a JUnit XML document."""
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in report.diagnostics:
        by_file[d.file or ""].append(d)
    files = list(dict.fromkeys([*report.checked, *by_file]))
    failing = [f for f in files if any(d.severity is not Severity.INFO for d in by_file[f])]
    suites = ET.Element("testsuites", name=options.command)
    suite = ET.SubElement(
        suites,
        "testsuite",
        name=options.command,
        tests=str(len(files)),
        failures=str(len(failing)),
        errors="0",
        skipped="0",
    )
    for file in files:
        case = ET.SubElement(suite, "testcase", classname="catalog", name=file)
        problems = [d for d in by_file[file] if d.severity is not Severity.INFO]
        if not problems:
            continue
        lines = [
            f"{d.where}: {d.severity.value} {d.rule} {d.message.get(options.lang)}"
            for d in problems
        ]
        failure = ET.SubElement(
            case,
            "failure",
            message=f"{len(problems)} problem(s)",
            type=",".join(sorted({d.rule for d in problems})),
        )
        failure.text = "\n".join(lines)
    ET.indent(suites)
    stream.write('<?xml version="1.0" encoding="utf-8"?>\n')
    stream.write(ET.tostring(suites, encoding="unicode"))
    stream.write("\n")
