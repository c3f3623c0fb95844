"""四级四同 (F001–F004, F007): name, code, basis and type equal at every level.

Each implementation item is compared with its nearest upstream item of the same code,
walking the region chain (county → city → province → national).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from catalog_tool.diagnostics import Finding, Ref, Severity
from catalog_tool.domain.basis import Atom, atom_set
from catalog_tool.domain.normalize import differs_only_in_form
from catalog_tool.legal.registry import LawLevel
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.model.enums import Status
from catalog_tool.rules.base import CatalogRule, Message, RuleDoc, register
from catalog_tool.text import Text as T

if TYPE_CHECKING:
    from catalog_tool.catalog.index import CatalogIndex, ItemSummary
    from catalog_tool.engine.context import CatalogContext

_POLICY = T(
    "《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》(国发〔2018〕27号)"
    "与《国务院关于加快推进政务服务标准化规范化便利化的指导意见》(国发〔2022〕5号):"
    "同一事项在国家、省、市、县四级的事项名称、事项编码、设定依据、事项类型相同(四级四同)。",
    "State Council 〔2018〕27 and 〔2022〕5: the name, code, legal basis and type of an item "
    "are the same at the national, provincial, city and county levels (四级四同).",
)


def implementation_pairs(
    index: CatalogIndex,
) -> Iterator[tuple[ItemSummary, ItemSummary]]:
    """Each valid implementation item with its nearest upstream item."""
    return iter(index.upstream_pairs)


@register
class NameDiffers(CatalogRule):
    code = "F001"
    name = "four-same.name"
    severity = Severity.ERROR
    summary = T("事项名称与上级不一致", "Name differs from upstream")
    messages = {
        "default": Message(
            T(
                '名称"{value}"与上级({ref})"{upstream}"不一致',
                'name "{value}" differs from upstream ({ref}) "{upstream}"',
            ),
            T("改为上级的名称:{upstream}", "Use the upstream name: {upstream}"),
        )
    }
    doc = RuleDoc(
        what=T(
            "实施清单事项的名称与最近一级上级同编码事项的名称不同。只差标点、全半角、空格或不可见字符"
            "(如零宽空格)的由 N003 报告。",
            "An implementation item's name differs from the nearest upstream item of the same "
            "code. Differences only in punctuation, width, spaces or invisible characters (such "
            "as a zero-width space) are N003.",
        ),
        why=T(
            "名称不同,群众在不同地方搜不到同一事项,数据也无法汇聚比对。",
            "With different names, people cannot find the same service across regions.",
        ),
        source=_POLICY,
        bad="# 上级 370800/000101001000.yaml: name: 食品经营许可\nname: 食品经营许可证核发\n",
        good="name: 食品经营许可\n",
    )

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        for item, up in implementation_pairs(index):
            if up.name and item.name != up.name and not differs_only_in_form(item.name, up.name):
                yield self.finding(
                    "/name",
                    file=item.file,
                    value=item.name,
                    upstream=up.name,
                    ref=Ref(up.file, "/name"),
                )


@register
class TypeDiffers(CatalogRule):
    code = "F002"
    name = "four-same.type"
    severity = Severity.ERROR
    summary = T("事项类型与上级不一致", "Type differs from upstream")
    messages = {
        "default": Message(
            T(
                '类型"{value}"与上级({ref})"{upstream}"不一致',
                'type "{value}" differs from upstream ({ref}) "{upstream}"',
            ),
            T("改为上级的类型:{upstream}", "Use the upstream type: {upstream}"),
        )
    }
    doc = RuleDoc(
        what=T("实施清单事项的类型与上级同编码事项不同。", "An item's type differs from upstream."),
        why=T(
            "类型决定适用的法律程序和时限;同一事项在一地是许可、在另一地是确认,监督和统计都会出错。",
            "The type decides the procedure and limits; one item typed two ways breaks oversight.",
        ),
        source=_POLICY,
        bad="# 上级: type: 行政许可\ntype: 行政确认\n",
        good="type: 行政许可\n",
    )

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        for item, up in implementation_pairs(index):
            if up.type and item.type != up.type:
                yield self.finding(
                    "/type",
                    file=item.file,
                    value=item.type,
                    upstream=up.type,
                    ref=Ref(up.file, "/type"),
                )


class BasisOptions(BaseModel):
    """Options of F003."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    allow_local_additions: bool = Field(
        default=True,
        description="Allow a lower level to add its own 地方性法规 or 地方政府规章 after the upstream basis.",
    )


_LOCAL_LEVELS = frozenset({LawLevel.LOCAL_REGULATION, LawLevel.LOCAL_GOVERNMENT_RULE})


