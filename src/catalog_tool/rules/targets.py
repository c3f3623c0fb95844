"""Policy targets (O001–O002): 最多跑一次 and the share of items that can be done online."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

from catalog_tool.catalog.layout import REGIONS_FILE
from catalog_tool.config import LEVEL_ALIASES
from catalog_tool.diagnostics import Finding, Severity
from catalog_tool.model.enums import ENFORCEMENT_TYPES, Level, Status
from catalog_tool.rules.base import CatalogRule, ItemRule, Message, RuleDoc, register
from catalog_tool.text import Text as T

if TYPE_CHECKING:
    from catalog_tool.catalog.index import CatalogIndex, ItemSummary
    from catalog_tool.engine.context import CatalogContext, ItemContext
    from catalog_tool.model.item import Item


class VisitsOptions(BaseModel):
    """Options of O001."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max_visits: int = Field(default=1, ge=0, description="Most visits allowed (最多跑一次 = 1).")


@register
class TooManyVisits(ItemRule):
    code = "O001"
    name = "targets.visits"
    severity = Severity.WARNING
    summary = T("到现场次数超过政策上限", "Visits above the policy maximum")
    Options = VisitsOptions
    messages = {
        "default": Message(
            T(
                "需到办事现场 {visits} 次,超过上限 {limit} 次",
                "{visits} visits required, above the maximum of {limit}",
            ),
            T(
                "合并现场环节、推行网办或邮寄,做到最多跑一次。",
                "Merge visits, go online or use delivery.",
            ),
        )
    }
    doc = RuleDoc(
        what=T(
            "visits 大于配置的上限(rules.O001.max_visits,默认 1,即“最多跑一次”)。",
            "visits is above rules.O001.max_visits (default 1, 最多跑一次).",
        ),
        why=T(
            "跑一次以上的事项是改革的重点对象。",
            "Items needing more than one visit are the reform's targets.",
        ),
        source=T(
            "浙江“最多跑一次”改革及各地推广政策。",
            "Zhejiang's 最多跑一次 reform and its national rollout.",
        ),
        bad="visits: 2\nvisits_reason: 需现场核验\n",
        good="visits: 1\nvisits_reason: 需现场核验\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        assert isinstance(self.options, VisitsOptions)
        if item.visits is not None and item.visits > self.options.max_visits:
            yield self.finding("/visits", visits=item.visits, limit=self.options.max_visits)


DEFAULT_TARGETS = {Level.PROVINCE.value: 0.9, Level.CITY.value: 0.8, Level.COUNTY.value: 0.8}


class OnlineOptions(BaseModel):
    """Options of O002."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    targets: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_TARGETS),
        description="Lowest share of online items per level: 省级/市级/县级 (or province/city/county).",
    )

    @field_validator("targets")
    @classmethod
    def _levels(cls, value: dict[str, float]) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, share in value.items():
            level = LEVEL_ALIASES.get(name) or next((lv for lv in Level if lv.value == name), None)
            if level is None:
                raise ValueError(f"unknown level {name!r}")
            if not 0 <= share <= 1:
                raise ValueError(f"target for {name} must be between 0 and 1")
            out[level.value] = share
        return out


def is_application(item: ItemSummary) -> bool:
    """Items people apply for (not acts of enforcement), currently in use."""
    return item.type not in _ENFORCEMENT and item.status == Status.ACTIVE


_ENFORCEMENT = frozenset(t.value for t in ENFORCEMENT_TYPES)
"""The enforcement types as written in a summary (O002 asks for every item of a run)."""


@register
class OnlineRateBelowTarget(CatalogRule):
    code = "O002"
    name = "targets.online-rate"
    severity = Severity.WARNING
    summary = T("网上可办率低于目标", "Online rate of a level below target")
    Options = OnlineOptions
    messages = {
        "default": Message(
            T(
                "{name}({level})网上可办率 {rate}({online}/{total}),低于目标 {target}",
                "{name} ({level}): online rate {rate} ({online}/{total}) is below the target {target}",
            ),
            T(
                "推动依申请事项网上可办;目标可在 rules.O002.targets 中配置。",
                "Bring application items online; targets are set in rules.O002.targets.",
            ),
        )
    }
    doc = RuleDoc(
        what=T(
            "某区划依申请事项(不含行政处罚、行政强制、行政检查,只计在用事项)中 online.available 为 true 的比例"
            "低于该层级的目标(默认省级 90%,市县 80%)。问题报告在 regions.yaml 中该区划的一行。",
            "The share of a region's application items (not 处罚/强制/检查; in use only) with "
            "online.available is below its level's target (default 省级 90%, 市县 80%). "
            "Reported on the region's line in regions.yaml.",
        ),
        why=T(
            "网上可办率是“互联网+政务服务”的考核指标。",
            "The online rate is a national performance target.",
        ),
        source=T(
            "江苏省 2018 年目标:省级 90%、市县 80%;后续各地提出 100%。",
            "Jiangsu 2018: 90% provincial, 80% city and county; later 100%.",
        ),
        bad="# 任城区 4 项依申请事项中 2 项可网办 (50%)\n",
        good="# 任城区 4 项依申请事项中 4 项可网办 (100%)\n",
    )

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        assert isinstance(self.options, OnlineOptions)
        for region_code in index.region_codes():
            region = ctx.regions.get(region_code)
            if region is None:
                continue
            target = self.options.targets.get(region.level.value)
            items = [i for i in index.in_region(region_code) if i.valid and is_application(i)]
            if target is None or not items:
                continue
            online = sum(1 for i in items if i.online)
            rate = online / len(items)
            if rate + 1e-9 < target:
                yield self.finding(
                    "",
                    file=REGIONS_FILE,
                    position=(region.line, region.column),
                    region=region.code,
                    name=region.name,
                    level=region.level.value,
                    rate=f"{rate:.1%}",
                    online=online,
                    total=len(items),
                    target=f"{target:.0%}",
                )
