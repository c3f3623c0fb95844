"""``catalog validate``."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from catalog_tool.catalog.layout import is_root
from catalog_tool.cli.common import (
    ConfigOption,
    JobsOption,
    LangOption,
    config_near,
    default_root,
    one_catalog,
    pick_lang,
)
from catalog_tool.cli.outputs import pair
from catalog_tool.cli.progress import progress_bar, wanted
from catalog_tool.config import LoadedConfig, unknown_selector
from catalog_tool.diagnostics import Severity
from catalog_tool.engine.run import validate
from catalog_tool.errors import CatalogError
from catalog_tool.io.atomic import write_text
from catalog_tool.render import REPORTER_BY_NAME, Format, RenderOptions
from catalog_tool.report import Report
from catalog_tool.text import Lang, Text

EXAMPLES = """
Examples:

    catalog validate                      # the catalog in items/ (or `root` in config)
    catalog validate items/370811         # report on one region's files
    catalog validate -f json -o report.json -f text
    catalog validate --select F,M --fail-level warning --lang en
    catalog validate --changed-since origin/main -f github   # a pull request in CI
    catalog validate --baseline catalog-baseline.json        # only findings not recorded
"""


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("validate", epilog=EXAMPLES)
    def validate_command(
        paths: Annotated[
            list[Path] | None,
            typer.Argument(help="Catalog root, or files and folders inside one catalog."),
        ] = None,
        formats: Annotated[
            list[Format] | None,
            typer.Option("--format", "-f", help="Output format; repeat for several."),
        ] = None,
        outputs: Annotated[
            list[Path] | None,
            typer.Option(
                "--output", "-o", help="File for the --format written before it ('-': stdout)."
            ),
        ] = None,
        select: Annotated[
            list[str] | None,
            typer.Option(help="Run only these rules: codes, prefixes or names, comma-separated."),
        ] = None,
        ignore: Annotated[
            list[str] | None, typer.Option(help="Also skip these rules, comma-separated.")
        ] = None,
        fail_level: Annotated[
            Severity | None, typer.Option(help="Exit 1 when a finding is at or above this.")
        ] = None,
        jobs: JobsOption = None,
        changed_since: Annotated[
            str | None,
            typer.Option(
                "--changed-since",
                help="Check only the items changed since this git revision, their upstream "
                "and downstream relatives and their regions.",
            ),
        ] = None,
        no_cache: Annotated[
            bool, typer.Option("--no-cache", help="Neither read nor write .catalog_cache/.")
        ] = False,
        baseline: Annotated[
            Path | None,
            typer.Option(
                "--baseline",
                help="Report only findings not recorded in this file "
                "(see catalog baseline write; default: the config's baseline).",
                dir_okay=False,
            ),
        ] = None,
        no_baseline: Annotated[
            bool, typer.Option("--no-baseline", help="Report every finding, ignoring any baseline.")
        ] = False,
        config: ConfigOption = None,
        lang: LangOption = None,
    ) -> None:
        """Check a catalog against format v1 and every enabled rule."""
        targets = list(paths or [])
        one_catalog(targets, "validate")
        loaded = _with_overrides(
            config_near(targets[0] if targets else None, config), select, ignore, fail_level
        )
        root = targets[0] if targets else default_root(loaded)
        narrow = [t for t in targets if not is_root(t)]
        language = pick_lang(lang, loaded)
        chosen = formats or [_default_format()]
        destinations = pair([f.value for f in chosen], [str(o) for o in outputs or []])
        watching = wanted(any(f.machine_readable for f in chosen) or bool(outputs))
        with progress_bar(language, watching) as progress:
            report = validate(
                root,
                loaded,
                paths=narrow,
                jobs=jobs,
                cache=False if no_cache else None,
                changed_since=changed_since,
                progress=progress,
                baseline=False if no_baseline else baseline,
            )
        _render(report, chosen, destinations, language)
        raise typer.Exit(1 if report.at_or_above(loaded.config.fail_level) else 0)


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _with_overrides(
    loaded: LoadedConfig,
    select: list[str] | None,
    ignore: list[str] | None,
    fail_level: Severity | None,
) -> LoadedConfig:
    settings = loaded.config
    for option, values in (("--select", select), ("--ignore", ignore)):
        unknown = unknown_selector(_split(values) or [])
        if unknown is not None:
            raise CatalogError(
                Text(
                    f"{option} {unknown}:没有这个规则或规则组",
                    f"{option} {unknown}: no rule or rule group has that name",
                ),
                Text(
                    "运行 catalog rules 查看全部规则代码(如 M001,或 M 表示整组)。",
                    "Run 'catalog rules' to list the codes (M001, or M for the group).",
                ),
            )
    updates: dict[str, object] = {}
    if (chosen := _split(select)) is not None:
        updates["select"] = chosen
    if (extra := _split(ignore)) is not None:
        updates["ignore"] = [*settings.ignore, *extra]
    if fail_level is not None:
        updates["fail_level"] = fail_level
    if not updates:
        return loaded
    return LoadedConfig(settings.model_copy(update=updates), loaded.path)


def _default_format() -> Format:
    return Format.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else Format.TEXT


def _render(report: Report, chosen: list[Format], targets: list[str], lang: Lang) -> None:
    for fmt, target in zip(chosen, targets, strict=True):
        reporter = REPORTER_BY_NAME[fmt]
        if target == "-":
            reporter(report, sys.stdout, RenderOptions(lang=lang))
            continue
        buffer = io.StringIO()
        reporter(report, buffer, RenderOptions(lang=lang, color=False))
        write_text(Path(target), buffer.getvalue())
