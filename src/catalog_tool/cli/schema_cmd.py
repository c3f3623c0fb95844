"""``catalog schema``: write or check the JSON Schemas generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from catalog_tool.cli.common import err

EXAMPLES = """
Examples:

    catalog schema --write             # regenerate schemas/*.json
    catalog schema --check             # exit 1 if they are stale (CI)
    catalog schema --print item.schema.json
"""


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("schema", epilog=EXAMPLES)
    def schema_command(
        write: Annotated[bool, typer.Option("--write", help="Write the schema files.")] = False,
        check: Annotated[bool, typer.Option("--check", help="Exit 1 when stale.")] = False,
        show: Annotated[
            str | None, typer.Option("--print", help="Print one schema to stdout.")
        ] = None,
        folder: Annotated[Path, typer.Option("--dir", help="Schema folder.")] = Path("schemas"),
    ) -> None:
        """Generate the JSON Schemas (item, regions, report, laws) from the models."""
        from catalog_tool.model import schema_export

        if show is not None:
            if show not in schema_export.SCHEMAS:
                err(f"unknown schema {show!r}; choose from {', '.join(schema_export.SCHEMAS)}")
                raise typer.Exit(2)
            typer.echo(schema_export.render(show), nl=False)
            raise typer.Exit(0)
        if write:
            for name in schema_export.write(folder):
                typer.echo(f"wrote {folder / name}")
            raise typer.Exit(0)
        stale = schema_export.stale(folder)
        for name in stale:
            err(f"{folder / name} is stale; run: catalog schema --write")
        if not check and not stale:
            typer.echo("schemas are up to date")
        raise typer.Exit(1 if stale else 0)
