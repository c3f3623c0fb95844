"""Schema (S): keys and values against format v1. The loader reports these."""

from __future__ import annotations

from catalog_tool.diagnostics import Severity
from catalog_tool.rules.base import LoaderRule, Message, RuleDoc, register
from catalog_tool.text import Text as T


@register
class MissingKey(LoaderRule):
    code = "S001"
    name = "schema.missing-key"
    severity = Severity.ERROR
    summary = T("缺少必填项", "Required key missing")
    messages = {
        "default": Message(
            T("缺少必填项“{title}”({key})", "required key '{key}' ({title}) is missing"),
            T("添加 {key}。{about}", "Add {key}. {about}"),
        ),
        "root": Message(
            T("文件是空的,或顶层不是映射", "the file is empty or its top level is not a mapping"),
            T(
                "事项文件的顶层是“键: 值”映射,从 code: 开始。",
                "An item file is a 'key: value' mapping, starting with code:.",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "缺少格式 v1 要求的键。国家基本目录事项只需 code、name、type、basis;"
            "实施清单事项须有全部要素。",
            "A key that format v1 requires is missing. National items need only code, "
            "name, type and basis; implementation items need every element.",
        ),
        why=T(
            "办事指南要素不全,群众就要多跑腿、多打电话。",
            "An incomplete guide sends applicants back and forth.",
        ),
        source=T(
            "GB/T 39046《政务服务事项基本目录及实施清单》表4;国家政务服务平台数据交换规范。",
            "GB/T 39046 table 4; the national exchange schema.",
        ),
        bad='code: "000101001000"\nname: 食品经营许可\ntype: 行政许可\nregion: "370811"\n',
        good='code: "000101001000"\nname: 食品经营许可\ntype: 行政许可\nregion: "370811"\n'
        "basis:\n  - 《中华人民共和国食品安全法》第三十五条第一款\n# …其余要素\n",
    )


@register
class UnknownKey(LoaderRule):
    code = "S002"
    name = "schema.unknown-key"
    severity = Severity.ERROR
    summary = T("未知的键", "Unknown key")
    messages = {
        "default": Message(
            T("未知的键“{key}”", "unknown key '{key}'"),
            T("允许的键:{allowed}。", "Allowed keys: {allowed}."),
        ),
        "suggest": Message(
            T(
                "未知的键“{key}”,是否应为“{suggestion}”?",
                "unknown key '{key}'; did you mean '{suggestion}'?",
            ),
            T("改为 {suggestion}。", "Rename it to {suggestion}."),
        ),
    }
    doc = RuleDoc(
        what=T("出现了格式 v1 没有定义的键。", "A key that format v1 does not define."),
        why=T(
            "拼错的键会被悄悄忽略,信息就丢了;所以未知的键一律报错。",
            "A misspelt key would be silently ignored and its content lost.",
        ),
        source=T("本工具的文件格式 v1。", "This tool's format v1."),
        bad="venue:\n  adress: 任城区政务服务中心\n",
        good="venue:\n  address: 任城区政务服务中心\n",
    )


@register
class WrongType(LoaderRule):
    code = "S003"
    name = "schema.wrong-type"
    severity = Severity.ERROR
    summary = T("类型或格式错误", "Wrong type or format")
    messages = {
        "default": Message(
            T(
                "{title}({key})应为{expected},实际为 {value}",
                "{key} ({title}) should be {expected}, got {value}",
            ),
            T("改为{expected}。{about}", "Write {expected} instead. {about}"),
        ),
    }
    doc = RuleDoc(
        what=T(
            "值的类型或格式不对:该写列表处写了文字、该写整数处写了文字、网址格式不对等。",
            "A value has the wrong type or format: text for a list, text for a number, a "
            "malformed URL.",
        ),
        why=T(
            "类型错误的数据无法统计、导出和发布。", "Mistyped data cannot be counted or published."
        ),
        source=T("本工具的文件格式 v1。", "This tool's format v1."),
        bad="visits: 一次\n",
        good="visits: 1\n",
    )


@register
class ValueNotAllowed(LoaderRule):
    code = "S004"
    name = "schema.value-not-allowed"
    severity = Severity.ERROR
    summary = T("值不在允许范围内", "Value not allowed")
    messages = {
        "default": Message(
            T(
                "{title}({key})的值 {value} 不在允许范围内",
                "{key} ({title}): {value} is not allowed",
            ),
            T("可选值:{allowed}。", "Allowed: {allowed}."),
        ),
        "range": Message(
            T("{title}({key})的值 {value} 超出范围", "{key} ({title}): {value} is out of range"),
            T("应{bound}。", "It must be {bound}."),
        ),
    }
    doc = RuleDoc(
        what=T(
            "枚举型的值不在规定的词表中(如事项类型、办件类型、材料形式),或数值超出范围。",
            "A value is outside its vocabulary (item type, handling, material form…) or range.",
        ),
        why=T(
            "“行政审批”“许可”等非标准写法会让四级四同比对和统计全部失效。",
            "Non-standard spellings break 四级四同 comparison and statistics.",
        ),
        source=T("GB/T 39046 附录 A 代码表。", "GB/T 39046 annex A."),
        bad="type: 行政审批\n",
        good="type: 行政许可\n",
    )
