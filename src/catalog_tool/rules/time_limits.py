"""Time limits (T001–T006): promises within the law, uncounted steps announced."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from catalog_tool.diagnostics import Finding, Severity
from catalog_tool.model.enums import OPTIONAL_TIME_LIMIT_TYPES, Handling
from catalog_tool.rules.base import ItemRule, Message, RuleDoc, register
from catalog_tool.text import Text as T

if TYPE_CHECKING:
    from catalog_tool.engine.context import ItemContext
    from catalog_tool.model.item import Item

_LICENSING_LAW = T("《中华人民共和国行政许可法》第四十二条至第四十五条", "行政许可法 arts. 42–45")


@register
class PromiseExceedsLaw(ItemRule):
    code = "T001"
    name = "time.promise-exceeds-legal"
    severity = Severity.ERROR
    summary = T("承诺时限超过法定时限", "Promised time exceeds the legal limit")
    messages = {
        "default": Message(
            T(
                "承诺时限 {promised} {unit}超过法定时限 {legal} {unit}",
                "promised {promised} {unit} exceeds the legal {legal} {unit}",
            ),
            T(
                "承诺时限不得超过法定时限;把 promised_days 改为不超过 {legal}。",
                "Set promised_days to at most {legal}.",
            ),
        )
    }
    doc = RuleDoc(
        what=T(
            "time_limit.promised_days 大于 legal_days。",
            "promised_days is greater than legal_days.",
        ),
        why=T(
            "承诺时限是在法定时限基础上压缩出来的,超过法定时限就是承诺违法。",
            "A promise is a compression of the legal limit; exceeding it promises an illegal delay.",
        ),
        source=_LICENSING_LAW,
        bad="time_limit: {legal_days: 20, promised_days: 25, unit: 工作日}\n",
        good="time_limit: {legal_days: 20, promised_days: 5, unit: 工作日}\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        limit = item.time_limit
        if limit is None or limit.legal_days is None or limit.promised_days is None:
            return
        if limit.promised_days > limit.legal_days:
            yield self.finding(
                "/time_limit/promised_days",
                promised=limit.promised_days,
                legal=limit.legal_days,
                unit=limit.unit.value,
            )


class RatioOptions(BaseModel):
    """Options of T002."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    ratio: float | None = Field(
        default=None, gt=0, le=1, description="Highest promised/legal ratio allowed, e.g. 0.35."
    )


