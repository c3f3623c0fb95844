"""Words and value formatting shared by the diff renderers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from catalog_tool.diff.field_names import field_titles
from catalog_tool.diff.fields import ChangeKind, FieldChange, canonical
from catalog_tool.diff.model import (
    BeforeAfter,
    Category,
    DiffResult,
    ItemKind,
    RegionFieldChange,
    RegionKind,
)
from catalog_tool.model.regions import Region
from catalog_tool.text import Lang, Text

ITEM_KIND: Mapping[ItemKind, Text] = {
    ItemKind.ADDED: Text("新增", "added"),
    ItemKind.REMOVED: Text("删除", "removed"),
    ItemKind.MODIFIED: Text("修改", "modified"),
    ItemKind.RENAMED: Text("换文件", "renamed"),
    ItemKind.MOVED: Text("迁移", "moved"),
    ItemKind.RECODED: Text("改编码", "recoded"),
}
REGION_KIND: Mapping[RegionKind, Text] = {
    RegionKind.ADDED: Text("新增", "added"),
    RegionKind.REMOVED: Text("删除", "removed"),
    RegionKind.MODIFIED: Text("修改", "modified"),
}
REGIONS = Text("区划", "Regions")
REGIONS_HEADING = Text("区划(regions.yaml)", "Regions (regions.yaml)")
"""The heading above the changes of ``regions.yaml``."""
CHANGE_KIND: Mapping[ChangeKind, Text] = {
    ChangeKind.CHANGED: Text("修改", "changed"),
    ChangeKind.ADDED: Text("新增", "added"),
    ChangeKind.REMOVED: Text("删除", "removed"),
    ChangeKind.REORDERED: Text("调整顺序", "reordered"),
}
CATEGORY: Mapping[Category, Text] = {
    Category.ALLOWED: Text("允许的本地字段", "allowed local field"),
    Category.FORBIDDEN: Text("不允许的偏离", "forbidden deviation"),
    Category.MISSING: Text("本级缺少", "missing locally"),
}
OWNER: Mapping[str, Text] = {
    "upstream": Text("上级", "upstream"),
    "local": Text("本级", "local"),
}
_MAX = 120


def show(value: Any, limit: int = _MAX) -> str:
    """A value in one short line: text as is, a list element by its name, else JSON."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        text = value
    elif isinstance(value, Mapping) and isinstance(value.get("name"), str):
        text = value["name"]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = "、".join(value)
    else:
        text = canonical(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(change: FieldChange, lang: Lang) -> str:
    """One line for a field change: ``path: old → new`` and the like."""
    element = change.path.endswith("]")  # a list element: its path names it already
    if change.kind is ChangeKind.ADDED:
        return f"+ {change.path}" if element else f"+ {change.path}: {show(change.new)}"
    if change.kind is ChangeKind.REMOVED:
        return f"- {change.path}" if element else f"- {change.path}: {show(change.old)}"
    if change.kind is ChangeKind.REORDERED:
        word = CHANGE_KIND[change.kind].get(lang)
        return f"↕ {change.path} {word}: {show(change.old)} → {show(change.new)}"
    return f"~ {change.path}: {show(change.old)} → {show(change.new)}"


def share(count: BeforeAfter, side: str) -> str:
    """``n/m (p%)`` for one side of a count."""
    part, whole = (
        (count.before, count.items_before) if side == "before" else (count.after, count.items_after)
    )
    if not whole:
        return "-"
    return f"{part}/{whole} ({100 * part / whole:.0f}%)"


def average(value: float | None) -> str:
    """A mean with one decimal, or ``-``."""
    return "-" if value is None else f"{value:.1f}"


def materials_sentence(before: int, after: int, lang: Lang) -> str:
    """ "申请材料由25项减少至6项", the way reviewers write it."""
    if lang is Lang.ZH:
        if after < before:
            return f"申请材料由{before}项减少至{after}项"
        if after > before:
            return f"申请材料由{before}项增加至{after}项"
        return f"申请材料{before}项,数量不变"
    if after == before:
        return f"materials unchanged at {before}"
    verb = "cut" if after < before else "raised"
    return f"materials {verb} from {before} to {after}"


def field_title(field: str) -> str:
    """The Chinese title of a dotted field (``time_limit.promised_days`` → 承诺办结时限)."""
    titles = field_titles()
    return titles.get(field) or titles.get(field.split(".", 1)[0], field)


UNLISTED = Text("不在 regions.yaml 中", "not in regions.yaml")
"""Said of a region folder that ``regions.yaml`` does not list (C004)."""


def region_label(code: str, names: Mapping[str, str]) -> str:
    """``370811 任城区`` (the code alone when the region is not listed)."""
    name = names.get(code)
    return f"{code} {name}" if name and name != code else code


def describe_region(change: RegionFieldChange, names: Mapping[str, str]) -> str:
    """One line for a changed region attribute: ``~ parent: 370800 济宁市 → 370000 山东省``."""
    if change.field == "parent":
        old, new = (region_label(c, names) if c else "-" for c in (change.old, change.new))
    else:
        old, new = show(change.old), show(change.new)
    return f"~ {change.field}: {old} → {new}"


def region_field_title(field: str) -> str:
    """The Chinese title of a region attribute (``parent`` → 上级区划)."""
    info = Region.model_fields.get(field)
    return (info.title if info is not None else None) or field


def regions_sentence(result: DiffResult, lang: Lang) -> str:
    """``新增 1 个,删除 0 个,变更 2 个``: the regions of ``regions.yaml`` that differ."""
    kinds = [r.kind for r in result.regions]
    added, removed = kinds.count(RegionKind.ADDED), kinds.count(RegionKind.REMOVED)
    changed = kinds.count(RegionKind.MODIFIED)
    if lang is Lang.ZH:
        return f"新增 {added} 个,删除 {removed} 个,变更 {changed} 个"
    return f"{added} added, {removed} removed, {changed} changed"
