"""The JSON output of ``catalog diff`` (and ``--upstream``), as models: versioned, with its
schema generated into ``schemas/diff.schema.json``.

Both shapes share one schema, told apart by ``mode``: ``diff`` for two catalogs, and
``upstream`` for the drift of a region from its upstream items.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, TypeAdapter

from catalog_tool._version import __version__
from catalog_tool.catalog.regions import RegionInfo
from catalog_tool.diff.fields import json_value
from catalog_tool.diff.model import DiffResult, DriftResult, ItemChange, RegionChange
from catalog_tool.merge.ownership import ownership_table
from catalog_tool.model.report import ToolInfo
from catalog_tool.text import Lang

VERSION = 1


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SideOut(_Out):
    """One side of the diff."""

    label: str = Field(title="名称", description="用户给出的文件夹或修订(含提交号)。")
    kind: Literal["folder", "git"] = Field(title="来源", description="folder 或 git。")
    root: str = Field(title="目录根", description="目录根文件夹(git 中为仓库内路径)。")
    revision: str | None = Field(default=None, title="提交号", description="git 提交号。")


class KindCountsOut(_Out):
    """Items added, removed and changed in one group."""

    key: str = Field(title="分组", description="事项类型或层级。")
    added: int = Field(ge=0, title="新增", description="新增的事项数。")
    removed: int = Field(ge=0, title="删除", description="删除的事项数。")
    changed: int = Field(ge=0, title="变更", description="变更(含改名、迁移、改码)的事项数。")


class BeforeAfterOut(_Out):
    """A sum before and after, over the items that differ."""

    before: int = Field(title="之前合计", description="旧版本的合计。")
    after: int = Field(title="之后合计", description="新版本的合计。")
    items_before: int = Field(ge=0, title="之前事项数", description="旧版本中有该数值的事项数。")
    items_after: int = Field(ge=0, title="之后事项数", description="新版本中有该数值的事项数。")


class ItemMaterialsOut(_Out):
    """An item whose number of materials changed."""

    region: str = Field(title="区划代码", description="事项所在区划。")
    code: str = Field(title="基本编码", description="事项的基本编码。")
    name: str = Field(title="事项名称", description="事项名称。")
    before: int = Field(ge=0, title="之前", description="原申请材料数。")
    after: int = Field(ge=0, title="之后", description="现申请材料数。")


class CountsOut(_Out):
    """The counts reviewers report."""

    items_before: int = Field(ge=0, title="原事项总数", description="旧版本目录的事项文件数。")
    items_after: int = Field(ge=0, title="现事项总数", description="新版本目录的事项文件数。")
    added: int = Field(ge=0, title="新增事项", description="新增的事项数。")
    removed: int = Field(ge=0, title="删除事项", description="删除的事项数。")
    changed: int = Field(ge=0, title="变更事项", description="变更的事项数。")
    by_type: list[KindCountsOut] = Field(title="按类型", description="按事项类型分组的数量。")
    by_level: list[KindCountsOut] = Field(title="按层级", description="按行使层级分组的数量。")
    materials: BeforeAfterOut = Field(
        title="申请材料", description="有差异的事项的申请材料总数,前后对比。"
    )
    materials_by_item: list[ItemMaterialsOut] = Field(
        title="各事项申请材料", description="申请材料数量变化的事项。"
    )
    legal_days: BeforeAfterOut = Field(
        title="法定时限", description="有差异的事项的法定办结时限合计(天)。"
    )
    promised_days: BeforeAfterOut = Field(
        title="承诺时限", description="有差异的事项的承诺办结时限合计(天)。"
    )
    immediate: BeforeAfterOut = Field(
        title="即办件",
        description="有差异且写明办件类型的事项中即办件的数量;占比为 before/items_before。",
    )


class FieldChangeOut(_Out):
    """One difference inside an item."""

    path: str = Field(title="位置", description="如 materials[授权委托书].copies。")
    field: str = Field(title="字段", description="不含元素名的字段,如 materials.copies。")
    kind: Literal["changed", "added", "removed", "reordered"] = Field(
        title="变化", description="changed、added、removed 或 reordered。"
    )
    old: JsonValue = Field(default=None, title="原值", description="原来的值;新增时为 null。")
    new: JsonValue = Field(default=None, title="新值", description="现在的值;删除时为 null。")
    pointer: str = Field(title="JSON 指针", description="在新版本(删除时在旧版本)中的位置。")


class ItemRefOut(_Out):
    """One version of an item."""

    region: str = Field(title="区划代码", description="所在区划。")
    code: str = Field(title="基本编码", description="基本编码。")
    name: str = Field(title="事项名称", description="事项名称。")
    type: str = Field(title="事项类型", description="事项类型。")
    file: str = Field(title="文件", description="相对于目录根的路径。")


class ItemChangeOut(_Out):
    """One item that differs."""

    kind: Literal["added", "removed", "modified", "renamed", "moved", "recoded"] = Field(
        title="变化",
        description="added 新增、removed 删除、modified 修改、renamed 换文件、"
        "moved 迁到其他区划、recoded 改了基本编码。",
    )
    region: str = Field(title="区划代码", description="事项(新版本,删除时旧版本)所在区划。")
    code: str = Field(title="基本编码", description="事项的基本编码。")
    name: str = Field(title="事项名称", description="事项名称。")
    type: str = Field(title="事项类型", description="事项类型。")
    old: ItemRefOut | None = Field(title="旧版本", description="新增时为 null。")
    new: ItemRefOut | None = Field(title="新版本", description="删除时为 null。")
    fields: list[FieldChangeOut] = Field(title="字段变化", description="逐字段的变化。")
    materials_added: list[str] = Field(title="新增材料", description="新增的申请材料名称。")
    materials_removed: list[str] = Field(title="删除材料", description="删除的申请材料名称。")


class UnreadableOut(_Out):
    """A differing file that is not a readable item."""

    side: Literal["old", "new"] = Field(title="版本", description="old 或 new。")
    file: str = Field(title="文件", description="相对于目录根的路径。")
    reason: str = Field(title="原因", description="问题的规则编码,如 Y001。")


class RegionOut(_Out):
    """One version of a region in ``regions.yaml``."""

    code: str = Field(title="区划代码", description="GB/T 2260 区划代码。")
    name: str = Field(title="区划名称", description="区划名称。")
    parent: str | None = Field(title="上级区划", description="上级区划代码;000000 为 null。")
    level: str = Field(title="层级", description="写明的层级,省略时按代码推断。")


class RegionFieldChangeOut(_Out):
    """One attribute of a region that changed."""

    field: Literal["name", "parent", "level"] = Field(
        title="属性", description="name 名称、parent 上级区划或 level 层级。"
    )
    old: str | None = Field(title="原值", description="原来的值。")
    new: str | None = Field(title="新值", description="现在的值。")


class RegionChangeOut(_Out):
    """One region of ``regions.yaml`` that differs."""

    kind: Literal["added", "removed", "modified"] = Field(
        title="变化", description="added 新增、removed 删除、modified 改了名称、上级或层级。"
    )
    code: str = Field(title="区划代码", description="区划代码。")
    name: str = Field(title="区划名称", description="区划名称(新版本,删除时旧版本)。")
    old: RegionOut | None = Field(title="旧版本", description="新增时为 null。")
    new: RegionOut | None = Field(title="新版本", description="删除时为 null。")
    fields: list[RegionFieldChangeOut] = Field(
        title="属性变化", description="修改时变化的属性;新增或删除时为空。"
    )


class DiffOut(_Out):
    """``catalog diff OLD NEW --format json``."""

    version: Literal[1] = Field(title="格式版本", description="格式变化时递增。")
    mode: Literal["diff"] = Field(title="模式", description="diff:两个目录的比较。")
    tool: ToolInfo = Field(title="工具", description="写出结果的工具。")
    lang: Literal["zh", "en"] = Field(title="语言", description="文字的语言。")
    old: SideOut = Field(title="旧版本", description="比较的旧一侧。")
    new: SideOut = Field(title="新版本", description="比较的新一侧。")
    ignore_fields: list[str] = Field(title="忽略字段", description="不计入差异的字段。")
    order: bool = Field(title="比较顺序", description="列表顺序的变化是否计为差异。")
    counts: CountsOut = Field(title="统计", description="审核常用的数字。")
    reformatted: int = Field(
        ge=0, title="仅格式变化", description="文本变了但数据没变(注释、排版)的文件数。"
    )
    items: list[ItemChangeOut] = Field(title="事项变化", description="按区划、编码排序。")
    unreadable: list[UnreadableOut] = Field(
        title="无法读取", description="有变化但无法读取为事项的文件。"
    )
    regions: list[RegionChangeOut] = Field(
        default_factory=list,
        title="区划变化",
        description="regions.yaml 中新增、删除或修改的区划,按区划代码排序。",
    )


class DeviationOut(_Out):
    """One field in which a local item differs from its upstream item."""

    path: str = Field(title="位置", description="如 materials[授权委托书]。")
    field: str = Field(title="字段", description="不含元素名的字段。")
    category: Literal["allowed", "forbidden", "missing"] = Field(
        title="类别",
        description="allowed 允许的本地字段;forbidden 不允许的偏离(四级四同字段、标准内容);"
        "missing 本级缺少上级有的内容。",
    )
    owner: Literal["upstream", "local"] = Field(
        title="归属", description="字段归上级(upstream)还是本级(local)。"
    )
    local: JsonValue = Field(default=None, title="本级值", description="本级事项的值。")
    upstream: JsonValue = Field(default=None, title="上级值", description="上级事项的值。")


class ItemDriftOut(_Out):
    """A local item and its deviations."""

    region: str = Field(title="区划代码", description="本级区划。")
    code: str = Field(title="基本编码", description="基本编码。")
    name: str = Field(title="事项名称", description="事项名称。")
    file: str = Field(title="文件", description="相对于目录根的路径。")
    upstream_region: str | None = Field(
        title="上级区划", description="最近的有同编码事项的上级区划;没有时为 null。"
    )
    upstream_file: str | None = Field(title="上级文件", description="上级事项的文件。")
    conforming: bool = Field(title="完全一致", description="没有不允许的偏离,也不缺内容。")
    deviations: list[DeviationOut] = Field(title="偏离", description="与上级的各项差异。")


class RegionConformanceOut(_Out):
    """The conformance of one region."""

    region: str = Field(title="区划代码", description="区划代码。")
    name: str = Field(title="区划名称", description="区划名称。")
    level: str = Field(title="层级", description="行使层级。")
    items: int = Field(ge=0, title="事项数", description="本区划的事项数。")
    with_upstream: int = Field(ge=0, title="有上级事项", description="找得到上级事项的数量。")
    conforming: int = Field(ge=0, title="完全一致", description="完全符合上级标准的数量。")
    share: float | None = Field(
        title="一致率", description="conforming / with_upstream;没有上级事项时为 null。"
    )


class DriftOut(_Out):
    """``catalog diff --upstream REGION --format json``."""

    version: Literal[1] = Field(title="格式版本", description="格式变化时递增。")
    mode: Literal["upstream"] = Field(title="模式", description="upstream:与上级事项比较。")
    tool: ToolInfo = Field(title="工具", description="写出结果的工具。")
    lang: Literal["zh", "en"] = Field(title="语言", description="文字的语言。")
    root: str = Field(title="目录根", description="目录根文件夹。")
    region: str = Field(title="区划", description="所比较的区划(含其下级区划)。")
    regions: list[RegionConformanceOut] = Field(title="各区划", description="各区划的一致率。")
    items: list[ItemDriftOut] = Field(
        title="有偏离的事项", description="有差异或没有上级事项的事项。"
    )


DiffJson = Annotated[DiffOut | DriftOut, Field(discriminator="mode")]


def diff_schema() -> dict[str, Any]:
    """The JSON Schema of both output shapes, with the field ownership table."""
    schema = TypeAdapter(DiffJson).json_schema()
    schema["title"] = "catalog diff 的 JSON 输出"
    schema["description"] = (
        "mode 为 diff 时是两个目录(文件夹或 git 修订)的语义比较;为 upstream 时是本级事项与"
        "上级事项的偏离。x-field-ownership 列出每个字段归上级还是本级(catalog merge 与"
        "diff --upstream 据此判断)。"
    )
    schema["x-field-ownership"] = ownership_table()
    return schema


def _change_out(change: ItemChange) -> ItemChangeOut:
    ref = change.ref

    def ref_out(side: Any) -> ItemRefOut | None:
        if side is None:
            return None
        return ItemRefOut(
            region=side.region, code=side.code, name=side.name, type=side.type, file=side.file
        )

    return ItemChangeOut(
        kind=change.kind.value,
        region=ref.region,
        code=ref.code,
        name=ref.name,
        type=ref.type,
        old=ref_out(change.old),
        new=ref_out(change.new),
        fields=[
            FieldChangeOut(
                path=f.path,
                field=f.field,
                kind=f.kind.value,
                old=json_value(f.old),
                new=json_value(f.new),
                pointer=f.pointer,
            )
            for f in change.fields
        ],
        materials_added=list(change.materials_added),
        materials_removed=list(change.materials_removed),
    )


def _region_out(region: RegionInfo | None) -> RegionOut | None:
    if region is None:
        return None
    return RegionOut(
        code=region.code, name=region.name, parent=region.parent, level=region.level.value
    )


def _region_change_out(change: RegionChange) -> RegionChangeOut:
    return RegionChangeOut(
        kind=change.kind.value,
        code=change.code,
        name=change.region.name,
        old=_region_out(change.old),
        new=_region_out(change.new),
        fields=[RegionFieldChangeOut(field=f.field, old=f.old, new=f.new) for f in change.fields],
    )


def diff_out(result: DiffResult, lang: Lang) -> DiffOut:
    """The JSON model of a diff."""
    counts = result.counts

    def groups(pairs: tuple[tuple[str, Any], ...]) -> list[KindCountsOut]:
        return [
            KindCountsOut(key=k, added=c.added, removed=c.removed, changed=c.changed)
            for k, c in pairs
        ]

    def before_after(value: Any) -> BeforeAfterOut:
        return BeforeAfterOut(
            before=value.before,
            after=value.after,
            items_before=value.items_before,
            items_after=value.items_after,
        )

    def side(value: Any) -> SideOut:
        return SideOut(label=value.label, kind=value.kind, root=value.root, revision=value.revision)

    return DiffOut(
        version=VERSION,
        mode="diff",
        tool=ToolInfo(name="catalog-tool", version=__version__),
        lang=lang.value,
        old=side(result.old),
        new=side(result.new),
        ignore_fields=list(result.ignore),
        order=result.order,
        counts=CountsOut(
            items_before=counts.items_before,
            items_after=counts.items_after,
            added=counts.added,
            removed=counts.removed,
            changed=counts.changed,
            by_type=groups(counts.by_type),
            by_level=groups(counts.by_level),
            materials=before_after(counts.materials),
            materials_by_item=[
                ItemMaterialsOut(
                    region=m.region, code=m.code, name=m.name, before=m.before, after=m.after
                )
                for m in counts.materials_by_item
            ],
            legal_days=before_after(counts.legal_days),
            promised_days=before_after(counts.promised_days),
            immediate=before_after(counts.immediate),
        ),
        reformatted=result.reformatted,
        items=[_change_out(c) for c in result.changes],
        unreadable=[
            UnreadableOut(side=u.side, file=u.file, reason=u.reason) for u in result.unreadable
        ],
        regions=[_region_change_out(r) for r in result.regions],
    )


def drift_out(result: DriftResult, lang: Lang) -> DriftOut:
    """The JSON model of a drift report (items in conformance are left out)."""
    return DriftOut(
        version=VERSION,
        mode="upstream",
        tool=ToolInfo(name="catalog-tool", version=__version__),
        lang=lang.value,
        root=result.root,
        region=result.region,
        regions=[
            RegionConformanceOut(
                region=r.region,
                name=r.name,
                level=r.level,
                items=r.items,
                with_upstream=r.with_upstream,
                conforming=r.conforming,
                share=r.share,
            )
            for r in result.regions
        ],
        items=[
            ItemDriftOut(
                region=i.region,
                code=i.code,
                name=i.name,
                file=i.file,
                upstream_region=i.upstream_region,
                upstream_file=i.upstream_file,
                conforming=i.conforming,
                deviations=[
                    DeviationOut(
                        path=d.path,
                        field=d.field,
                        category=d.category.value,
                        owner=d.owner,
                        local=json_value(d.local),
                        upstream=json_value(d.upstream),
                    )
                    for d in i.deviations
                ],
            )
            for i in result.items
            if i.deviations or i.upstream_region is None
        ],
    )
