"""The counts reviewers report about a diff.

Items added, removed and changed per type and per level; materials before and after, per
item and in total ("申请材料由25项减少至6项"); legal and promised days before and after;
the share of 即办件 before and after. Sums are over the items that differ: unchanged items
add the same amount to both sides, so the change is the catalog's change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from catalog_tool.diff.model import (
    BeforeAfter,
    DiffCounts,
    Facts,
    ItemChange,
    ItemKind,
    ItemMaterials,
    KindCounts,
)
from catalog_tool.model.enums import Handling, ItemType, Level

_TYPE_ORDER = {t.value: i for i, t in enumerate(ItemType)}
_LEVEL_ORDER = {lv.value: i for i, lv in enumerate(Level)}


def count(
    changes: Sequence[ItemChange],
    level_of: Callable[[str], str],
    items_before: int,
    items_after: int,
) -> DiffCounts:
    """The counts of ``changes``; ``level_of`` names the level of a region code."""
    by_type: dict[str, Counter[str]] = {}
    by_level: dict[str, Counter[str]] = {}
    for change in changes:
        ref = change.ref
        bucket = _bucket(change.kind)
        by_type.setdefault(ref.type or "-", Counter())[bucket] += 1
        by_level.setdefault(level_of(ref.region), Counter())[bucket] += 1
    olds = [c.old_facts for c in changes if c.old is not None]
    news = [c.new_facts for c in changes if c.new is not None]
    return DiffCounts(
        items_before=items_before,
        items_after=items_after,
        by_type=_groups(by_type, _TYPE_ORDER),
        by_level=_groups(by_level, _LEVEL_ORDER),
        materials=_sum(olds, news, lambda f: f.materials),
        materials_by_item=_materials_by_item(changes),
        legal_days=_sum(olds, news, lambda f: f.legal_days),
        promised_days=_sum(olds, news, lambda f: f.promised_days),
        immediate=_share(olds, news),
    )


def _bucket(kind: ItemKind) -> str:
    if kind is ItemKind.ADDED:
        return "added"
    if kind is ItemKind.REMOVED:
        return "removed"
    return "changed"


def _groups(
    groups: dict[str, Counter[str]], order: dict[str, int]
) -> tuple[tuple[str, KindCounts], ...]:
    keys = sorted(groups, key=lambda k: (order.get(k, len(order)), k))
    return tuple(
        (k, KindCounts(groups[k]["added"], groups[k]["removed"], groups[k]["changed"]))
        for k in keys
    )


def _sum(
    olds: Iterable[Facts], news: Iterable[Facts], figure: Callable[[Facts], int | None]
) -> BeforeAfter:
    before = [v for v in map(figure, olds) if v is not None]
    after = [v for v in map(figure, news) if v is not None]
    return BeforeAfter(sum(before), sum(after), len(before), len(after))


def _share(olds: Sequence[Facts], news: Sequence[Facts]) -> BeforeAfter:
    before = [f.handling for f in olds if f.handling is not None]
    after = [f.handling for f in news if f.handling is not None]
    immediate = Handling.IMMEDIATE.value
    return BeforeAfter(before.count(immediate), after.count(immediate), len(before), len(after))


def _materials_by_item(changes: Iterable[ItemChange]) -> tuple[ItemMaterials, ...]:
    out = []
    for change in changes:
        before, after = change.old_facts.materials, change.new_facts.materials
        if change.old is None or change.new is None or before == after:
            continue
        ref = change.ref
        out.append(ItemMaterials(ref.region, ref.code, ref.name, before or 0, after or 0))
    return tuple(sorted(out, key=lambda m: (m.region, m.code)))
