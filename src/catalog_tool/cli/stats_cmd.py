"""``catalog stats``: counts, online rate, 即办件, time and visits against targets, findings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from catalog_tool.cli.common import (
    ConfigOption,
    JobsOption,
    LangOption,
    RegionOption,
    RootArgument,
    config_near,
    default_root,
    pick_lang,
    stdout_dash,
)
from catalog_tool.errors import CatalogError
from catalog_tool.io.atomic import write_bytes
from catalog_tool.stats import RENDERER_BY_NAME, StatsFormat, collect_stats
from catalog_tool.text import Text

EXAMPLES = """
Examples:

    catalog stats                           # the catalog in items/, as text
    catalog stats --region 370800           # a city and its counties
    catalog stats -f json -o stats.json     # for other programs
    catalog stats -f xlsx -o stats.xlsx     # one sheet per table
    catalog stats -f html -o stats.html     # the dashboard (SVG charts)

Online-rate targets per level are those of rule O002: rules.O002.targets
in catalog.toml (default 省级 90%, 市级 and 县级 80%).
"""


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("stats", epilog=EXAMPLES)
    def stats_command(
        root: RootArgument = None,
        region: RegionOption = None,
        fmt: Annotated[
            StatsFormat, typer.Option("--format", "-f", help="text, json, xlsx or html.")
        ] = StatsFormat.TEXT,
        output: Annotated[
            Path | None,
            typer.Option(
                "--output", "-o", help="Write to this file (default: stdout).", callback=stdout_dash
            ),
        ] = None,
        no_findings: Annotated[
            bool,
            typer.Option(
                "--no-findings", help="Skip the validate run that counts findings per region."
            ),
        ] = False,
        jobs: JobsOption = None,
        config: ConfigOption = None,
        lang: LangOption = None,
    ) -> None:
        """Report counts by type and level, 网上可办率 against targets, 即办件, time and visits."""
        if fmt.binary and output is None:
            raise CatalogError(
                Text(f"{fmt.value} 格式须用 -o 指定输出文件", f"{fmt.value} needs -o FILE"),
                Text(
                    "例如:catalog stats -f xlsx -o stats.xlsx",
                    "E.g. catalog stats -f xlsx -o stats.xlsx",
                ),
            )
        loaded = config_near(root, config)
        language = pick_lang(lang, loaded)
        stats = collect_stats(
            root if root is not None else default_root(loaded),
            loaded,
            region=region,
            jobs=jobs,
            findings=not no_findings,
        )
        data = RENDERER_BY_NAME[fmt](stats, language)
        if output is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            write_bytes(output, data)
        raise typer.Exit(0)
