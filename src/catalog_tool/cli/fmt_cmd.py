"""``catalog fmt``."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Annotated

import typer

from catalog_tool.cli.common import JobsOption, LangOption, config_near, one_catalog, pick_lang
from catalog_tool.cli.progress import progress_bar, wanted
from catalog_tool.text import Text

EXAMPLES = """
Examples:

    catalog fmt                       # rewrite items/ in canonical form
    catalog fmt --check               # CI: exit 1 if any file would change
    catalog fmt items/370811 --diff   # show what would change, write nothing
"""

MIN_FILES = 100
"""Formatting takes about 30 ms a file: a bar is worth drawing from 100 files (3 s) on."""


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("fmt", epilog=EXAMPLES)
    def fmt_command(
        paths: Annotated[
            list[Path] | None, typer.Argument(help="Catalog root, or files and folders in it.")
        ] = None,
        check: Annotated[
            bool, typer.Option("--check", help="Write nothing; exit 1 if a file would change.")
        ] = False,
        diff: Annotated[
            bool, typer.Option("--diff", help="Print the changes as a diff; write nothing.")
        ] = False,
        jobs: JobsOption = None,
        no_cache: Annotated[
            bool,
            typer.Option(
                "--no-cache",
                help="Parse every file, and neither read nor write .catalog_cache/fmt.pickle.",
            ),
        ] = False,
        lang: LangOption = None,
    ) -> None:
        """Rewrite files in canonical form: key order, quoted codes, normalized text.

        Comments, quoting and layout are kept; files with YAML errors are left alone and
        reported. Items found canonical before are not parsed again while their content
        is unchanged (``cache`` and ``jobs`` in catalog.toml apply, as for validate).
        """
        from catalog_tool.catalog.layout import display_path, is_root
        from catalog_tool.formatting.run import format_catalog
        from catalog_tool.render import RenderOptions
        from catalog_tool.render.text import render_diagnostics

        language = pick_lang(lang)
        targets = list(paths or [])
        one_catalog(targets, "fmt")
        settings = config_near(targets[0] if targets else None, None).config
        root = targets[0] if targets else (Path("items") if Path("items").is_dir() else Path())
        narrow = [t for t in targets if not is_root(t)]
        label = Text("格式化文件", "formatting files")
        with progress_bar(language, wanted(machine_readable=False), label, MIN_FILES) as progress:
            result = format_catalog(
                root,
                narrow,
                write=not (check or diff),
                jobs=jobs if jobs is not None else settings.jobs,
                progress=progress,
                cache=settings.cache and not no_cache,
            )
        for change in result.changes:
            shown = display_path(change.path)
            if diff:
                sys.stdout.writelines(
                    difflib.unified_diff(
                        change.before.splitlines(keepends=True),
                        change.after.splitlines(keepends=True),
                        fromfile=shown if shown.startswith("/") else f"a/{shown}",
                        tofile=shown if shown.startswith("/") else f"b/{shown}",
                    )
                )
            elif check:
                typer.echo(Text(f"需要格式化:{shown}", f"would reformat {shown}").get(language))
        if result.problems:
            render_diagnostics(result.problems, sys.stderr, RenderOptions(lang=language))
        count = len(result.changes)
        if check or diff:
            summary = Text(
                f"{count} 个文件需要格式化,共 {result.checked} 个",
                f"{count} of {result.checked} files would be reformatted",
            )
        else:
            summary = Text(
                f"已格式化 {count} 个文件,共 {result.checked} 个",
                f"reformatted {count} of {result.checked} files",
            )
        typer.echo(summary.get(language), err=diff)
        if result.problems:
            raise typer.Exit(2)
        raise typer.Exit(1 if check and count else 0)
