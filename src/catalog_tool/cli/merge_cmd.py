"""``catalog merge``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from catalog_tool.cli.common import ConfigOption, LangOption, config_near, default_root, pick_lang
from catalog_tool.errors import CatalogError
from catalog_tool.text import Text

EXAMPLES = """
Examples:

    catalog merge                              # carry every upstream change down, top-down
    catalog merge --check                      # CI: exit 1 if an item is out of date
    catalog merge --into 370811 --dry-run      # one county: print the diff, write nothing
    catalog merge --from 370000 --into 370800 --strategy theirs
    catalog merge --into 370826 --create       # also create stubs for new upstream items
    catalog merge --check -f json              # for a bot: conflicts with file and line
"""


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("merge", epilog=EXAMPLES)
    def merge_command(
        catalog: Annotated[
            Path | None, typer.Argument(help="The catalog root (default: items/ or config).")
        ] = None,
        from_region: Annotated[
            str | None,
            typer.Option("--from", help="Only carry down changes of this upstream region."),
        ] = None,
        into: Annotated[
            list[str] | None,
            typer.Option("--into", help="Only merge into these regions; repeatable."),
        ] = None,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Print the diff it would write; write nothing.")
        ] = False,
        check: Annotated[
            bool, typer.Option("--check", help="Write nothing; exit 1 if an item is out of date.")
        ] = False,
        strategy: Annotated[
            str | None,
            typer.Option(
                "--strategy", help="Resolve conflicts: ours (keep local) or theirs (take upstream)."
            ),
        ] = None,
        create: Annotated[
            bool,
            typer.Option("--create", help="Create stubs in --into regions for new upstream items."),
        ] = False,
        output_format: Annotated[
            str,
            typer.Option(
                "--format",
                "-f",
                help="text, or json (schemas/merge.schema.json; with --dry-run, each diff too).",
            ),
        ] = "text",
        config: ConfigOption = None,
        lang: LangOption = None,
    ) -> None:
        """Carry upstream changes down into descendant items (three-way merge).

        Upstream-owned fields (name, type, basis, materials, conditions, legal days …)
        follow upstream; local fields stay; changes on both sides are conflicts, reported
        with file and line and left untouched unless --strategy. Comments and layout are
        kept; writes are atomic; a second run is a no-op.
        """
        from catalog_tool.merge import merge
        from catalog_tool.merge.report import render, summary, unified_diff

        if output_format not in ("text", "json"):
            raise CatalogError(
                Text(f"不支持的格式 {output_format}", f"unknown format {output_format!r}"),
                Text("可用:text、json", "Choose one of: text, json"),
            )
        loaded = config_near(catalog, config)
        language = pick_lang(lang, loaded)
        splits = [v.strip() for value in into or [] for v in value.split(",") if v.strip()]
        result = merge(
            catalog if catalog is not None else default_root(loaded),
            from_region=from_region,
            into=splits,
            write=not (dry_run or check),
            strategy=strategy,
            create=create,
            texts=dry_run,
        )
        if output_format == "json":
            from catalog_tool.merge.output import merge_out

            data = merge_out(result, language, diffs=dry_run).model_dump(mode="json")
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif dry_run:
            for item in result.items:
                sys.stdout.write(unified_diff(item))
            render(result, sys.stderr, language)
            sys.stderr.write(summary(result, language) + "\n")
        else:
            render(result, sys.stdout, language)
            typer.echo(summary(result, language))
        if result.skipped:
            raise typer.Exit(2)
        raise typer.Exit(1 if result.conflicts or (check and result.out_of_date) else 0)
