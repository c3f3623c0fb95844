"""The JSON output of ``catalog merge --format json``, as models: versioned, with its schema
generated into ``schemas/merge.schema.json``.

One document per run, for CI bots and review tools: what was compared, each item the merge
changes (or, with ``--check`` and ``--dry-run``, would change), every conflict with its file
and line and the three values, and the upstream items a region lacks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from catalog_tool._version import __version__
from catalog_tool.diff.fields import json_value
from catalog_tool.merge.model import FieldMerge, ItemMerge, ItemState, MergeResult
from catalog_tool.merge.report import unified_diff
from catalog_tool.model.report import ToolInfo
from catalog_tool.text import Lang

VERSION = 1


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldMergeOut(_Out):
    """One decision about one field or list element."""

    path: str = Field(
        title="位置", description="如 name、materials[授权委托书]、time_limit.legal_days。"
    )
    action: Literal["theirs", "adopted", "removed", "cancelled", "conflict"] = Field(
        title="处理",
        description="theirs 采用上级的修改;adopted 首次同步采用上级;removed 上级已删除;"
        "cancelled 上级已取消;conflict 双方都改了。",
    )
    base: JsonValue = Field(
        default=None, title="原同步版本的值", description="上次同步时上级的值。"
    )
    ours: JsonValue = Field(default=None, title="本级值", description="本级文件中的值。")
    theirs: JsonValue = Field(default=None, title="上级值", description="上级当前的值。")
    pointer: str = Field(title="JSON 指针", description="在本级文件中的位置。")
    line: int | None = Field(
        title="行号", description="在本级文件中的行号(从 1 起);未知时为 null。"
    )


class ItemMergeOut(_Out):
    """A local item the merge changes, would change, left in conflict or could not merge."""

    file: str = Field(title="文件", description="本级事项文件,相对于目录根。")
    region: str = Field(title="区划代码", description="本级区划。")
    code: str = Field(title="基本编码", description="基本编码。")
    name: str = Field(title="事项名称", description="事项名称。")
    state: Literal["updated", "conflict", "created", "skipped"] = Field(
        title="结果",
        description="updated 已更新(或将更新);conflict 有冲突,文件未改;created 新建桩文件;"
        "skipped 无法合并(本级或上级文件不是有效事项)。",
    )
    upstream_region: str | None = Field(title="上级区划", description="上级事项所在区划。")
    upstream_file: str | None = Field(title="上级文件", description="上级事项文件,相对于目录根。")
    base_found: bool | None = Field(
        title="找到原同步版本",
        description="true 找到了记录的同步版本;false 记录了但找不到(按首次同步处理);"
        "null 没有记录(首次同步)。",
    )
    changes: list[FieldMergeOut] = Field(title="修改", description="采用的上级修改。")
    conflicts: list[FieldMergeOut] = Field(
        title="冲突",
        description="双方都改了的字段;指定 --strategy 时按 strategy 处理(ours 保留本级,"
        "theirs 采用上级),否则文件未改。",
    )
    notes: list[str] = Field(title="说明", description="其他说明。")
    diff: str | None = Field(
        default=None,
        title="差异",
        description="--dry-run 时,该文件将写入的统一差异(unified diff);否则为 null。",
    )


class MissingOut(_Out):
    """An upstream item a target region has no item for."""

    region: str = Field(title="区划代码", description="缺少该事项的区划。")
    code: str = Field(title="基本编码", description="上级事项的基本编码。")
    name: str = Field(title="事项名称", description="上级事项的名称。")
    upstream_region: str = Field(title="上级区划", description="上级事项所在区划。")


class MergeCountsOut(_Out):
    """Items by outcome."""

    updated: int = Field(ge=0, title="更新", description="已更新或将更新的事项数。")
    conflict: int = Field(ge=0, title="冲突", description="因冲突未改的事项数。")
    created: int = Field(ge=0, title="新建", description="新建的桩文件数。")
    skipped: int = Field(ge=0, title="跳过", description="无法合并的事项数。")


class MergeOut(_Out):
    """``catalog merge --format json``."""

    version: Literal[1] = Field(title="格式版本", description="格式变化时递增。")
    mode: Literal["merge"] = Field(title="模式", description="merge:把上级的变化合并到下级。")
    tool: ToolInfo = Field(title="工具", description="写出结果的工具。")
    lang: Literal["zh", "en"] = Field(title="语言", description="文字的语言。")
    root: str = Field(title="目录根", description="目录根文件夹。")
    written: bool = Field(title="已写入", description="false:--check 或 --dry-run,没有写文件。")
    strategy: Literal["ours", "theirs"] | None = Field(
        title="冲突策略", description="--strategy 的值;未指定时为 null。"
    )
    checked: int = Field(ge=0, title="比较的事项数", description="与上级事项比较过的本级事项数。")
    in_step: bool = Field(
        title="已同步", description="没有需要更新的事项、没有冲突、也没有跳过的事项。"
    )
    counts: MergeCountsOut = Field(title="统计", description="各结果的事项数。")
    items: list[ItemMergeOut] = Field(
        title="事项", description="更新、冲突、新建或跳过的事项(已同步的不列出)。"
    )
    missing: list[MissingOut] = Field(
        title="缺少的上级事项", description="--into 区划缺少的上级事项。"
    )


def merge_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`MergeOut`."""
    schema = MergeOut.model_json_schema()
    schema["title"] = "catalog merge 的 JSON 输出"
    schema["description"] = (
        "catalog merge --format json:比较的事项、每个需要更新或有冲突的事项及其字段决定"
        "(冲突含本级、上级和原同步版本的值及行号),以及下级缺少的上级事项。"
    )
    return schema


