"""``catalog init``: scaffold a catalog repository."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from catalog_tool.cli.common import LangOption, err, pick_lang
from catalog_tool.errors import CatalogError
from catalog_tool.text import Lang, Text

EXAMPLES = """
Examples:

    catalog init                                   # here: an example 省—市—县 catalog
    catalog init rencheng --region 370811 --name 任城区
    catalog init --force                           # rewrite the template files
    catalog init --tool-repo https://git.example.gov.cn/mirror/catalog-tool
"""


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("init", epilog=EXAMPLES)
    def init_command(
        directory: Annotated[
            Path, typer.Argument(help="Repository folder (created if missing).")
        ] = Path(),
        region: Annotated[
            str | None,
            typer.Option(help="GB/T 2260 code of the catalog's region, e.g. 370811."),
        ] = None,
        name: Annotated[str | None, typer.Option(help="Name of that region, e.g. 任城区.")] = None,
        force: Annotated[
            bool,
            typer.Option("--force", help="Overwrite existing files, even in an existing catalog."),
        ] = False,
        tool_repo: Annotated[
            str | None,
            typer.Option(
                help="Git repository pre-commit and CI install catalog-tool from "
                "(e.g. an intranet mirror)."
            ),
        ] = None,
        tool_rev: Annotated[
            str | None, typer.Option(help="Tag or commit of that repository.")
        ] = None,
        lang: LangOption = None,
    ) -> None:
        """Scaffold a catalog repository: regions.yaml, catalog.toml with every option
        explained, a sample item, pre-commit hooks and a GitHub Actions workflow."""
        from catalog_tool.catalog.layout import display_path
        from catalog_tool.scaffold import ToolSource, init_catalog

        language = pick_lang(lang)
        if (region is None) != (name is None):
            raise CatalogError(
                Text("--region 和 --name 须同时给出", "--region and --name go together"),
                Text("例如 --region 370811 --name 任城区。", "E.g. --region 370811 --name 任城区."),
            )
        defaults = ToolSource()
        result = init_catalog(
            directory,
            region=(region, name) if region is not None and name is not None else None,
            force=force,
            source=ToolSource(tool_repo or defaults.repo, tool_rev or defaults.rev),
        )
        shown = display_path(result.root)
        for title, marker, paths in (
            (Text("已创建", "created"), "+", result.created),
            (Text("已覆盖", "overwritten"), "!", result.overwritten),
            (Text("已存在,未改动", "exists, left alone"), "=", result.skipped),
        ):
            for path in paths:
                typer.echo(f"  {marker} {path}  ({title.get(language)})")
        if result.skipped:
            err(
                Text(
                    f"{len(result.skipped)} 个文件已存在,未改动;加 --force 可用模板覆盖。",
                    f"{len(result.skipped)} files exist and were left alone; "
                    "--force overwrites them with the templates.",
                ).get(language)
            )
        typer.echo(_next_steps(shown, region is None, language))
        raise typer.Exit(0)


def _next_steps(folder: str, example: bool, lang: Lang) -> str:
    steps = [
        (
            "git init" if folder == "." else f"cd {shlex.quote(folder)} && git init",
            Text("若还不是 git 仓库", "unless it is a git repository already"),
        ),
        ("catalog validate", Text("检查样例目录(应无问题)", "check the sample (no findings)")),
        (
            "pre-commit install",
            Text(
                "每次提交前格式化并检查(需 pip install pre-commit)",
                "format and check before every commit (pip install pre-commit)",
            ),
        ),
    ]
    width = max(len(command) for command, _ in steps) + 2
    lines = ["", Text("下一步:", "Next:").get(lang)]
    lines.extend(f"  {command:<{width}}# {note.get(lang)}" for command, note in steps)
    if example:
        lines.append(
            Text(
                "items/regions.yaml 中的 山东省—济宁市—任城区 是示例,请换成本目录的区划。",
                "The 山东省—济宁市—任城区 chain in items/regions.yaml is an example: "
                "replace it with your regions.",
            ).get(lang)
        )
    return "\n".join(lines)
