"""``catalog baseline write|prune``: record today's findings, or drop the fixed ones."""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Annotated

import typer

from catalog_tool.catalog.layout import display_path, find_root
from catalog_tool.cli.common import (
    ConfigOption,
    JobsOption,
    LangOption,
    config_near,
    default_root,
    pick_lang,
)
from catalog_tool.config import LoadedConfig
from catalog_tool.engine.baseline_update import BaselineUpdate, prune, record
from catalog_tool.text import Lang

baseline_app = typer.Typer(
    name="baseline",
    help="Record today's findings so that validate fails only on new ones.",
    no_args_is_help=True,
    epilog="""
Examples:

    catalog baseline write                  # record today's findings
    catalog baseline prune                  # drop the entries that were fixed
""",
)

CatalogArgument = Annotated[
    Path | None, typer.Argument(help="The catalog root (default: items/ or the config's root).")
]
FileOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="The baseline file (default: the config's baseline, else "
        "catalog-baseline.json in the catalog root).",
        dir_okay=False,
    ),
]

WRITE_EXAMPLES = """
Examples:

    catalog baseline write                  # items/catalog-baseline.json
    catalog baseline write -o ci/baseline.json

Then name it in catalog.toml, so that validate uses it:

    baseline = "catalog-baseline.json"
"""

PRUNE_EXAMPLES = """
Example:

    catalog baseline prune                  # drop the entries that were fixed
"""


@baseline_app.command("write", epilog=WRITE_EXAMPLES)
def write_command(
    catalog: CatalogArgument = None,
    output: FileOption = None,
    jobs: JobsOption = None,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Validate the whole catalog and record every finding in the baseline file."""
    loaded = config_near(catalog, config)
    root = catalog or default_root(loaded)
    done = record(root, loaded, output, jobs=jobs)
    _say(done, pick_lang(lang, loaded), _config_folder(loaded, root), pruned=False)


@baseline_app.command("prune", epilog=PRUNE_EXAMPLES)
def prune_command(
    catalog: CatalogArgument = None,
    output: FileOption = None,
    jobs: JobsOption = None,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Remove the baseline entries that no longer occur; never add new findings."""
    loaded = config_near(catalog, config)
    root = catalog or default_root(loaded)
    done = prune(root, loaded, output, jobs=jobs)
    _say(done, pick_lang(lang, loaded), _config_folder(loaded, root), pruned=True)


def _config_folder(loaded: LoadedConfig, root: Path) -> Path:
    """Where the config is, or would be: a baseline path in it is relative to this."""
    return loaded.base if loaded.base is not None else find_root(root)


def _say(done: BaselineUpdate, lang: Lang, config_folder: Path, *, pruned: bool) -> None:
    zh = lang is Lang.ZH
    path = display_path(done.path)
    if pruned:
        typer.echo(
            f"从 {path} 删去了 {done.removed} 条已不再出现的记录,剩 {done.entries} 条。"
            if zh
            else f"Removed {done.removed} entries that no longer occur from {path}; "
            f"{done.entries} left."
        )
    else:
        typer.echo(
            f"在 {path} 记录了 {done.entries} 个问题。"
            if zh
            else f"Recorded {done.entries} findings in {path}."
        )
    if not done.configured:
        # The path as the config takes it: relative to the config's folder, in / form.
        name = Path(os.path.relpath(done.path.resolve(), config_folder.resolve())).as_posix()
        shown = shlex.quote(path)
        typer.echo(
            f'在 catalog.toml 中加入 baseline = "{name}"(相对于配置文件),validate 才会使用它;'
            f"或运行 catalog validate --baseline {shown}。"
            if zh
            else f'Add baseline = "{name}" (relative to the config file) to catalog.toml so '
            f"that validate uses it, or run catalog validate --baseline {shown}."
        )


def register(app: typer.Typer) -> None:
    """Add the ``baseline`` group to ``app``."""
    app.add_typer(baseline_app)