@register
class PromiseRatio(ItemRule):
    code = "T002"
    name = "time.compression-ratio"
    severity = Severity.WARNING
    default_enabled = False
    summary = T("承诺时限压缩不足", "Promised/legal ratio above policy")
    Options = RatioOptions
    messages = {
        "default": Message(
            T(
                "承诺时限 {promised} 是法定时限 {legal} 的 {actual},高于目标 {target}",
                "promised {promised} is {actual} of the legal {legal}, above the target {target}",
            ),
            T("把承诺时限压缩到 {most} {unit}以内。", "Promise at most {most} {unit}."),
        )
    }
    doc = RuleDoc(
        what=T(
            "承诺时限与法定时限之比高于配置的目标(rules.T002.ratio,如厦门 0.35)。默认关闭,配置后启用。",
            "promised/legal is above the configured ratio (rules.T002.ratio, e.g. 0.35 as in "
            "Xiamen). Off until configured.",
        ),
        why=T(
            "各地都有压缩时限的目标;超过目标的事项是下一轮流程再造的对象。",
            "Local policies set compression targets; items above them are next to be reworked.",
        ),
        source=T(
            "地方政策,如厦门市承诺时限不超过法定时限的35%。",
            "Local policy, e.g. Xiamen: promises at most 35% of the legal limit.",
        ),
        bad="# rules.T002.ratio = 0.35\ntime_limit: {legal_days: 20, promised_days: 10}\n",
        good="time_limit: {legal_days: 20, promised_days: 5}\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        assert isinstance(self.options, RatioOptions)
        limit, target = item.time_limit, self.options.ratio
        if target is None or limit is None or not limit.legal_days or limit.promised_days is None:
            return
        actual = limit.promised_days / limit.legal_days
        if actual > target + 1e-9:
            yield self.finding(
                "/time_limit/promised_days",
                promised=limit.promised_days,
                legal=limit.legal_days,
                actual=f"{actual:.0%}",
                target=f"{target:.0%}",
                most=int(limit.legal_days * target),
                unit=limit.unit.value,
            )


UNCOUNTED_WORDS = (
    "听证",
    "招标",
    "拍卖",
    "检验",
    "检测",
    "检疫",
    "鉴定",
    "专家评审",
    "现场踏勘",
    "技术审查",
    "论证",
)


@register
class UncountedStepWithoutTime(ItemRule):
    code = "T003"
    name = "time.uncounted-step-without-days"
    severity = Severity.ERROR
    summary = T("不计时环节没有写明时限", "Uncounted step without its own time")
    messages = {
        "default": Message(
            T(
                '不计入法定时限的环节"{step}"没有写明所需时间',
                'uncounted step "{step}" has no time of its own',
            ),
            T(
                "给该环节写上 days,让申请人事先知道要等多久。",
                "Give the step its days so applicants know the wait.",
            ),
        )
    }
    doc = RuleDoc(
        what=T(
            "counted: false 的环节(听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审、现场踏勘、技术审查等"
            "特别程序)没有写 days。",
            "A step with counted: false (听证, 检验检测, 专家评审, 现场踏勘 … special procedures) "
            "has no days.",
        ),
        why=T(
            "这些环节不计入法定时限,但必须告知申请人所需时间;不写时限,承诺时限就成了空话。",
            "These steps are outside the legal limit, but applicants must be told how long they "
            "take; otherwise the promise means nothing.",
        ),
        source=T(
            "《中华人民共和国行政许可法》第四十五条;《优化营商环境条例》第三十六条。",
            "行政许可法 art. 45; 优化营商环境条例 art. 36.",
        ),
        bad="steps:\n  - {name: 专家评审, counted: false}\n",
        good="steps:\n  - {name: 专家评审, counted: false, days: 10}\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        for i, step in enumerate(item.steps or ()):
            if not step.counted and step.days is None:
                yield self.finding(f"/steps/{i}", step=step.name)


@register
class TimeLimitMissing(ItemRule):
    code = "T004"
    name = "time.limit-missing"
    severity = Severity.ERROR
    summary = T("缺少办结时限", "Time limit missing")
    messages = {
        "default": Message(
            T("{type}事项缺少{missing}", "a {type} item lacks {missing}"),
            T(
                "在 time_limit 中写明法定和承诺办结时限。",
                "Give legal_days and promised_days in time_limit.",
            ),
        )
    }
    doc = RuleDoc(
        what=T(
            "除行政处罚、行政强制、行政检查、行政征收和公共服务外,实施清单事项须有法定和承诺办结时限。",
            "Except 处罚/强制/检查/征收/公共服务, an implementation item needs legal and "
            "promised time limits.",
        ),
        why=T("时限是办事指南的核心承诺。", "The time limit is the guide's central promise."),
        source=T(
            "GB/T 39046 办事指南要素;《中华人民共和国行政许可法》第四十二条。",
            "GB/T 39046 guide elements; 行政许可法 art. 42.",
        ),
        bad="type: 行政许可\ntime_limit: null\n",
        good="type: 行政许可\ntime_limit: {legal_days: 20, promised_days: 5, unit: 工作日}\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        if item.type in OPTIONAL_TIME_LIMIT_TYPES:
            return
        limit = item.time_limit
        missing = []
        if limit is None or limit.legal_days is None:
            missing.append(T("法定办结时限", "the legal limit"))
        if limit is None or limit.promised_days is None:
            missing.append(T("承诺办结时限", "the promised limit"))
        if missing:
            text = T("和".join(m.zh for m in missing), " and ".join(m.en for m in missing))
            yield self.finding("/time_limit", type=item.type.value, missing=text)


@register
class HandlingInconsistent(ItemRule):
    code = "T005"
    name = "time.handling-inconsistent"
    severity = Severity.WARNING
    summary = T("办件类型与承诺时限不符", "即办件/承诺件 inconsistent with days")
    messages = {
        "default": Message(
            T(
                "即办件的承诺时限应为 0(当场办结),实际为 {days} {unit}",
                "即办件 should promise 0 days, not {days} {unit}",
            ),
            T("改为承诺件,或把承诺时限改为 0。", "Make it 承诺件, or promise 0 days."),
        ),
        "promised_zero": Message(
            T("承诺件的承诺时限为 0,应为即办件", "a 承诺件 promising 0 days should be 即办件"),
            T("改为即办件,或写明承诺的天数。", "Make it 即办件, or give the promised days."),
        ),
    }
    doc = RuleDoc(
        what=T(
            "即办件(当场办结)的承诺时限大于 0,或承诺件的承诺时限为 0。",
            "An 即办件 promises more than 0 days, or a 承诺件 promises 0.",
        ),
        why=T(
            "即办件比例是考核指标;办件类型与时限矛盾,统计就不可信。",
            "The same-day share is a target; contradictory data makes it meaningless.",
        ),
        source=T("GB/T 39046 办件类型定义。", "GB/T 39046, handling types."),
        bad="handling: 即办件\ntime_limit: {legal_days: 20, promised_days: 3}\n",
        good="handling: 即办件\ntime_limit: {legal_days: 20, promised_days: 0}\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        limit = item.time_limit
        if limit is None or limit.promised_days is None or item.handling is None:
            return
        if item.handling is Handling.IMMEDIATE and limit.promised_days > 0:
            yield self.finding("/handling", days=limit.promised_days, unit=limit.unit.value)
        elif item.handling is Handling.PROMISED and limit.promised_days == 0:
            yield self.finding("/handling", "promised_zero")


@register
class StepsExceedPromise(ItemRule):
    code = "T006"
    name = "time.steps-exceed-promise"
    severity = Severity.WARNING
    summary = T("计时环节之和超过承诺时限", "Counted steps add up to more than the promise")
    messages = {
        "default": Message(
            T(
                "计时环节共 {total} 天,超过承诺时限 {promised} 天",
                "counted steps take {total} days, more than the promised {promised}",
            ),
            T("压缩环节时限,或核对承诺时限。", "Shorten the steps or check the promise."),
        )
    }
    doc = RuleDoc(
        what=T(
            "counted 为 true 的各环节 days 之和大于承诺时限。",
            "The days of the counted steps add up to more than promised_days.",
        ),
        why=T(
            "流程图与承诺对不上,群众不知道该信哪个。",
            "When the steps and the promise disagree, applicants cannot trust either.",
        ),
        source=T("GB/T 39046 办理流程与办结时限要素。", "GB/T 39046, steps and time limits."),
        bad="steps: [{name: 受理, days: 3}, {name: 决定, days: 5}]\ntime_limit: {legal_days: 20, promised_days: 5}\n",
        good="steps: [{name: 受理, days: 1}, {name: 决定, days: 4}]\ntime_limit: {legal_days: 20, promised_days: 5}\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        limit = item.time_limit
        if limit is None or limit.promised_days is None:
            return
        total = sum(s.days or 0 for s in item.steps or () if s.counted)
        if total > limit.promised_days:
            yield self.finding("/steps", total=total, promised=limit.promised_days)
