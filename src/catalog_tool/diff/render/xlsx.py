"""A spreadsheet for officials: one row per changed field, and a sheet of counts.

Formula-safe: every cell goes through :func:`catalog_tool.sheets.safety.safe_value`, so text
is written as a string and text that looks like a formula also gets Excel's quote prefix:
no value from a catalog ever becomes a formula, even when someone edits the cell later
(CSV/formula injection).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

# No stubs for openpyxl; "unused-ignore" keeps this quiet once a mypy override exists.
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import (
    WriteOnlyWorksheet,
)

from catalog_tool.diff.model import DiffResult, DriftResult
from catalog_tool.diff.render.common import (
    CATEGORY,
    CHANGE_KIND,
    ITEM_KIND,
    OWNER,
    REGION_KIND,
    REGIONS,
    field_title,
    materials_sentence,
    region_field_title,
    regions_sentence,
    share,
    show,
)
from catalog_tool.render.options import RenderOptions
from catalog_tool.sheets.safety import safe_value
from catalog_tool.text import Lang

_LONG = 2000  # well under Excel's 32,767 characters per cell


def safe_cell(sheet: WriteOnlyWorksheet, value: Any, *, bold: bool = False) -> Cell:
    """A cell holding ``value``; text is always a string, never a formula (the shared
    rule of :func:`catalog_tool.sheets.safety.safe_value`)."""
    cell = safe_value(WriteOnlyCell(sheet), value[:_LONG] if isinstance(value, str) else value)
    if bold:
        cell.font = Font(bold=True)
    return cell


def _value(value: Any) -> str:
    return "" if value is None else show(value, _LONG)


def _rows(sheet: WriteOnlyWorksheet, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    sheet.append([safe_cell(sheet, h, bold=True) for h in header])
    for row in rows:
        sheet.append([safe_cell(sheet, v) for v in row])


def render_diff(result: DiffResult, stream: BinaryIO, options: RenderOptions) -> None:
    """Write ``result`` as an .xlsx workbook."""
    lang = options.lang
    zh = lang is Lang.ZH
    book = Workbook(write_only=True)
    changes = book.create_sheet("变更清单" if zh else "Changes")
    header = (
        ("区划代码", "区划名称", "层级", "基本编码", "事项名称", "事项类型", "事项变化",
         "字段", "字段名称", "字段变化", "原值", "新值", "原文件", "新文件")
        if zh
        else ("Region", "Region name", "Level", "Code", "Item", "Type", "Item change",
              "Field", "Field title", "Field change", "Old", "New", "Old file", "New file")
    )  # fmt: skip
    rows: list[list[Any]] = []
    for change in result.changes:
        ref = change.ref
        lead = [
            ref.region,
            result.region_names.get(ref.region, ""),
            result.region_levels.get(ref.region, ""),
            ref.code,
            ref.name,
            ref.type,
            ITEM_KIND[change.kind].get(lang),
        ]
        files = [change.old.file if change.old else "", change.new.file if change.new else ""]
        if not change.fields:
            rows.append([*lead, "", "", "", "", "", *files])
        for f in change.fields:
            rows.append(
                [
                    *lead,
                    f.path,
                    field_title(f.field),
                    CHANGE_KIND[f.kind].get(lang),
                    _value(f.old),
                    _value(f.new),
                    *files,
                ]
            )
    _rows(changes, header, rows)
    if result.regions:
        _regions(book, result, lang)
    _summary(book, result, lang)
    book.save(stream)


def _regions(book: Workbook, result: DiffResult, lang: Lang) -> None:
    """One row per changed attribute of a region; one row for a region added or removed."""
    zh = lang is Lang.ZH
    sheet = book.create_sheet("区划变更" if zh else "Region changes")
    header = (
        ("区划代码", "区划名称", "上级区划", "层级", "区划变化", "字段", "字段名称", "原值", "新值")
        if zh
        else ("Region", "Region name", "Parent", "Level", "Region change", "Field", "Field title",
              "Old", "New")
    )  # fmt: skip
    rows: list[list[Any]] = []
    for change in result.regions:
        region = change.region
        lead = [
            region.code,
            region.name,
            region.parent or "",
            region.level.value,
            REGION_KIND[change.kind].get(lang),
        ]
        if not change.fields:
            rows.append([*lead, "", "", "", ""])
        for f in change.fields:
            rows.append([*lead, f.field, region_field_title(f.field), f.old or "", f.new or ""])
    _rows(sheet, header, rows)


def _summary(book: Workbook, result: DiffResult, lang: Lang) -> None:
    zh = lang is Lang.ZH
    sheet = book.create_sheet("汇总" if zh else "Summary")
    c = result.counts
    rows: list[list[Any]] = [
        ["原版本" if zh else "Old", result.old.label],
        ["新版本" if zh else "New", result.new.label],
        ["事项总数" if zh else "Items", f"{c.items_before} → {c.items_after}"],
        ["新增" if zh else "Added", c.added],
        ["删除" if zh else "Removed", c.removed],
        ["变更" if zh else "Changed", c.changed],
        [REGIONS.get(lang), regions_sentence(result, lang)],
        [
            "申请材料" if zh else "Materials",
            materials_sentence(c.materials.before, c.materials.after, lang),
        ],
        ["法定时限合计" if zh else "Legal days", f"{c.legal_days.before} → {c.legal_days.after}"],
        [
            "承诺时限合计" if zh else "Promised days",
            f"{c.promised_days.before} → {c.promised_days.after}",
        ],
        [
            "即办件占比" if zh else "Same-day share",
            f"{share(c.immediate, 'before')} → {share(c.immediate, 'after')}",
        ],
        [],
    ]
    for title, groups in (
        ("事项类型" if zh else "Type", c.by_type),
        ("层级" if zh else "Level", c.by_level),
    ):
        rows.append(
            [
                title,
                "新增" if zh else "Added",
                "删除" if zh else "Removed",
                "变更" if zh else "Changed",
            ]
        )
        rows += [[k, g.added, g.removed, g.changed] for k, g in groups]
        rows.append([])
    for m in c.materials_by_item:
        rows.append([m.region, m.code, m.name, materials_sentence(m.before, m.after, lang)])
    for row in rows:
        sheet.append([safe_cell(sheet, v) for v in row])


def render_drift(result: DriftResult, stream: BinaryIO, options: RenderOptions) -> None:
    """Write a drift report as an .xlsx workbook."""
    lang = options.lang
    zh = lang is Lang.ZH
    book = Workbook(write_only=True)
    sheet = book.create_sheet("偏离清单" if zh else "Deviations")
    header = (
        ("区划代码", "区划名称", "基本编码", "事项名称", "上级区划", "字段", "字段名称",
         "类别", "归属", "上级值", "本级值", "文件")
        if zh
        else ("Region", "Region name", "Code", "Item", "Upstream region", "Field", "Field title",
              "Category", "Owner", "Upstream", "Local", "File")
    )  # fmt: skip
    rows: list[list[Any]] = []
    for item in result.items:
        lead = [item.region, result.region_names.get(item.region, ""), item.code, item.name]
        if item.upstream_region is None:
            note = "没有上级事项" if zh else "no upstream item"
            rows.append([*lead, "", "", note, "", "", "", "", item.file])
        for d in item.deviations:
            rows.append(
                [
                    *lead,
                    item.upstream_region,
                    d.path,
                    field_title(d.field),
                    CATEGORY[d.category].get(lang),
                    OWNER[d.owner].get(lang),
                    _value(d.upstream),
                    _value(d.local),
                    item.file,
                ]
            )
    _rows(sheet, header, rows)
    summary = book.create_sheet("一致率" if zh else "Conformance")
    _rows(
        summary,
        ("区划代码", "区划名称", "层级", "事项数", "有上级事项", "完全一致", "一致率")
        if zh
        else ("Region", "Name", "Level", "Items", "With upstream", "Conforming", "Share"),
        [
            [r.region, r.name, r.level, r.items, r.with_upstream, r.conforming, r.share]
            for r in result.regions
        ],
    )
    book.save(stream)