@register
class BasisDiffers(CatalogRule):
    code = "F003"
    name = "four-same.basis"
    severity = Severity.ERROR
    summary = T("设定依据与上级不一致", "Basis differs from upstream")
    Options = BasisOptions
    messages = {
        "default": Message(
            T(
                "缺少上级({ref})的设定依据 {citation}",
                "misses the upstream ({ref}) basis {citation}",
            ),
            T(
                "补上 {citation};设定依据须与上级一致。",
                "Add {citation}; the basis must equal upstream.",
            ),
        ),
        "extra": Message(
            T(
                "设定依据 {citation} 是上级({ref})没有的",
                "basis {citation} is not in the upstream ({ref})",
            ),
            T(
                "删除它,或请上级一并调整;本级只可在后面补充本地的地方性法规、规章。",
                "Remove it or have upstream change too; only local regulations may be appended.",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "设定依据按引用的法律条款比较(忽略全半角、括号样式和“中华人民共和国”前缀):上级的每一条依据"
            "本级都要有;本级多出的依据只允许是本地的地方性法规或地方政府规章(可配置)。",
            "Basis lists are compared by the provisions they cite (ignoring width, bracket style "
            "and the 中华人民共和国 prefix): every upstream citation must be present; extra "
            "citations are allowed only for local regulations (configurable).",
        ),
        why=T(
            "依据不同,办理条件和材料就会不同;依据是判断材料是否有据的起点。",
            "A different basis means different conditions and materials.",
        ),
        source=_POLICY,
        bad="# 上级: basis: [《中华人民共和国食品安全法》第三十五条第一款]\n"
        "basis:\n  - 《食品经营许可管理办法》第二条\n",
        good="basis:\n  - 《食品安全法》第三十五条第一款\n",
    )

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        assert isinstance(self.options, BasisOptions)
        for item, up in implementation_pairs(index):
            if not up.basis or item.basis == up.basis:
                continue  # the same list cites the same atoms: nothing to report
            local, upstream = atom_set(item.basis), atom_set(up.basis)
            ref = Ref(up.file, "/basis")
            for atom in upstream:
                if atom not in local:
                    yield self.finding("/basis", file=item.file, citation=atom.display(), ref=ref)
            for atom, position in local.items():
                if atom not in upstream and not self._local_addition(atom, ctx):
                    yield self.finding(
                        f"/basis/{position}",
                        "extra",
                        file=item.file,
                        citation=atom.display(),
                        ref=ref,
                    )

    def _local_addition(self, atom: Atom, ctx: CatalogContext) -> bool:
        assert isinstance(self.options, BasisOptions)
        if not self.options.allow_local_additions or atom.title is None:
            return False
        record = ctx.laws.find(atom.title)
        return record is not None and record.level in _LOCAL_LEVELS


def defines_code(item: ItemSummary) -> bool:
    """True for the level that defines a code: national for ``00…``, a province for its own."""
    return item.region == NATIONAL_REGION or (
        item.region.endswith("0000") and item.code[:2] == item.region[:2]
    )


@register
class NoUpstreamItem(CatalogRule):
    code = "F004"
    name = "four-same.no-upstream"
    severity = Severity.ERROR
    summary = T("上级目录中没有该编码", "No upstream item for this code")
    messages = {
        "default": Message(
            T(
                "基本编码 {code} 在上级目录({searched})中都不存在",
                "code {code} exists in no upstream region ({searched})",
            ),
            T(
                "核对编码是否抄错;确属本地新增事项的,应先由省级目录设立。",
                "Check the code; a new local item must first be set up in the provincial catalog.",
            ),
        )
    }
    doc = RuleDoc(
        what=T(
            "实施清单事项的基本编码在上级各区划(直到国家基本目录)中都找不到。"
            "国家基本目录和省级目录自设(编码以本省代码开头)的事项除外。",
            "No upstream region, up to the national catalog, has the code. National items and "
            "a province's own items (code starting with its province code) are exempt.",
        ),
        why=T(
            "认领的事项必须来自上级目录;找不到上级,说明编码错了或擅自新增了事项。",
            "Claimed items come from the upstream catalog; no upstream means a wrong code or an "
            "item added without authority.",
        ),
        source=_POLICY,
        bad='# 国家基本目录没有 000101009000\ncode: "000101009000"\n',
        good='code: "000101001000"\n',
    )

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        for item in index.without_upstream:
            if defines_code(item) or item.region not in ctx.regions:
                continue
            chain = ctx.regions.upstream(item.region)
            searched = "、".join(ctx.regions.name(r) for r in chain) or "-"
            yield self.finding("/code", file=item.file, code=item.code, searched=searched)


@register
class UpstreamCancelled(CatalogRule):
    code = "F007"
    name = "four-same.upstream-cancelled"
    severity = Severity.ERROR
    summary = T("上级已取消,本级仍在用", "Upstream cancelled, local still active")
    messages = {
        "default": Message(
            T(
                "上级事项({ref})已取消,本级仍为在用",
                "the upstream item ({ref}) is cancelled but this one is active",
            ),
            T(
                "把 status 改为 取消,或请上级恢复该事项。",
                "Set status to 取消, or have upstream restore it.",
            ),
        )
    }
    doc = RuleDoc(
        what=T("上级同编码事项的状态为取消,本级事项仍为在用。", "Upstream is 取消, local is 在用."),
        why=T(
            "国务院取消的事项,地方继续实施就是违法设定;这是目录动态调整最常见的遗漏。",
            "Implementing an item the State Council cancelled has no legal basis.",
        ),
        source=T(
            "《国务院关于取消和下放一批行政许可事项的决定》等历次取消决定;国发〔2022〕5号 动态管理要求。",
            "The State Council's cancellation decisions; 国发〔2022〕5号 on dynamic management.",
        ),
        bad="# 上级: status: 取消\nstatus: 在用\n",
        good="status: 取消\n",
    )

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        for item, up in implementation_pairs(index):
            if up.status == Status.CANCELLED and item.status == Status.ACTIVE:
                yield self.finding("/status", file=item.file, ref=Ref(up.file, "/status"))
