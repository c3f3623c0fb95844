"""``catalog rules`` and ``catalog explain CODE``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from catalog_tool.cli.common import LangOption, pick_lang
from catalog_tool.errors import CatalogError
from catalog_tool.rules import all_rules, resolve_rule
from catalog_tool.text import Lang, Text

RULES_EXAMPLES = """
Examples:

    catalog rules                            # every rule, in Chinese
    catalog rules --lang en
    catalog rules --write-docs docs/rules    # regenerate the rule pages of docs/
"""

EXPLAIN_EXAMPLES = """
Examples:

    catalog explain M001                     # by code
    catalog explain materials.catch-all      # by dotted name
    catalog explain F003 --lang en
"""


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""

    @app.command("rules", epilog=RULES_EXAMPLES)
    def rules_command(
        write_docs: Annotated[
            Path | None,
            typer.Option(
                "--write-docs",
                help="Write one Markdown page per rule and an index into this folder.",
                file_okay=False,
            ),
        ] = None,
        lang: LangOption = None,
    ) -> None:
        """List every rule: code, name, default severity and summary."""
        language = pick_lang(lang)
        if write_docs is not None:
            from catalog_tool.rules.pages import write_rule_pages

            try:
                done = write_rule_pages(write_docs)
            except OSError as error:
                raise CatalogError(
                    Text(f"无法写入 {write_docs}:{error}", f"cannot write {write_docs}: {error}"),
                    Text("换一个可写的文件夹。", "Choose a folder you can write to."),
                ) from error
            typer.echo(
                Text(
                    "{folder}:写入 {written} 页,{unchanged} 页未变,删除 {removed} 页",
                    "{folder}: {written} pages written, {unchanged} unchanged, {removed} removed",
                ).format(
                    language,
                    folder=write_docs,
                    written=len(done.written),
                    unchanged=len(done.unchanged),
                    removed=len(done.removed),
                )
            )
            raise typer.Exit(0)
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False, header_style="bold")
        headers = (
            ("代码", "名称", "默认级别", "说明")
            if language is Lang.ZH
            else ("code", "name", "severity", "summary")
        )
        for column in headers:
            table.add_column(column)
        for code, rule in all_rules().items():
            severity = rule.severity.word.get(language)
            table.add_row(code, rule.name, severity, rule.summary.get(language))
        Console(soft_wrap=True).print(table)
        raise typer.Exit(0)

    @app.command("explain", epilog=EXPLAIN_EXAMPLES)
    def explain_command(
        code: Annotated[str, typer.Argument(help="Rule code (M001) or name.")],
        lang: LangOption = None,
    ) -> None:
        """Explain one rule: what it does, why, where it comes from, bad and good examples."""
        from catalog_tool.rules.explain import explain_text

        rule = resolve_rule(code.upper()) or resolve_rule(code)
        if rule is None:
            raise CatalogError(
                Text(f"没有规则 {code}", f"no rule {code}"),
                Text("运行 catalog rules 查看全部规则。", "Run 'catalog rules' to list the rules."),
            )
        typer.echo(explain_text(rule, pick_lang(lang)))
        raise typer.Exit(0)
