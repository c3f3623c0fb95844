"""Render a merge result as text: what changed, conflicts with both values and their line,
and, for ``--dry-run``, the unified diff of every file the merge would write."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from catalog_tool.catalog.layout import display_path
from catalog_tool.diff.render.common import show
from catalog_tool.merge.model import (
    Action,
    FieldMerge,
    ItemMerge,
    ItemState,
    MergeResult,
    Strategy,
)
from catalog_tool.text import Lang, Text

_ACTION = {
    Action.THEIRS: Text("采用上级", "from upstream"),
    Action.ADOPTED: Text("首次同步采用上级", "first sync, from upstream"),
    Action.REMOVED: Text("上级已删除", "deleted upstream"),
    Action.CANCELLED: Text("上级已取消", "cancelled upstream"),
    Action.CONFLICT: Text("冲突", "conflict"),
}
_STATE = {
    ItemState.UPDATED: Text("更新", "updated"),
    ItemState.CONFLICT: Text("冲突", "conflict"),
    ItemState.CREATED: Text("新建", "created"),
    ItemState.SKIPPED: Text("跳过", "skipped"),
}
_RECORD = Text(
    "只记录同步版本(synced_from),内容已与上级一致", "records synced_from only: already in step"
)
_RESOLVED = {
    Strategy.THEIRS: (
        "{n} 处冲突按 --strategy theirs 采用上级的内容,并记录同步版本(synced_from)",
        "{n} {conflicts} resolved by --strategy theirs: content taken from upstream, "
        "synced_from recorded",
    ),
    Strategy.OURS: (
        "{n} 处冲突按 --strategy ours 保留本级的内容,只记录同步版本(synced_from)",
        "{n} {conflicts} resolved by --strategy ours: local content kept, synced_from recorded",
    ),
}
_WOULD = {
    ItemState.UPDATED: Text("将更新", "would update"),
    ItemState.CREATED: Text("将新建", "would create"),
}


def unified_diff(item: ItemMerge) -> str:
    """The change to one file as a unified diff (``a/…`` → ``b/…``)."""
    shown = display_path(item.file)
    old = item.before.splitlines(keepends=True)
    new = item.after.splitlines(keepends=True)
    return "".join(
        difflib.unified_diff(
            old,
            new,
            fromfile="/dev/null" if item.state is ItemState.CREATED else f"a/{shown}",
            tofile=f"b/{shown}",
        )
    )


def render(result: MergeResult, stream: TextIO, lang: Lang) -> None:
    """Write each listed item, its decisions and conflicts, and the missing items."""
    for item in result.items:
        words = _WOULD if not result.written else _STATE
        word = words.get(item.state, _STATE[item.state]).get(lang)
        up = f" ← {item.upstream_region}" if item.upstream_region else ""
        stream.write(f"{word} {display_path(item.file)}{up}  {item.code} {item.name}\n")
        for decision in item.changes:
            if decision.action is not Action.CONFLICT:
                stream.write(f"    {_line(decision, lang)}\n")
        if item.state is ItemState.UPDATED:
            what = _what_happened(item, result.strategy)
            if what is not None:
                stream.write(f"    {what.get(lang)}\n")
        for conflict in item.conflicts:
            stream.write(_conflict(item.file, conflict, lang, result.strategy))
        for note in item.notes:
            stream.write(f"    {note.get(lang)}\n")
    _missing(result, stream, lang)


def _what_happened(item: ItemMerge, strategy: Strategy | None) -> Text | None:
    """The line under an updated item that the field lines do not say: how its
    conflicts were resolved, or that only the sync record changes."""
    if item.conflicts and strategy is not None:
        zh, en = _RESOLVED[strategy]
        n = len(item.conflicts)
        return Text(zh.format(n=n), en.format(n=n, conflicts="conflict" if n == 1 else "conflicts"))
    if not item.changes:
        return _RECORD
    return None


def _line(decision: FieldMerge, lang: Lang) -> str:
    action = _ACTION[decision.action].get(lang)
    if decision.ours is None:
        return f"+ {decision.path}: {show(decision.theirs)} ({action})"
    if decision.theirs is None:
        return f"- {decision.path}: {show(decision.ours)} ({action})"
    return f"~ {decision.path}: {show(decision.ours)} → {show(decision.theirs)} ({action})"


def _conflict(file: Path, decision: FieldMerge, lang: Lang, strategy: Strategy | None) -> str:
    where = f"{display_path(file)}:{decision.line}" if decision.line else display_path(file)
    if lang is Lang.ZH:
        how = f"(已按 --strategy {strategy} 处理)" if strategy is not None else ""
        lines = [
            f"    {where}: 冲突 {decision.path}{how}",
            f"        本级: {show(decision.ours)}",
            f"        上级: {show(decision.theirs)}",
            f"        原同步版本: {show(decision.base)}",
        ]
    else:
        how = f" (resolved by --strategy {strategy})" if strategy is not None else ""
        lines = [
            f"    {where}: conflict in {decision.path}{how}",
            f"        local:    {show(decision.ours)}",
            f"        upstream: {show(decision.theirs)}",
            f"        base:     {show(decision.base)}",
        ]
    return "\n".join(lines) + "\n"


def _missing(result: MergeResult, stream: TextIO, lang: Lang) -> None:
    by_region: dict[str, int] = {}
    for item in result.missing:
        by_region[item.region] = by_region.get(item.region, 0) + 1
    created = any(i.state is ItemState.CREATED for i in result.items)
    for region, count in by_region.items():
        if created:
            continue
        stream.write(
            Text(
                f"{region} 缺少 {count} 个上级事项;加 --create 建立桩文件。\n",
                f"{region} lacks {count} upstream items; --create makes stub files.\n",
            ).get(lang)
        )


def summary(result: MergeResult, lang: Lang) -> str:
    """One line that sums the merge up."""
    counts = _count(result.items)
    updated, conflicts = counts[ItemState.UPDATED], counts[ItemState.CONFLICT]
    created, skipped = counts[ItemState.CREATED], counts[ItemState.SKIPPED]
    if lang is Lang.ZH:
        verb = "更新" if result.written else "需要更新"
        return (
            f"比较了 {result.checked} 个事项:{verb} {updated} 个,新建 {created} 个,"
            f"冲突 {conflicts} 个,跳过 {skipped} 个。"
        )
    verb = "updated" if result.written else "out of date"
    return (
        f"Compared {result.checked} items: {updated} {verb}, {created} created, "
        f"{conflicts} in conflict, {skipped} skipped."
    )


def _count(items: Iterable[ItemMerge]) -> dict[ItemState, int]:
    counts = dict.fromkeys(ItemState, 0)
    for item in items:
        counts[item.state] += 1
    return counts
