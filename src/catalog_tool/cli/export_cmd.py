"""``catalog export``: the command group for spreadsheets and service guides."""

from __future__ import annotations

import typer

from catalog_tool.cli import export_guide, export_sheets

export_app = typer.Typer(
    name="export",
    help="Export the catalog: Excel lists, the import template, service guides.",
    no_args_is_help=True,
    epilog="""
Examples:

    catalog export xlsx -o 事项清单.xlsx            # the item lists
    catalog export template --region 370811 -o 任城区.xlsx
    catalog export guide -o site                  # 办事指南 as a searchable site
""",
)
export_sheets.register(export_app)
export_guide.register(export_app)


def register(app: typer.Typer) -> None:
    """Add the command group to ``app``."""
    app.add_typer(export_app)
