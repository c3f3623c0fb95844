"""``catalog export xlsx`` and ``catalog export template``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from catalog_tool.cli.common import (
    JobsOption,
    LangOption,
    config_near,
    default_root,
    err,
    file_only,
    pick_lang,
)
from catalog_tool.errors import CatalogError
from catalog_tool.model.enums import Level
from catalog_tool.text import Text

XLSX_EXAMPLES = """
Examples:

    catalog export xlsx -o 事项清单.xlsx                    # every item in items/
    catalog export xlsx catalogs/shandong -o 山东.xlsx      # another catalog
    catalog export xlsx --region 370800 -o 济宁市.xlsx       # a city and its counties
    catalog export xlsx --region 370800 --level 县级 -o 县级.xlsx
"""

TEMPLATE_EXAMPLES = """
Examples:

    catalog export template -o 导入模板.xlsx                # the blank template
    catalog export template --region 370811 -o 任城区.xlsx  # with the upstream items listed
"""

_LEVEL_WORDS = {
    **{level.value: level for level in Level},
    **{str(level.number): level for level in Level},
    **dict(
        zip(
            ("national", "province", "city", "county", "township", "village"),
            Level,
            strict=True,
        )
    ),
}

CatalogOption = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        help="The catalog root (default: `root` in the config, else items/).",
        file_okay=False,
    ),
]
RootArgument = Annotated[
    Path | None,
    typer.Argument(
        help="Catalog root (default: the config's root, else items/); same as --catalog.",
        file_okay=False,
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path, typer.Option("--output", "-o", help="The .xlsx file to write.", callback=file_only)
]


def parse_level(value: str | None) -> Level | None:
    """A level from its Chinese name (县级), English name (county) or number (4)."""
    if value is None:
        return None
    level = _LEVEL_WORDS.get(value.strip().lower()) or _LEVEL_WORDS.get(value.strip())
    if level is None:
        choices = "、".join(lv.value for lv in Level)
        raise CatalogError(
            Text(f"未知的层级:{value}", f"unknown level: {value}"),
            Text(
                f"可选:{choices}(或 1–6、county 等)。", f"Use one of {choices}, 1–6, or county etc."
            ),
        )
    return level


def catalog_root(option: Path | None, positional: Path | None = None) -> Path:
    """The catalog given as an argument or ``--catalog`` (not both), else the config's
    ``root``, else ``items/`` (or the working directory)."""
    if positional is not None and option is not None and positional != option:
        raise CatalogError(
            Text(
                f"目录给了两次:{positional} 和 --catalog {option}",
                f"the catalog is given twice: {positional} and --catalog {option}",
            ),
            Text("只给一个。", "Give only one."),
        )
    chosen = positional if positional is not None else option
    return chosen if chosen is not None else default_root(config_near(None, None))


def register(export_app: typer.Typer) -> None:
    """Add ``xlsx`` and ``template`` to the ``catalog export`` group."""

    @export_app.command("xlsx", epilog=XLSX_EXAMPLES)
    def xlsx_command(
        output: OutputOption,
        root: RootArgument = None,
        region: Annotated[
            str | None, typer.Option(help="Only this region and the regions below it.")
        ] = None,
        level: Annotated[
            str | None,
            typer.Option(help="Only regions of this level: 省级, 市级, 县级 … (or county …)."),
        ] = None,
        catalog: CatalogOption = None,
        jobs: JobsOption = None,
        lang: LangOption = None,
    ) -> None:
        """Export the item lists: sheets 事项, 申请材料, 办理流程, 收费项目 and 汇总.

        The columns are the import template's, so the file imports back unchanged. Text is
        never written as a formula, and the same catalog gives a byte-identical file.
        """
        from catalog_tool.sheets.export import export_xlsx

        language = pick_lang(lang)
        result = export_xlsx(
            catalog_root(catalog, root), output, region=region, level=parse_level(level), jobs=jobs
        )
        typer.echo(
            Text(
                f"已导出 {result.items} 个事项({result.materials} 项申请材料,{result.steps} 个"
                f"办理环节,{result.fees} 个收费项目)到 {output}",
                f"exported {result.items} items ({result.materials} materials, {result.steps} "
                f"steps, {result.fees} fees) to {output}",
            ).get(language)
        )
        if result.skipped:
            from catalog_tool.render import RenderOptions
            from catalog_tool.render.text import render_diagnostics

            err(
                Text(
                    f"有 {len(result.skipped)} 个事项文件不是有效事项,未导出(用 catalog validate 查看全部问题):",
                    f"{len(result.skipped)} item files are not valid items and were left out "
                    "('catalog validate' shows every problem):",
                ).get(language)
            )
            render_diagnostics(result.skipped, sys.stderr, RenderOptions(lang=language))
            raise typer.Exit(1)
        raise typer.Exit(0)

    @export_app.command("template", epilog=TEMPLATE_EXAMPLES)
    def template_command(
        output: OutputOption,
        root: RootArgument = None,
        region: Annotated[
            str | None,
            typer.Option(
                help="List this region's upstream items, with code, name, type and basis."
            ),
        ] = None,
        catalog: CatalogOption = None,
        lang: LangOption = None,
    ) -> None:
        """Write the blank import workbook that departments fill in.

        Every header has a comment explaining the field; closed vocabularies and 是/否 have
        dropdowns; code columns are text, so leading zeros survive.
        """
        from catalog_tool.sheets.template import write_template

        language = pick_lang(lang)
        # Without --region the template lists no items and reads no catalog; two catalogs
        # given are still refused (catalog_root says so).
        given_twice = catalog is not None and root is not None
        catalog_at = catalog_root(catalog, root) if region is not None or given_twice else None
        rows = write_template(output, root=catalog_at, region=region)
        extra = (
            Text(f",列出了 {rows} 个上级事项", f", listing {rows} upstream items")
            if region
            else Text("", "")
        )
        typer.echo(
            Text(
                f"已写出导入模板 {output}{extra.zh}",
                f"wrote the import template {output}{extra.en}",
            ).get(language)
        )
        raise typer.Exit(0)