def _field_out(decision: FieldMerge) -> FieldMergeOut:
    return FieldMergeOut(
        path=decision.path,
        action=decision.action.value,
        base=json_value(decision.base),
        ours=json_value(decision.ours),
        theirs=json_value(decision.theirs),
        pointer=decision.pointer,
        line=decision.line,
    )


def merge_out(result: MergeResult, lang: Lang, *, diffs: bool = False) -> MergeOut:
    """The JSON model of a merge; ``diffs`` adds each file's unified diff (``--dry-run``)."""

    root = result.root.resolve()

    def relative(path: Path | None) -> str | None:
        if path is None:
            return None
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            return str(path)

    def item_out(item: ItemMerge) -> ItemMergeOut:
        return ItemMergeOut(
            file=relative(item.file) or "",
            region=item.region,
            code=item.code,
            name=item.name,
            state=item.state.value,
            upstream_region=item.upstream_region,
            upstream_file=relative(item.upstream_file),
            base_found=item.base_found,
            changes=[_field_out(c) for c in item.changes],
            conflicts=[_field_out(c) for c in item.conflicts],
            notes=[note.get(lang) for note in item.notes],
            diff=unified_diff(item) if diffs else None,
        )

    states = [item.state for item in result.items]
    created = {(i.region, i.code) for i in result.items if i.state is ItemState.CREATED}
    return MergeOut(
        version=VERSION,
        mode="merge",
        tool=ToolInfo(name="catalog-tool", version=__version__),
        lang=lang.value,
        root=str(result.root),
        written=result.written,
        strategy=result.strategy.value if result.strategy is not None else None,
        checked=result.checked,
        in_step=not result.items,
        counts=MergeCountsOut(
            updated=states.count(ItemState.UPDATED),
            conflict=states.count(ItemState.CONFLICT),
            created=states.count(ItemState.CREATED),
            skipped=states.count(ItemState.SKIPPED),
        ),
        items=[item_out(item) for item in result.items],
        missing=[
            MissingOut(region=m.region, code=m.code, name=m.name, upstream_region=m.upstream_region)
            for m in result.missing
            if (m.region, m.code) not in created
        ],
    )
