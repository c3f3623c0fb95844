"""Guide completeness (G001–G004): what a 办事指南 must tell the applicant."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from catalog_tool.diagnostics import Finding, Severity
from catalog_tool.domain import phones
from catalog_tool.rules.base import ItemRule, Message, RuleDoc, register
from catalog_tool.text import Text as T

if TYPE_CHECKING:
    from catalog_tool.engine.context import ItemContext
    from catalog_tool.model.item import Item

_STANDARD = T(
    "GB/T 39046《政务服务事项基本目录及实施清单》表4;国家政务服务平台事项数据交换规范。",
    "GB/T 39046 table 4; the national exchange schema.",
)


@register
class GuideElementMissing(ItemRule):
    code = "G001"
    name = "guide.element-missing"
    severity = Severity.ERROR
    summary = T("办事指南要素缺失", "Required guide element missing")
    messages = {
        "default": Message(
            T("办事指南缺少“{element}”", "the guide lacks {element}"),
            T("{hint}", "{hint}"),
        )
    }
    doc = RuleDoc(
        what=T(
            "实施清单事项的指南要素为空:依申请事项的受理条件和申请材料、办理流程、实施编码、服务对象,"
            "以及可网办事项的网上办理地址。行政处罚、行政强制、行政检查没有受理条件和申请材料。",
            "An implementation item has an empty guide element: conditions and materials of "
            "application items, steps, 实施编码, service objects, and the URL of items "
            "available online. 处罚/强制/检查 have no conditions or materials.",
        ),
        why=T(
            "要素不全的指南,群众看了还是不知道怎么办。",
            "An incomplete guide leaves applicants guessing.",
        ),
        source=_STANDARD,
        bad="type: 行政许可\nconditions: []\nmaterials: []\n",
        good="type: 行政许可\nconditions:\n  - 具有与经营的食品品种、数量相适应的经营场所\n"
        "materials:\n  - name: 食品经营许可申请书\n",
    )

    _LABELS = {
        "conditions": (
            T("受理条件", "acceptance conditions"),
            "列出受理条件。",
            "List the conditions.",
        ),
        "materials": (
            T("申请材料", "application materials"),
            "列出申请材料及其依据。",
            "List the materials.",
        ),
        "steps": (T("办理流程", "steps"), "列出办理环节。", "List the steps."),
        "impl_code": (
            T("实施编码", "实施编码"),
            "写明 31 位实施编码:信用代码+行使层级+基本编码。",
            "Give the 31-character 实施编码.",
        ),
        "service_objects": (
            T("服务对象", "service objects"),
            "写明服务对象,如 企业法人。",
            "Name the service objects.",
        ),
        "online": (
            T("网上办理地址", "online URL"),
            "可网办的事项须写明 online.url。",
            "An item available online needs online.url.",
        ),
    }

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        empty: list[str] = []
        if not item.type.is_enforcement:
            empty += [k for k in ("conditions", "materials") if not getattr(item, k)]
        empty += [k for k in ("steps", "impl_code", "service_objects") if not getattr(item, k)]
        if item.online is not None and item.online.available and not item.online.url:
            empty.append("online")
        for key in empty:
            label, hint_zh, hint_en = self._LABELS[key]
            yield self.finding(f"/{key}", element=label, hint=T(hint_zh, hint_en))


@register
class BadPhoneNumber(ItemRule):
    code = "G002"
    name = "guide.bad-phone"
    severity = Severity.WARNING
    summary = T("电话号码格式错误", "Bad phone number")
    messages = {
        "default": Message(
            T(
                '{field}"{value}"不是有效的电话号码',
                '{field} "{value}" is not a valid phone number',
            ),
            T(
                "固定电话带区号(如 0537-2967000),或写手机号、12345 类热线;多个号码用“、”分隔。",
                "Use a fixed line with area code (0537-2967000), a mobile, or a 12345-style "
                "hotline; separate several with 、.",
            ),
        ),
        "lost_zero": Message(
            T(
                '{field}"{value}"缺少开头的 0,应为 0{value}',
                '{field} "{value}" has lost its leading 0: 0{value}',
            ),
            T(
                "表格把号码存成数字时会丢掉开头的 0:写成 0{value},并把表格中的电话列设为“文本”格式。",
                "A spreadsheet that stores the number as a number drops the 0: write 0{value}, "
                "and format the sheet's phone columns as Text.",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "咨询电话或监督投诉电话中有号码不是带区号的固定电话、手机号、12345 类热线或 400/800 号码。",
            "A consultation or complaint number is not a fixed line with area code, a mobile, a "
            "12345-style hotline or a 400/800 number.",
        ),
        why=T(
            "异地群众拨打不带区号的号码打不通;电话是指南里最常被用到的要素。",
            "Without the area code callers from elsewhere cannot get through.",
        ),
        source=_STANDARD,
        bad='venue:\n  phone: "2967000"\n',
        good="venue:\n  phone: 0537-2967000\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        if item.venue is None:
            return
        for key, label in (
            ("phone", T("咨询电话", "consultation phone")),
            ("complaint_phone", T("监督投诉电话", "complaint phone")),
        ):
            for number in phones.bad_numbers(getattr(item.venue, key)):
                # 5372216800: a fixed line whose 0 a spreadsheet dropped (stored as a number).
                lost = number.isdigit() and phones.is_valid("0" + number)
                yield self.finding(
                    f"/venue/{key}", "lost_zero" if lost else "default", field=label, value=number
                )


@register
class VisitsWithoutReason(ItemRule):
    code = "G003"
    name = "guide.visits-without-reason"
    severity = Severity.ERROR
    summary = T("到现场次数大于0但没有说明原因", "Visits > 0 without a reason")
    messages = {
        "default": Message(
            T(
                "到办事现场 {visits} 次,但没有说明必须到现场的原因",
                "{visits} visit(s) required but no reason given",
            ),
            T(
                "在 visits_reason 中写明必须现场办理的原因和依据。",
                "Explain why and under which law in visits_reason.",
            ),
        )
    }
    doc = RuleDoc(
        what=T(
            "visits 大于 0 而 visits_reason 为空。", "visits is above 0 and visits_reason is empty."
        ),
        why=T(
            "“最多跑一次”改革要求每一次到现场都有法定理由,并向社会公开。",
            "Every required visit needs a lawful, published reason.",
        ),
        source=T(
            "国家政务服务平台数据交换规范“必须现场办理原因说明”;各地“最多跑一次”改革要求。",
            "The exchange schema's 必须现场办理原因说明; 最多跑一次 reforms.",
        ),
        bad="visits: 1\n",
        good="visits: 1\nvisits_reason: 需现场核验原件(《中华人民共和国特种设备安全法》第三十三条)\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        if item.visits and not (item.visits_reason or "").strip():
            yield self.finding("/visits", visits=item.visits)


@register
class FeeWithoutBasis(ItemRule):
    code = "G004"
    name = "guide.fee-without-basis"
    severity = Severity.ERROR
    summary = T("收费没有依据", "Fee without basis")
    messages = {
        "default": Message(
            T('收费项目"{value}"没有收费依据', 'fee "{value}" has no basis'),
            T(
                "写明收费依据(法律、行政法规或经批准的收费目录);没有依据的不得收费。",
                "Cite the law or approved fee list; without one no fee may be charged.",
            ),
        )
    }
    doc = RuleDoc(
        what=T("fees 中的收费项目 basis 为空。", "A fee has an empty basis."),
        why=T(
            "行政许可原则上不收费;收费必须有法律、行政法规依据并公示。",
            "Licensing is free unless a law or regulation says otherwise.",
        ),
        source=T(
            "《中华人民共和国行政许可法》第五十八条、第五十九条。",
            "行政许可法 arts. 58–59.",
        ),
        bad="fees:\n  - {name: 工本费, standard: 10元/证, basis: []}\n",
        good="fees:\n  - name: 取水许可证工本费\n    standard: 按规定\n"
        "    basis: [《取水许可和水资源费征收管理条例》第二十四条第三款]\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        for i, fee in enumerate(item.fees or ()):
            if not fee.basis:
                yield self.finding(f"/fees/{i}", value=fee.name)
