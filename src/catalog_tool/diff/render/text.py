"""Text for the terminal (rich): changes grouped by region, then those of regions.yaml, then the
counts."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from catalog_tool.diff.fields import ChangeKind
from catalog_tool.diff.model import Category, DiffResult, DriftResult, ItemKind, RegionKind
from catalog_tool.diff.render.common import (
    CATEGORY,
    ITEM_KIND,
    REGION_KIND,
    REGIONS,
    REGIONS_HEADING,
    UNLISTED,
    average,
    describe,
    describe_region,
    materials_sentence,
    region_label,
    regions_sentence,
    share,
    show,
)
from catalog_tool.render.options import RenderOptions
from catalog_tool.text import Lang

_KIND_STYLE = {
    ItemKind.ADDED: "green",
    ItemKind.REMOVED: "red",
    ItemKind.MODIFIED: "yellow",
    ItemKind.RENAMED: "cyan",
    ItemKind.MOVED: "cyan",
    ItemKind.RECODED: "magenta",
}
_REGION_STYLE = {
    RegionKind.ADDED: "green",
    RegionKind.REMOVED: "red",
    RegionKind.MODIFIED: "yellow",
}
_LINE_STYLE = {
    ChangeKind.ADDED: "green",
    ChangeKind.REMOVED: "red",
    ChangeKind.CHANGED: "yellow",
    ChangeKind.REORDERED: "cyan",
}
_CATEGORY_STYLE = {Category.ALLOWED: "dim", Category.FORBIDDEN: "red", Category.MISSING: "yellow"}


def _console(stream: TextIO, options: RenderOptions) -> Console:
    return Console(
        file=stream,
        force_terminal=options.color,
        no_color=options.color is False,
        highlight=False,
        soft_wrap=True,
    )


def render_diff(result: DiffResult, stream: TextIO, options: RenderOptions) -> None:
    """Write ``result`` for people at a terminal."""
    console = _console(stream, options)
    zh = options.lang is Lang.ZH
    console.print(
        f"[bold]{'比较' if zh else 'Comparing'} {escape(result.old.label)} → "
        f"{escape(result.new.label)}[/]"
    )
    for region, changes in groupby(result.changes, key=lambda c: c.ref.region):
        level = result.region_levels.get(region) or UNLISTED.get(options.lang)
        console.print()
        console.print(
            f"[bold]{escape(region_label(region, result.region_names))}[/] [dim]{level}[/]"
        )
        for change in changes:
            ref = change.ref
            word = ITEM_KIND[change.kind].get(options.lang)
            where = ""
            if (
                change.old is not None
                and change.new is not None
                and change.old.file != change.new.file
            ):
                where = f" [dim]({escape(change.old.file)} → {escape(change.new.file)})[/]"
            console.print(
                f"  [{_KIND_STYLE[change.kind]}]{word}[/] {ref.code} {escape(ref.name)}{where}"
            )
            for field in change.fields:
                console.print(
                    f"      [{_LINE_STYLE[field.kind]}]{escape(describe(field, options.lang))}[/]"
                )
    _print_regions(console, result, options.lang)
    for file in result.unreadable:
        side = ("旧" if file.side == "old" else "新") if zh else file.side
        console.print(
            f"[red]{'无法读取' if zh else 'unreadable'}[/] ({side}) {escape(file.file)} {file.reason}"
        )
    console.print()
    for line in summary_lines(result, options.lang):
        console.print(escape(line))


def _print_regions(console: Console, result: DiffResult, lang: Lang) -> None:
    if not result.regions:
        return
    console.print()
    console.print(f"[bold]{escape(REGIONS_HEADING.get(lang))}[/]")
    for change in result.regions:
        word = REGION_KIND[change.kind].get(lang)
        console.print(
            f"  [{_REGION_STYLE[change.kind]}]{word}[/] {change.code} {escape(change.region.name)}"
        )
        for field in change.fields:
            line = describe_region(field, result.region_names)
            console.print(f"      [{_LINE_STYLE[ChangeKind.CHANGED]}]{escape(line)}[/]")


def summary_lines(result: DiffResult, lang: Lang) -> list[str]:
    """The counts as lines of text: items (when an item differs), then regions."""
    zh = lang is Lang.ZH
    if not result.has_differences:
        return ["没有差异。" if zh else "No differences.", *reformatted_lines(result, lang)]
    lines = _item_summary(result, lang) if result.items_differ else []
    if result.regions:
        lines.append(f"{REGIONS.get(lang)}: {regions_sentence(result, lang)}")
    return lines + reformatted_lines(result, lang)


def _item_summary(result: DiffResult, lang: Lang) -> list[str]:
    c = result.counts
    zh = lang is Lang.ZH
    lines = [
        f"汇总:新增 {c.added} 项,删除 {c.removed} 项,变更 {c.changed} 项"
        f"(事项总数 {c.items_before} → {c.items_after})"
        if zh
        else f"Summary: {c.added} added, {c.removed} removed, {c.changed} changed "
        f"(items {c.items_before} → {c.items_after})"
    ]
    for title, groups in ((("按类型", "By type"), c.by_type), (("按层级", "By level"), c.by_level)):
        parts = [f"{key} +{k.added}/-{k.removed}/~{k.changed}" for key, k in groups if k.total]
        if parts:
            lines.append(f"{title[0] if zh else title[1]}: " + ", ".join(parts))
    lines.append(
        ("申请材料(有差异的事项):" if zh else "Materials (items that differ): ")
        + materials_sentence(c.materials.before, c.materials.after, lang)
    )
    for item in c.materials_by_item:
        lines.append(
            f"  {item.region} {item.code} {item.name}: "
            + materials_sentence(item.before, item.after, lang)
        )
    for label, count in (
        (("法定时限", "Legal days"), c.legal_days),
        (("承诺时限", "Promised days"), c.promised_days),
    ):
        if count.items_before or count.items_after:
            lines.append(
                f"{label[0] if zh else label[1]}: {count.before} → {count.after}"
                + (" 天(平均 " if zh else " days (mean ")
                + f"{average(count.average_before)} → {average(count.average_after)})"
            )
    if c.immediate.items_before or c.immediate.items_after:
        lines.append(
            ("即办件占比: " if zh else "Same-day (即办件) share: ")
            + f"{share(c.immediate, 'before')} → {share(c.immediate, 'after')}"
        )
    return lines


def reformatted_lines(result: DiffResult, lang: Lang) -> list[str]:
    """The files whose changes do not count: comments and layout, and what the options
    leave out (ignored fields; list order unless --order)."""
    if not result.reformatted:
        return []
    zh, en = ["注释", "排版"], ["comments", "layout"]
    if result.ignore:
        zh.append("忽略的字段(" + "、".join(result.ignore) + ")")
        en.append("ignored fields (" + ", ".join(result.ignore) + ")")
    if not result.order:
        zh.append("列表顺序")
        en.append("list order")
    if lang is Lang.ZH:
        return [f"另有 {result.reformatted} 个文件只改了{'、'.join(zh)}。"]
    return [f"{result.reformatted} more files changed only in {', '.join(en)}."]


def render_drift(result: DriftResult, stream: TextIO, options: RenderOptions) -> None:
    """Write a drift report for people at a terminal."""
    console = _console(stream, options)
    zh = options.lang is Lang.ZH
    for region, items in groupby(result.items, key=lambda i: i.region):
        shown = [i for i in items if i.deviations or i.upstream_region is None]
        if not shown:
            continue
        console.print(f"[bold]{escape(region_label(region, result.region_names))}[/]")
        for item in shown:
            if item.upstream_region is None:
                note = "没有上级事项" if zh else "no upstream item"
                console.print(f"  {item.code} {escape(item.name)} [red]{note}[/]")
                continue
            up = region_label(item.upstream_region, result.region_names)
            mark = "" if item.conforming else " [red]✗[/]"
            console.print(f"  {item.code} {escape(item.name)} [dim]← {escape(up)}[/]{mark}")
            allowed = [d.path for d in item.deviations if d.category is Category.ALLOWED]
            for d in item.deviations:
                if d.category is Category.ALLOWED:
                    continue
                word = CATEGORY[d.category].get(options.lang)
                whole = d.path.endswith("]") and (d.upstream is None or d.local is None)
                detail = "" if whole else f": {show(d.upstream)} → {show(d.local)}"
                console.print(
                    f"      [{_CATEGORY_STYLE[d.category]}]{word}[/] {escape(d.path + detail)}"
                )
            if allowed:
                word = CATEGORY[Category.ALLOWED].get(options.lang)
                console.print(f"      [dim]{word}: {escape(', '.join(allowed))}[/]")
        console.print()
    for r in result.regions:
        ratio = "-" if r.share is None else f"{100 * r.share:.1f}%"
        console.print(
            f"{escape(region_label(r.region, result.region_names))} {r.level}: "
            + (
                f"{r.items} 项,{r.with_upstream} 项有上级事项,完全一致 {r.conforming} 项({ratio})"
                if zh
                else f"{r.items} items, {r.with_upstream} with an upstream item, "
                f"{r.conforming} in full conformance ({ratio})"
            )
        )
