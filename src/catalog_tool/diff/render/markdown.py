"""Markdown for a pull-request comment: the counts as tables, the changes folded by region.

GitHub limits a comment to 65,536 characters, so at most :data:`MAX_ITEMS` items are
listed in detail; the counts always cover everything.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from catalog_tool.diff.model import DiffResult, DriftResult, KindCounts
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
from catalog_tool.diff.render.text import reformatted_lines, summary_lines
from catalog_tool.render.options import RenderOptions
from catalog_tool.text import Lang

MAX_ITEMS = 300


def cell(text: str) -> str:
    """``text`` safe inside a table cell or a list line."""
    return " ".join(text.replace("|", "\\|").replace("`", "'").split())


def render_diff(result: DiffResult, stream: TextIO, options: RenderOptions) -> None:
    """Write ``result`` as Markdown."""
    zh = options.lang is Lang.ZH
    lang = options.lang
    out = [
        f"### {'目录变更' if zh else 'Catalog changes'}: "
        f"`{cell(result.old.label)}` → `{cell(result.new.label)}`",
        "",
    ]
    if not result.has_differences:
        out += [f"{summary_lines(result, lang)[0]}", ""]
        stream.write("\n".join(out))
        return
    if result.items_differ:
        out += _item_counts(result, lang) + _item_list(result, lang)
    if result.regions:
        out += _regions(result, lang)
    out += reformatted_lines(result, lang)
    stream.write("\n".join(out).rstrip() + "\n")


def _item_counts(result: DiffResult, lang: Lang) -> list[str]:
    zh = lang is Lang.ZH
    c = result.counts
    out = _kind_table(("类型" if zh else "Type"), c.by_type, zh)
    out += _kind_table(("层级" if zh else "Level"), c.by_level, zh)
    out += [
        f"- **{'申请材料' if zh else 'Materials'}**: "
        + materials_sentence(c.materials.before, c.materials.after, lang),
    ]
    for label, count in (
        (("法定时限", "Legal days"), c.legal_days),
        (("承诺时限", "Promised days"), c.promised_days),
    ):
        if count.items_before or count.items_after:
            out.append(
                f"- **{label[0] if zh else label[1]}**: {count.before} → {count.after} "
                + ("(平均 " if zh else "(mean ")
                + f"{average(count.average_before)} → {average(count.average_after)})"
            )
    if c.immediate.items_before or c.immediate.items_after:
        out.append(
            f"- **{'即办件占比' if zh else 'Same-day share'}**: "
            f"{share(c.immediate, 'before')} → {share(c.immediate, 'after')}"
        )
    if c.materials_by_item:
        out += [
            "",
            "| "
            + (
                " | ".join(
                    ("区划", "编码", "事项", "申请材料")
                    if zh
                    else ("Region", "Code", "Item", "Materials")
                )
            )
            + " |",
            "|---|---|---|---|",
        ]
        for m in c.materials_by_item:
            out.append(
                f"| {m.region} | {m.code} | {cell(m.name)} | "
                f"{materials_sentence(m.before, m.after, lang)} |"
            )
    out.append("")
    return out


def _item_list(result: DiffResult, lang: Lang) -> list[str]:
    zh = lang is Lang.ZH
    out: list[str] = []
    listed = 0
    for region, changes in groupby(result.changes, key=lambda ch: ch.ref.region):
        group = list(changes)
        if listed >= MAX_ITEMS:
            break
        title = region_label(region, result.region_names)
        if not result.region_levels.get(region):
            note = UNLISTED.get(lang)
            title += f"({note})" if lang is Lang.ZH else f" ({note})"
        out += [f"<details><summary>{cell(title)} ({len(group)})</summary>", ""]
        for change in group[: MAX_ITEMS - listed]:
            listed += 1
            ref = change.ref
            out.append(f"- **{ITEM_KIND[change.kind].get(lang)}** `{ref.code}` {cell(ref.name)}")
            out.extend(f"  - `{cell(describe(f, lang))}`" for f in change.fields)
        out += ["", "</details>", ""]
    rest = len(result.changes) - listed
    if rest > 0:
        out.append(
            f"…另有 {rest} 项未列出(见 JSON 或 xlsx 输出)。"
            if zh
            else f"… and {rest} more items (see the JSON or xlsx output)."
        )
    return out


def _regions(result: DiffResult, lang: Lang) -> list[str]:
    out = [
        f"- **{REGIONS.get(lang)}**: {regions_sentence(result, lang)}",
        "",
        f"<details><summary>{cell(REGIONS_HEADING.get(lang))} ({len(result.regions)})</summary>",
        "",
    ]
    for change in result.regions:
        word = REGION_KIND[change.kind].get(lang)
        out.append(f"- **{word}** `{change.code}` {cell(change.region.name)}")
        out.extend(f"  - `{cell(describe_region(f, result.region_names))}`" for f in change.fields)
    return [*out, "", "</details>", ""]


def _kind_table(title: str, groups: tuple[tuple[str, KindCounts], ...], zh: bool) -> list[str]:
    if not groups:
        return []
    head = ("新增", "删除", "变更") if zh else ("Added", "Removed", "Changed")
    rows = [f"| {title} | {' | '.join(head)} |", "|---|---:|---:|---:|"]
    rows += [f"| {cell(k)} | {c.added} | {c.removed} | {c.changed} |" for k, c in groups]
    return [*rows, ""]


def render_drift(result: DriftResult, stream: TextIO, options: RenderOptions) -> None:
    """Write a drift report as Markdown."""
    zh = options.lang is Lang.ZH
    lang = options.lang
    out = [
        f"### {'与上级事项的偏离' if zh else 'Deviations from upstream'}: "
        f"{cell(region_label(result.region, result.region_names))}",
        "",
    ]
    head = (
        ("区划", "层级", "事项", "有上级", "完全一致", "一致率")
        if zh
        else ("Region", "Level", "Items", "With upstream", "Conforming", "Share")
    )
    out += [f"| {' | '.join(head)} |", "|---|---|---:|---:|---:|---:|"]
    for r in result.regions:
        ratio = "-" if r.share is None else f"{100 * r.share:.1f}%"
        out.append(
            f"| {cell(region_label(r.region, result.region_names))} | {r.level} | {r.items} | "
            f"{r.with_upstream} | {r.conforming} | {ratio} |"
        )
    out.append("")
    listed = 0
    for region, items in groupby(result.items, key=lambda i: i.region):
        shown = [i for i in items if i.deviations or i.upstream_region is None]
        if not shown or listed >= MAX_ITEMS:
            continue
        out += [
            f"<details><summary>{cell(region_label(region, result.region_names))}</summary>",
            "",
        ]
        for item in shown[: MAX_ITEMS - listed]:
            listed += 1
            if item.upstream_region is None:
                out.append(
                    f"- `{item.code}` {cell(item.name)}: "
                    + ("没有上级事项" if zh else "no upstream item")
                )
                continue
            out.append(f"- `{item.code}` {cell(item.name)}")
            out.extend(
                f"  - {CATEGORY[d.category].get(lang)}: `{cell(d.path)}` "
                f"{cell(show(d.upstream))} → {cell(show(d.local))}"
                for d in item.deviations
            )
        out += ["", "</details>", ""]
    stream.write("\n".join(out).rstrip() + "\n")
