"""``catalog import``: department spreadsheets into item files."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from catalog_tool import keepalive
from catalog_tool.cli.common import (
    ConfigOption,
    JobsOption,
    LangOption,
    config_near,
    file_only,
    pick_lang,
    stdout_dash,
)
from catalog_tool.cli.export_sheets import CatalogOption, catalog_root
from catalog_tool.diagnostics import Severity
from catalog_tool.io.atomic import write_text
from catalog_tool.render import REPORTER_BY_NAME, Format, RenderOptions
from catalog_tool.report import Report
from catalog_tool.text import Lang, Text

if TYPE_CHECKING:
    from catalog_tool.sheets.importing import ImportResult

EXAMPLES = """
Examples:

    catalog import 任城区.xlsx --region 370811 --dry-run     # what would change
    catalog import 任城区.xlsx --region 370811               # write, then validate
    catalog import 任城区.xlsx --region 370811 --annotate 任城区-问题.xlsx
    catalog import 清单.csv --region 370800 -f json -o import.json
"""

_LISTED = 200
_COMMAND = "catalog import"
"""How the JUnit report names its suite."""
"""A dry run names at most this many files."""


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("import", epilog=EXAMPLES)
    def import_command(
        file: Annotated[Path, typer.Argument(help="The .xlsx or .csv file to import.")],
        region: Annotated[
            str,
            typer.Option(
                help="Region of rows without 区划代码; rows that give one must be in it or below it."
            ),
        ],
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
        ] = False,
        annotate: Annotated[
            Path | None,
            typer.Option(
                "--annotate",
                help="Also write a copy of the workbook with the problem cells marked.",
                dir_okay=False,
                callback=file_only,
            ),
        ] = None,
        output_format: Annotated[
            Format, typer.Option("--format", "-f", help="Format of the problems report.")
        ] = Format.TEXT,
        output: Annotated[
            Path | None,
            typer.Option(
                "--output", "-o", help="Write the report to this file.", callback=stdout_dash
            ),
        ] = None,
        fail_level: Annotated[
            Severity | None, typer.Option(help="Exit 1 when a problem is at or above this.")
        ] = None,
        jobs: JobsOption = None,
        catalog: CatalogOption = None,
        config: ConfigOption = None,
        lang: LangOption = None,
    ) -> None:
        """Import a department's workbook (or CSV) into items/<region>/<code>.yaml.

        Reads messy sheets too: title rows above the headers, header aliases, merged
        cells, codes that lost their leading zeros, materials listed in one cell. Every
        problem names its sheet and cell. Existing files keep their comments and every
        field the sheet leaves empty; importing the same sheet twice changes nothing.
        """
        from catalog_tool.sheets.importing import import_file

        if annotate is not None:
            from catalog_tool.sheets.annotate import check_output

            check_output(file, annotate)  # before the import, not after it
        root = catalog_root(catalog)
        loaded = config_near(root, config)
        language = pick_lang(lang, loaded)
        result = import_file(
            file, region=region, root=root, dry_run=dry_run, config=loaded, jobs=jobs
        )
        keepalive.hold(result)  # millions of records: freeing them would take about a second
        report = Report(
            root=result.source,
            files=1,
            items=len(result.planned),
            diagnostics=tuple(result.placed()),
        )
        machine = output_format is not Format.TEXT and output is None
        table_stream = sys.stderr if machine else sys.stdout
        _render(report, output_format, output, language)
        _table(result, table_stream, language)
        if annotate is not None:
            from catalog_tool.sheets.annotate import annotate as write_annotated
            from catalog_tool.sheets.reading import read_book

            marked = write_annotated(read_book(file), result.in_cells(), annotate, language)
            table_stream.write(
                Text(
                    f"已写出批注副本 {annotate}:标出了 {marked} 个单元格\n",
                    f"wrote the annotated copy {annotate}: {marked} cells marked\n",
                ).get(language)
            )
        level = fail_level or loaded.config.fail_level
        raise typer.Exit(1 if result.at_or_above(level) else 0)


def _render(report: Report, fmt: Format, output: Path | None, lang: Lang) -> None:
    reporter = REPORTER_BY_NAME[fmt]
    if output is None:
        if fmt is Format.TEXT and not report.diagnostics:
            return
        reporter(report, sys.stdout, RenderOptions(lang=lang, command=_COMMAND))
        return
    buffer = io.StringIO()
    reporter(report, buffer, RenderOptions(lang=lang, color=False, command=_COMMAND))
    write_text(output, buffer.getvalue())


def _table(result: ImportResult, stream: TextIO, lang: Lang) -> None:
    from catalog_tool.sheets.importing import summary_rows
    from catalog_tool.sheets.plan import Outcome

    zh = lang is Lang.ZH
    title = (
        ("试运行(未写入任何文件)" if zh else "dry run (nothing written)")
        if result.dry_run
        else ("导入结果" if zh else "import")
    )
    stream.write(f"{title}: {result.source} → {result.root} ({result.region})\n")
    for text, count in summary_rows(result):
        stream.write(f"  {text.get(lang):<10} {count:>7}\n")
    if result.dry_run:
        listed = [p for p in result.planned if p.outcome in (Outcome.NEW, Outcome.CHANGED)]
        for planned in listed[:_LISTED]:
            word = Text("新增", "new") if planned.outcome is Outcome.NEW else Text("修改", "change")
            stream.write(f"  {word.get(lang)} {planned.path}\n")
        if len(listed) > _LISTED:
            more = len(listed) - _LISTED
            stream.write(Text(f"  ……另有 {more} 个\n", f"  … and {more} more\n").get(lang))
