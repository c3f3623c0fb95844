"""Compiler-style text: ``path:line:col: severity CODE message``, the hint underneath."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from catalog_tool.diagnostics import Diagnostic, Severity
from catalog_tool.engine.baseline import BaselineOutcome
from catalog_tool.render.options import RenderOptions
from catalog_tool.report import Report
from catalog_tool.text import Lang, Text, counted

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_HINT = Text("修改建议", "hint")


def render(report: Report, stream: TextIO, options: RenderOptions) -> None:
    """Write ``report`` as text to ``stream``."""
    console = render_diagnostics(report.diagnostics, stream, options)
    console.print(summary_line(report, options.lang))
    if report.baseline is not None:
        for line in baseline_lines(report.baseline, options.lang):
            console.print(escape(line))


def render_diagnostics(
    diagnostics: Iterable[Diagnostic], stream: TextIO, options: RenderOptions
) -> Console:
    """Write diagnostics compiler-style; return the console for a closing line."""
    console = Console(
        file=stream,
        force_terminal=options.color,
        no_color=options.color is False,
        highlight=False,
        soft_wrap=True,
    )
    lang = options.lang
    for d in diagnostics:
        where = d.where
        word = d.severity.word.get(lang)
        console.print(
            f"[bold]{escape(where)}:[/] [{_STYLE[d.severity]}]{word} {d.rule}[/] "
            f"{escape(d.message.get(lang))}"
        )
        if d.hint is not None and d.hint.get(lang).strip():
            console.print(f"    [dim]{_HINT.get(lang)}: {escape(d.hint.get(lang))}[/]")
    return console


def summary_line(report: Report, lang: Lang) -> str:
    """One line that sums the report up."""
    if lang is Lang.ZH:
        head = f"检查了 {report.files} 个文件、{report.items} 个事项:"
        if not report.diagnostics:
            return head + "没有发现问题。"
        return head + f"{report.errors} 个错误,{report.warnings} 个警告,{report.infos} 个提示。"
    head = f"Checked {counted(report.files, 'file')}, {counted(report.items, 'item')}: "
    if not report.diagnostics:
        return head + "no problems found."
    found = (counted(report.errors, "error"), counted(report.warnings, "warning"))
    return head + f"{found[0]}, {found[1]}, {counted(report.infos, 'info')}."


def baseline_lines(outcome: BaselineOutcome, lang: Lang) -> list[str]:
    """What the baseline hid, and its entries that no longer occur."""
    stale = len(outcome.stale)
    if lang is Lang.ZH:
        lines = [f"基线 {outcome.file} 隐藏了 {outcome.hidden} 个已记录的问题。"]
        if stale:
            lines.append(f"基线中有 {stale} 条已不再出现,可运行 catalog baseline prune 删去:")
    else:
        lines = [f"Baseline {outcome.file} hid {outcome.hidden} recorded findings."]
        if stale:
            lines.append(
                f"{stale} baseline entries no longer occur; remove them with catalog baseline prune:"
            )
    lines += [f"  {e.file} {e.rule} {e.pointer or '/'} {e.message}" for e in outcome.stale]
    return lines
