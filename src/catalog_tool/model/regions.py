"""``regions.yaml``: the regions of a catalog and their parents."""

from __future__ import annotations

from pydantic import Field, RootModel

from catalog_tool.model.base import Lax, StrictModel
from catalog_tool.model.codes import REGION_PATTERN
from catalog_tool.model.enums import Level


class Region(StrictModel):
    """One region (行政区划) of the catalog."""

    code: str = Field(
        pattern=REGION_PATTERN,
        title="区划代码",
        description="GB/T 2260 区划代码,国家基本目录为 000000。须加引号。",
    )
    name: str = Field(min_length=1, max_length=50, title="区划名称", description="如 山东省。")
    parent: str | None = Field(
        default=None,
        pattern=REGION_PATTERN,
        title="上级区划",
        description="上级区划代码;只有 000000 可以没有上级。",
    )
    level: Lax[Level] | None = Field(
        default=None,
        title="层级",
        description="国家级、省级、市级、县级、乡镇级或村级。"
        "省略时按代码推断(XX0000 省级,XXXX00 市级,其余县级);"
        "直筒子市、省直管县等代码会误导时须写明。",
    )


class RegionsFile(RootModel[list[Region]]):
    """The list of regions in ``regions.yaml``."""

    model_config = {"strict": True}
