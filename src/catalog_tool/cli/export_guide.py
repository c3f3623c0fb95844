"""``catalog export guide``: 办事指南 as a static site, Word, Markdown or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from catalog_tool.catalog.layout import display_path
from catalog_tool.cli.common import (
    ConfigOption,
    JobsOption,
    LangOption,
    RegionOption,
    RootArgument,
    config_near,
    default_root,
    err,
    file_only,
    pick_lang,
)
from catalog_tool.publish.formats import GuideFormat
from catalog_tool.text import Lang, Text

if TYPE_CHECKING:
    from catalog_tool.publish.export import ExportResult

EXAMPLES = """
Examples:

    catalog export guide -o site                  # the searchable site
    catalog export guide --region 370800 -o site  # a city and its counties
    catalog export guide -f docx -o guides        # a Word file per region
    catalog export guide -f md -o guides-md       # a Markdown file per item
    catalog export guide -f pdf -o pdf            # needs chromium
    catalog export guide --lang en -o site-en     # English labels

PDF needs: apt-get install chromium fonts-noto-cjk

Only validated items are published: an item file that catalog validate
finds an error in is left out and listed (with the rules it breaks) on
stderr; the rest of the catalog is published.

A rebuild into the same folder rewrites only what changed and removes
what no longer belongs (.catalog-guide.json lists what was written).
"""

SHOWN_SKIPPED = 20
"""Skipped files listed by name; the rest are counted."""


def register(export_app: typer.Typer) -> None:
    """Add ``guide`` to the ``catalog export`` group."""

    @export_app.command("guide", epilog=EXAMPLES)
    def guide_command(
        output: Annotated[
            Path,
            typer.Option(
                "--output",
                "-o",
                help="Folder to write into (new, empty, or built before by this command).",
                callback=file_only,
            ),
        ],
        root: RootArgument = None,
        fmt: Annotated[
            GuideFormat, typer.Option("--format", "-f", help="html site, docx, md or pdf.")
        ] = GuideFormat.HTML,
        region: RegionOption = None,
        no_dashboard: Annotated[
            bool,
            typer.Option(
                "--no-dashboard",
                help="html: leave out the statistics page.",
            ),
        ] = False,
        jobs: JobsOption = None,
        config: ConfigOption = None,
        lang: LangOption = None,
    ) -> None:
        """Export 办事指南: a searchable static site, Word documents, Markdown or PDF."""
        loaded = config_near(root, config)
        language = pick_lang(lang, loaded)
        from catalog_tool.publish.export import export_guide

        result = export_guide(
            root if root is not None else default_root(loaded),
            output,
            fmt,
            region=region,
            lang=language,
            config=loaded,
            jobs=jobs,
            dashboard=not no_dashboard,
        )
        _report(result, language)
        raise typer.Exit(0)


def size_text(size: int) -> str:
    """A file size for people: ``950.2 KB``, ``1.3 MB``."""
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _report(result: ExportResult, lang: Lang) -> None:
    out = display_path(result.output.folder)
    summary = result.output
    typer.echo(
        Text(
            "已发布 {items} 项事项的办事指南到 {out}:{files} 个文件,其中新写入或更新 {written} 个,"
            "删除不再需要的 {removed} 个。",
            "Published the guides of {items} items to {out}: {files} files, {written} written "
            "or updated, {removed} no longer needed removed.",
        ).format(
            lang,
            items=result.items,
            out=out,
            files=summary.files,
            written=summary.written,
            removed=summary.removed,
        )
    )
    if result.search_index_bytes is not None:
        typer.echo(
            Text("搜索索引 {size}。打开:{index}", "Search index {size}. Open: {index}").format(
                lang, size=size_text(result.search_index_bytes), index=f"{out}/index.html"
            )
        )
    for document in result.documents:
        typer.echo(f"  {out}/{document}")
    if result.skipped:
        err(
            Text(
                "警告:{n} 个事项文件未发布:", "warning: {n} item files were not published:"
            ).format(lang, n=len(result.skipped))
        )
        for skipped in result.skipped[:SHOWN_SKIPPED]:
            err(f"  {skipped.where}: {skipped.reason.get(lang)}")
        if len(result.skipped) > SHOWN_SKIPPED:
            err(
                Text("  …… 另有 {n} 个", "  … and {n} more").format(
                    lang, n=len(result.skipped) - SHOWN_SKIPPED
                )
            )
