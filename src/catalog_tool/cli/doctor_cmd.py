"""``catalog doctor``: check the environment and the catalog."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from catalog_tool.cli.common import ConfigOption, LangOption, pick_lang

EXAMPLES = """
Examples:

    catalog doctor                      # this machine and the catalog in items/
    catalog doctor path/to/items        # another catalog
    catalog doctor --format json        # for scripts: every check with its figures
"""


class DoctorFormat(StrEnum):
    """Output formats of ``catalog doctor``."""

    TEXT = "text"
    JSON = "json"


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("doctor", epilog=EXAMPLES)
    def doctor_command(
        catalog: Annotated[
            Path | None,
            typer.Argument(help="Catalog root, or a path inside one (default: as validate)."),
        ] = None,
        output_format: Annotated[
            DoctorFormat, typer.Option("--format", "-f", help="Output format.")
        ] = DoctorFormat.TEXT,
        config: ConfigOption = None,
        lang: LangOption = None,
    ) -> None:
        """Check Python, dependencies, Chromium, git, the config, the law registry, the
        cache, the lock and the encoding of the catalog's files.

        Exit 0 when nothing is an error, 1 when a check is an error.
        """
        from catalog_tool.doctor import Status, run_checks, worst
        from catalog_tool.doctor.render import render_json, render_text

        language = pick_lang(lang)
        checks = run_checks(catalog, config=config)
        match output_format:
            case DoctorFormat.TEXT:
                render_text(checks, sys.stdout, language)
            case DoctorFormat.JSON:
                render_json(checks, sys.stdout, language)
        raise typer.Exit(1 if worst(checks) is Status.ERROR else 0)
