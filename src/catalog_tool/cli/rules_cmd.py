"""``catalog rules`` and ``catalog explain CODE``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from catalog_tool.cli.common import LangOption, pick_lang
from catalog_tool.errors import CatalogError
from catalog_tool.rules import all_rules, resolve_rule
from catalog_tool.rules.explain import explain_text
from catalog_tool.text import Text


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""

    @app.command("rules", epilog="Example:\n\n    catalog rules --lang en")
    def rules_command(lang: LangOption = None) -> None:
        """List every rule: code, name, default severity and summary."""
        language = pick_lang(lang)
        table = Table(show_lines=False, header_style="bold")
        for column in ("code", "name", "severity", "summary"):
            table.add_column(column)
        for code, rule in all_rules().items():
            table.add_row(code, rule.name, rule.severity.value, rule.summary.get(language))
        Console(soft_wrap=True).print(table)
        raise typer.Exit(0)

    @app.command("explain", epilog="Example:\n\n    catalog explain M001")
    def explain_command(
        code: Annotated[str, typer.Argument(help="Rule code (M001) or name.")],
        lang: LangOption = None,
    ) -> None:
        """Explain one rule: what it does, why, where it comes from, bad and good examples."""
        rule = resolve_rule(code.upper()) or resolve_rule(code)
        if rule is None:
            raise CatalogError(
                Text(f"没有规则 {code}", f"no rule {code}"),
                Text("运行 catalog rules 查看全部规则。", "Run 'catalog rules' to list the rules."),
            )
        typer.echo(explain_text(rule, pick_lang(lang)))
        raise typer.Exit(0)
