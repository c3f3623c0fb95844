"""``catalog schema``: write or check the JSON Schemas generated from the models."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from catalog_tool.cli.common import LangOption, err, pick_lang
from catalog_tool.errors import CatalogError
from catalog_tool.text import Text

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
        lang: LangOption = None,
    ) -> None:
        """Generate the JSON Schemas (item, regions, report, laws) from the models.

        --check compares the schema files the folder holds (a catalog repository made by
        catalog init holds the three its files use); --write writes every schema.
        """
        from catalog_tool.model import schema_export

        language = pick_lang(lang)
        names = ", ".join(schema_export.SCHEMAS)
        if show is not None:
            if show not in schema_export.SCHEMAS:
                raise CatalogError(
                    Text(f"没有 {show} 这个 schema", f"unknown schema {show!r}"),
                    Text(f"可选:{names}", f"Choose from {names}"),
                )
            typer.echo(schema_export.render(show), nl=False)
            raise typer.Exit(0)
        if write and check:
            raise CatalogError(
                Text("--write 和 --check 只能选一个", "--write and --check exclude each other"),
                Text(
                    "在 CI 中用 --check;要更新文件时用 --write。",
                    "Use --check in CI, and --write to update the files.",
                ),
            )
        if write:
            for name in schema_export.write(folder):
                typer.echo(Text(f"已写入 {folder / name}", f"wrote {folder / name}").get(language))
            raise typer.Exit(0)
        present = [name for name in schema_export.SCHEMAS if (folder / name).is_file()]
        if not present:
            raise CatalogError(
                Text(f"{folder} 中没有 schema 文件", f"{folder} holds no schema files"),
                Text(
                    _write_hint(folder, "用 {command} 生成。"),
                    _write_hint(folder, "Run {command}."),
                ),
            )
        stale = [name for name in schema_export.stale(folder) if name in present]
        for name in stale:
            hint = Text(
                f"{folder / name} 与当前版本的模型不一致;" + _write_hint(folder, "运行 {command}"),
                f"{folder / name} is stale; " + _write_hint(folder, "run: {command}"),
            )
            err(hint.get(language))
        if not check and not stale:
            typer.echo(Text("schema 文件都是最新的", "schemas are up to date").get(language))
        raise typer.Exit(1 if stale else 0)


def _write_hint(folder: Path, template: str) -> str:
    """``template`` with the command that rewrites ``folder`` (naming it unless default)."""
    command = "catalog schema --write"
    if folder != Path("schemas"):
        command += f" --dir {shlex.quote(str(folder))}"
    return template.format(command=command)
