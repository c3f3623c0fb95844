"""``catalog diff`` (and its alias ``catalog drift``)."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from catalog_tool.cli.common import (
    ConfigOption,
    LangOption,
    config_near,
    default_root,
    pick_lang,
    stdout_dash,
)
from catalog_tool.config import LoadedConfig
from catalog_tool.errors import CatalogError
from catalog_tool.text import Lang, Text

EXAMPLES = """
Examples:

    catalog diff main HEAD                         # two git revisions, no checkout
    catalog diff v2024 v2025 --root items -f markdown -o comment.md
    catalog diff old-catalog/ items/ -f xlsx -o 变更清单.xlsx
    catalog diff HEAD                              # HEAD against the catalog on disk
    catalog diff main HEAD --exit-code --ignore-field venue.phone
    catalog diff --upstream 370811                 # drift from upstream items
"""
DRIFT_EXAMPLES = """
Examples:

    catalog drift 370811                  # a county's deviations from its upstream items
    catalog drift 370800 -f xlsx -o 偏离清单.xlsx   # a city and its counties
"""

FormatOption = Annotated[str, typer.Option("--format", "-f", help="text, json, markdown or xlsx.")]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file instead of stdout.", callback=stdout_dash
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore-field",
        help="An item field whose changes do not count: a key (venue) or a key and sub-key "
        "(venue.phone, materials.copies); repeatable or comma-separated.",
    ),
]


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""

    @app.command("diff", epilog=EXAMPLES)
    def diff_command(
        old: Annotated[
            str | None, typer.Argument(help="Old catalog: a folder or a git revision.")
        ] = None,
        new: Annotated[
            str | None,
            typer.Argument(help="New catalog: a folder or a git revision (default: on disk)."),
        ] = None,
        upstream: Annotated[
            str | None,
            typer.Option(
                "--upstream",
                help="Instead: how REGION's items (and those below it) deviate from upstream.",
            ),
        ] = None,
        root: Annotated[
            Path | None,
            typer.Option("--root", help="The catalog's folder (in the repository for revisions)."),
        ] = None,
        output_format: FormatOption = "text",
        output: OutputOption = None,
        exit_code: Annotated[
            bool, typer.Option("--exit-code", help="Exit 1 when there are differences.")
        ] = False,
        ignore_field: IgnoreOption = None,
        order: Annotated[
            bool, typer.Option("--order", help="Count a reorder of materials or steps as a change.")
        ] = False,
        config: ConfigOption = None,
        lang: LangOption = None,
    ) -> None:
        """Semantic diff of two catalogs (folders or git revisions), or drift from upstream.

        Items are matched by region and code; renames, moves and new codes are detected;
        materials, conditions and steps are matched by name, so a reorder is not a change
        unless --order.
        """
        loaded = config_near(None, config)
        language = pick_lang(lang, loaded)
        ignore = _ignored(ignore_field, loaded)
        if upstream is not None:
            target = Path(old) if old is not None else _catalog_root(root, loaded)
            differs = _drift(target, upstream, ignore, output_format, output, language, loaded)
        else:
            if old is None:
                raise CatalogError(
                    Text("缺少要比较的旧版本 OLD", "missing OLD, the catalog to compare from"),
                    Text("例如:catalog diff main HEAD", "For example: catalog diff main HEAD"),
                )
            differs = _diff(old, new, root, loaded, ignore, order, output_format, output, language)
        raise typer.Exit(1 if exit_code and differs else 0)

    @app.command("drift", epilog=DRIFT_EXAMPLES)
    def drift_command(
        region: Annotated[str, typer.Argument(help="The region whose items are checked.")],
        catalog: Annotated[
            Path | None, typer.Argument(help="The catalog root (default: items/ or config).")
        ] = None,
        output_format: FormatOption = "text",
        output: OutputOption = None,
        exit_code: Annotated[
            bool, typer.Option("--exit-code", help="Exit 1 when an item does not conform.")
        ] = False,
        ignore_field: IgnoreOption = None,
        config: ConfigOption = None,
        lang: LangOption = None,
    ) -> None:
        """How REGION's items (and those below it) deviate from their upstream items.

        The same as: catalog diff --upstream REGION.
        """
        loaded = config_near(catalog, config)
        language = pick_lang(lang, loaded)
        target = catalog if catalog is not None else _catalog_root(None, loaded)
        ignore = _ignored(ignore_field, loaded)
        differs = _drift(target, region, ignore, output_format, output, language, loaded)
        raise typer.Exit(1 if exit_code and differs else 0)


def _ignored(option: list[str] | None, loaded: LoadedConfig) -> list[str]:
    # The config's `diff-ignore` adds to the command line; both take item fields only.
    from catalog_tool.diff.field_names import check_fields

    configured = loaded.config.diff_ignore
    given = [v.strip() for value in option or [] for v in value.split(",") if v.strip()]
    check_fields(given, Text("--ignore-field", "--ignore-field"))
    where = loaded.path or "config"
    check_fields(configured, Text(f"配置文件 {where} 中 diff-ignore", f"{where}: diff-ignore"))
    return list(dict.fromkeys([*configured, *given]))


def _catalog_root(root: Path | None, loaded: LoadedConfig) -> Path:
    return root if root is not None else default_root(loaded)


def _revision_root(root: Path | None, loaded: LoadedConfig) -> Path | None:
    if root is not None:
        return root
    if loaded.config.root is not None and loaded.base is not None:
        return (loaded.base / loaded.config.root).resolve()
    return None


def _diff(
    old: str,
    new: str | None,
    root: Path | None,
    loaded: LoadedConfig,
    ignore: list[str],
    order: bool,
    output_format: str,
    output: Path | None,
    language: Lang,
) -> bool:
    from catalog_tool.diff import diff

    renderer = _renderer(output_format, output)
    result = diff(old, new, root=_revision_root(root, loaded), ignore_fields=ignore, order=order)
    _emit(renderer.diff, renderer.binary, result, output, language)
    return result.has_differences


def _drift(
    target: Path,
    region: str,
    ignore: list[str],
    output_format: str,
    output: Path | None,
    language: Lang,
    loaded: LoadedConfig,
) -> bool:
    from catalog_tool.catalog.layout import find_root
    from catalog_tool.diff import drift
    from catalog_tool.legal.catalog_registry import catalog_registry

    renderer = _renderer(output_format, output)
    # The registry validate uses: the config's `laws` file, else laws.yaml in the catalog.
    laws = catalog_registry(find_root(target), loaded.config.laws, loaded.base)
    result = drift(target, region, ignore_fields=ignore, laws=laws)
    _emit(renderer.drift, renderer.binary, result, output, language)
    return result.has_differences


def _renderer(output_format: str, output: Path | None) -> Any:
    from catalog_tool.diff.render import RENDERER_BY_NAME, DiffFormat

    try:
        chosen = DiffFormat(output_format)
    except ValueError:
        names = ", ".join(f.value for f in DiffFormat)
        raise CatalogError(
            Text(f"不支持的格式 {output_format}", f"unknown format {output_format!r}"),
            Text(f"可用:{names}", f"Choose one of: {names}"),
        ) from None
    renderer = RENDERER_BY_NAME[chosen]
    if renderer.binary and output is None:
        raise CatalogError(
            Text(f"{output_format} 格式需要用 -o 指定输出文件", f"{output_format} needs -o FILE"),
            Text("例如:-f xlsx -o 变更清单.xlsx", "For example: -f xlsx -o changes.xlsx"),
        )
    return renderer


def _emit(render: Any, binary: bool, result: Any, output: Path | None, language: Lang) -> None:
    from catalog_tool.render.options import RenderOptions

    if output is None:
        render(result, sys.stdout, RenderOptions(lang=language))
        return
    buffer: io.BytesIO | io.StringIO = io.BytesIO() if binary else io.StringIO()
    render(result, buffer, RenderOptions(lang=language, color=False))
    value = buffer.getvalue()
    from catalog_tool.io.atomic import write_bytes

    write_bytes(output, value if isinstance(value, bytes) else value.encode("utf-8"))
