"""The YAML parser's syntax problems in Chinese.

The parser words its problems in English: libyaml (ruamel's C parser, the one used) as
"mapping values are not allowed in this context", ruamel's Python parser as "... here". Y001
quotes the problem; a catalog office reads it in Chinese. Each known wording is matched
whole and said again in Chinese, naming what the parser found (``<block mapping start>``
becomes 新的“键: 值”) and, where one cause is by far the most common, that cause. A
wording not known here (a newer ruamel, a rare directive error) is quoted as it is.
"""

from __future__ import annotations

import re

from catalog_tool.text import Text

_TOKENS = {
    "<block mapping start>": "新的“键: 值”",
    "<block sequence start>": "新的列表",
    "<block entry>": "列表项“- ”",
    "<block end>": "缩进结束",
    "<scalar>": "一个值",
    "<key>": "一个键",
    "<value>": "“:”",
    "<flow sequence start>": "“[”",
    "<flow sequence end>": "“]”",
    "<flow mapping start>": "“{”",
    "<flow mapping end>": "“}”",
    "<flow entry>": "“,”",
    "<stream end>": "文件结尾",
    "<stream start>": "文件开头",
    "<document start>": "文档分隔符“---”",
    "<document end>": "文档结束符“...”",
    "<anchor>": "锚点“&”",
    "<alias>": "别名“*”",
    "<tag>": "标签“!”",
    "<directive>": "指令“%”",
    "<comment>": "注释",
}


_FOUND = ",却遇到了"
"""Where a message goes on to say what the parser found instead (when it says)."""


def _token(found: str) -> str:
    """What the parser found, in Chinese: ``'<scalar>'`` → 一个值; ``'@'`` → “@”."""
    name = found.strip("'\"")
    if name in _TOKENS:
        return _TOKENS[name]
    if found.startswith(("'", '"')) and found.endswith(found[0]):
        return f"“{name}”"
    return found


_WORDINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), zh)
    for pattern, zh in (
        (
            r"mapping values are not allowed (?:here|in this context)",
            "此处不能出现“:”(常见原因:值中含“: ”而没有加引号,或缩进错位)",
        ),
        (r"found unexpected ':'.*", "出现了意外的“:”(值中含冒号时请给整个值加引号)"),
        (
            r"could not find expected ':'",
            "找不到应有的“:”(键后缺少冒号,或多行的值缩进不一致)",
        ),
        (
            r"found character (?:(?P<found>.+) )?that cannot start any token",
            "此处的字符不能作为值的开头(如 @ 或 `;请给整个值加引号),却遇到了{found}",
        ),
        (
            r"(?:expected <block end>, but found (?P<found>.+)|did not find expected key)",
            "缩进不一致:这一层应在此结束,却遇到了{found}",
        ),
        (
            r"(?:expected the node content, but found (?P<found>.+)"
            r"|did not find expected node content)",
            "此处应有一个值,却遇到了{found}",
        ),
        (
            r"(?:expected ',' or '\]', but got (?P<found>.+)|did not find expected ',' or '\]')",
            "方括号列表“[ … ]”没有正确闭合:应为“,”或“]”,却遇到了{found}",
        ),
        (
            r"(?:expected ',' or '\}', but got (?P<found>.+)|did not find expected ',' or '\}')",
            "花括号映射“{{ … }}”没有正确闭合:应为“,”或“}}”,却遇到了{found}",
        ),
        (
            r"(?:expected '<document start>', but found (?P<found>.+)"
            r"|did not find expected <document start>)",
            "一个文件只能有一个文档,却遇到了{found}",
        ),
        (r"found unexpected end of stream", "文件在引号闭合之前就结束了(缺少右引号)"),
        (
            r"found unexpected document (?:separator|indicator)",
            "引号还没有闭合就遇到了文档分隔符(缺少右引号)",
        ),
        (
            r"found unknown escape character(?: (?P<found>.+))?",
            "双引号内有无效的转义字符(反斜杠请写成 \\\\,或改用单引号),却遇到了{found}",
        ),
        (
            r"(?:expected escape sequence of \d+ hexdecimal numbers, but found (?P<found>.+)"
            r"|did not find expected hexdecimal number)",
            "双引号内的 \\x、\\u 或 \\U 转义不完整",
        ),
        (
            r"found invalid Unicode character escape code",
            "双引号内的 \\u 或 \\U 转义不是有效的字符(如 \\uD800 这样的代理码位);请直接写出该字符",
        ),
        (
            r"(?:block )?sequence entries are not allowed (?:here|in this context)",
            "此处不能出现列表项“- ”(检查缩进)",
        ),
        (r"did not find expected '-' indicator", "此处应是列表项“- ”(检查缩进)"),
        (r"mapping keys are not allowed (?:here|in this context)", "此处不能出现键(检查缩进)"),
        (
            r"invalid intendation or unclosed '\[' or '\{'",
            "缩进无效,或“[”“{”没有闭合",
        ),
        (
            r"(?:expected a comment or a line break, but found (?P<found>.+)"
            r"|did not find expected comment or line break)",
            "此处只能是注释或换行,却遇到了{found}",
        ),
        (
            r"expected chomping or indentation indicators, but found (?P<found>.+)",
            "多行文本标记“|”或“>”之后只能跟 +、- 或一位数字,却遇到了{found}",
        ),
        (
            r"(?:expected indentation indicator in the range 1-9, but found 0"
            r"|found an indentation indicator equal to 0)",
            "多行文本的缩进标记应为 1 到 9",
        ),
        (
            r"more indented follow up line than first in a block scalar",
            "多行文本的后续行比第一行缩进得多",
        ),
        (
            r"expected a single document in the stream.*",
            "文件中有多个文档(“---”分隔);一个事项文件只能有一个",
        ),
        (r"found undefined alias.*", "引用了未定义的别名“*…”"),
        (
            r"(?:expected alphabetic or numeric character, but found (?P<found>.+)"
            r"|did not find expected alphabetic or numeric character)",
            "锚点或别名的名称应为字母或数字,却遇到了{found}",
        ),
        (
            r"found non-comment content after document end marker.*",
            "文档结束符“...”之后还有内容",
        ),
    )
)


def syntax_text(problem: str) -> Text:
    """The parser's ``problem`` in both languages (English as the parser words it)."""
    for pattern, zh in _WORDINGS:
        match = pattern.fullmatch(problem)
        if match is not None:
            found = match.group("found") if "found" in pattern.groupindex else None
            if found:
                return Text(zh.format(found=_token(found)), problem)
            # libyaml does not say what it found.
            return Text(zh.split(_FOUND, 1)[0].format(), problem)
    return Text(problem, problem)
