"""三级五统一 (F005) and 同一标准 (F006): lower levels follow the upstream standard."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from catalog_tool.diagnostics import Finding, Ref, Severity
from catalog_tool.domain.normalize import form_key
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.model.enums import ENFORCEMENT_TYPES, Level
from catalog_tool.rules.base import CatalogRule, Message, RuleDoc, register
from catalog_tool.rules.four_same import implementation_pairs
from catalog_tool.text import Text as T

if TYPE_CHECKING:
    from catalog_tool.catalog.index import CatalogIndex, ItemSummary
    from catalog_tool.engine.context import CatalogContext

_BELOW_PROVINCE = frozenset({Level.CITY, Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE})
_ENFORCEMENT = frozenset(t.value for t in ENFORCEMENT_TYPES)


def _chain(steps: tuple[str, ...]) -> str:
    return "→".join(steps) or "-"


def provincial_item(
    index: CatalogIndex, ctx: CatalogContext, item: ItemSummary
) -> ItemSummary | None:
    """The item of the same code in the province above ``item``."""
    for region in ctx.regions.upstream(item.region):
        if ctx.regions.level(region) is Level.PROVINCE:
            return index.get(region, item.code)
    return None


@register
class StepsDifferFromProvince(CatalogRule):
    code = "F005"
    name = "standard.enforcement-steps"
    severity = Severity.ERROR
    summary = T(
        "实施流程与省级不一致(处罚/强制/检查)", "Steps differ from the province (处罚/强制/检查)"
    )
    messages = {
        "default": Message(
            T(
                "实施流程 {local} 与省级({ref})的 {province} 不一致",
                "steps {local} differ from the province's ({ref}) {province}",
            ),
            T("按省级流程的环节名称和顺序修改。", "Use the province's step names in its order."),
        )
    }
    doc = RuleDoc(
        what=T(
            "行政处罚、行政强制、行政检查事项,市、县两级的办理流程(环节名称和顺序)须与省级同编码事项相同。",
            "For 行政处罚, 行政强制 and 行政检查, city and county steps (names and order) equal "
            "the provincial item's.",
        ),
        why=T(
            "执法事项的程序就是当事人的权利保障;各地流程不一,同样的违法行为受到不同对待。",
            "Enforcement procedure protects the parties; different steps mean unequal treatment.",
        ),
        source=T(
            "辽宁等地“三级五统一”:省市县三级行政处罚、行政强制、行政检查事项名称、编码、依据、类型和实施流程统一。",
            "三级五统一 (e.g. Liaoning): names, codes, basis, types and procedures of enforcement "
            "items are unified across province, city and county.",
        ),
        bad="# 省级: steps: [立案, 调查取证, 告知, 决定, 送达, 执行]\n"
        "steps:\n  - {name: 立案}\n  - {name: 决定}\n",
        good="steps:\n  - {name: 立案}\n  - {name: 调查取证}\n  - {name: 告知}\n"
        "  - {name: 决定}\n  - {name: 送达}\n  - {name: 执行}\n",
    )

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        for item in index:
            if not item.valid or item.type not in _ENFORCEMENT:
                continue
            if ctx.regions.level(item.region) not in _BELOW_PROVINCE:
                continue
            province = provincial_item(index, ctx, item)
            if province is None or not province.steps:
                continue
            if item.steps != province.steps and _keys(item.steps) != _keys(province.steps):
                yield self.finding(
                    "/steps",
                    file=item.file,
                    local=_chain(item.steps),
                    province=_chain(province.steps),
                    ref=Ref(province.file, "/steps"),
                )


@register
class BeyondUpstreamStandard(CatalogRule):
    code = "F006"
    name = "standard.beyond-upstream"
    severity = Severity.ERROR
    summary = T("材料或条件超出上级标准", "Material or condition beyond the upstream standard")
    messages = {
        "default": Message(
            T(
                '申请材料"{value}"不在上级({ref})的材料清单中',
                'material "{value}" is not in the upstream ({ref}) list',
            ),
            T(
                "删除该材料;确有法律、法规、规章依据的,应由上级标准一并增加。",
                "Remove it; if a law requires it, the upstream standard must add it first.",
            ),
        ),
        "condition": Message(
            T(
                '受理条件"{value}"不在上级({ref})的条件中',
                'condition "{value}" is not in the upstream ({ref}) conditions',
            ),
            T(
                "删除该条件;没有法律、法规、规章依据,不得增设条件。",
                "Remove it; no condition may be added without a law, regulation or rule.",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "市、县事项的申请材料或受理条件(按规范化名称比较)超出了最近上级实施清单事项的标准。"
            "上级为国家基本目录(只有四项要素)时不比较。",
            "A city or county item demands materials or conditions (matched by normalized name) "
            "beyond the nearest upstream implementation item. Not compared when the upstream is "
            "the national catalog, which has only four elements.",
        ),
        why=T(
            "同一事项在下级多要一份材料,就是给群众多设一道门槛;上级标准是上限。",
            "Each extra material at a lower level is an extra hurdle; the upstream standard is "
            "the ceiling.",
        ),
        source=T(
            "《优化营商环境条例》第三十五条:没有法律、法规、规章依据,不得增设政务服务事项的办理条件和环节;"
            "陕西“三级四同”:同一事项、同一名称、同一标准、同一流程。",
            "优化营商环境条例 art. 35: no conditions or steps without a law, regulation or rule; "
            "Shaanxi 三级四同: same item, name, standard and process.",
        ),
        bad="# 上级材料: 食品经营许可申请书\nmaterials:\n  - name: 食品经营许可申请书\n"
        "  - name: 从业人员健康证明\n",
        good="materials:\n  - name: 食品经营许可申请书\n",
    )

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        below: dict[str, bool] = {}  # by region: 55k items live in a few hundred regions
        for item, up in implementation_pairs(index):
            if up.region == NATIONAL_REGION or not up.valid:
                continue
            region = item.region
            if region not in below:
                below[region] = ctx.regions.level(region) in _BELOW_PROVINCE
            if not below[region]:
                continue
            if item.materials != up.materials:
                yield from self._extra(item, "materials", item.materials, up.materials, up.file)
            if item.conditions != up.conditions:
                yield from self._extra(item, "conditions", item.conditions, up.conditions, up.file)

    def _extra(
        self,
        item: ItemSummary,
        field: str,
        local: tuple[str, ...],
        upstream: tuple[str, ...],
        up_file: str,
    ) -> Iterable[Finding]:
        allowed = _form_keys(upstream)
        key = "default" if field == "materials" else "condition"
        for i, value in enumerate(local):
            if form_key(value) not in allowed:
                yield self.finding(
                    f"/{field}/{i}", key, file=item.file, value=value, ref=Ref(up_file, f"/{field}")
                )


@lru_cache(maxsize=16384)
def _form_keys(values: tuple[str, ...]) -> frozenset[str]:
    """The form keys of a list of values (an upstream list is compared with many items)."""
    return frozenset(form_key(v) for v in values)


@lru_cache(maxsize=16384)
def _keys(values: tuple[str, ...]) -> tuple[str, ...]:
    """The form keys of a list of values, in order."""
    return tuple(form_key(v) for v in values)
