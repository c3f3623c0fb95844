"""Y001 says the parser's syntax problem in Chinese, and keeps the parser's English."""

from __future__ import annotations

import pytest

from catalog_tool.diagnostics import fill
from catalog_tool.engine.filecheck import problem_finding
from catalog_tool.io.compose import compose
from catalog_tool.io.syntax_text import syntax_text


def _message(text: str) -> tuple[int, int, str, str]:
    """The (line, column, zh, en) of the one problem the careful reader finds in ``text``."""
    [problem] = compose(text).problems
    message = fill(problem_finding(problem).message, problem.params)
    return problem.line, problem.column, message.zh, message.en


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: 食品经营许可: 变更\n",
            (
                1,
                13,
                "YAML 语法错误:此处不能出现“:”(常见原因:值中含“: ”而没有加引号,或缩进错位)",
                "YAML syntax error: mapping values are not allowed in this context",
            ),
        ),
        (
            'code: "000101001000\nname: 甲\n',
            (
                3,
                1,
                "YAML 语法错误:文件在引号闭合之前就结束了(缺少右引号)",
                "YAML syntax error: found unexpected end of stream",
            ),
        ),
        (
            "conditions:\n  - 甲\n name: 乙\n",
            (
                3,
                2,
                "YAML 语法错误:缩进不一致:这一层应在此结束",
                "YAML syntax error: did not find expected key",
            ),
        ),
        (
            'name: "食品\\uD800经营"\n',
            (
                1,
                12,
                "YAML 语法错误:双引号内的 \\u 或 \\U 转义不是有效的字符"
                "(如 \\uD800 这样的代理码位);请直接写出该字符",
                "YAML syntax error: found invalid Unicode character escape code",
            ),
        ),
        (
            "basis: [《中华人民共和国食品安全法》第三十五条\nname: 甲\n",
            (
                2,
                5,
                "YAML 语法错误:方括号列表“[ … ]”没有正确闭合:应为“,”或“]”",
                "YAML syntax error: did not find expected ',' or ']'",
            ),
        ),
        (
            'name: "食品\\q"\n',
            (
                1,
                10,
                "YAML 语法错误:双引号内有无效的转义字符(反斜杠请写成 \\\\,或改用单引号)",
                "YAML syntax error: found unknown escape character",
            ),
        ),
        (
            "- 甲\nname: 乙\n",
            (
                2,
                1,
                "YAML 语法错误:此处应是列表项“- ”(检查缩进)",
                "YAML syntax error: did not find expected '-' indicator",
            ),
        ),
    ],
)
def test_the_parsers_problem_is_said_in_chinese_where_it_is(
    text: str, expected: tuple[int, int, str, str]
) -> None:
    assert _message(text) == expected


def test_what_the_python_parser_found_is_named_in_chinese() -> None:
    # ruamel's pure-Python parser (used where the C one is missing) says what it found.
    assert syntax_text("expected <block end>, but found '<block mapping start>'").zh == (
        "缩进不一致:这一层应在此结束,却遇到了新的“键: 值”"
    )
    assert syntax_text("found character '@' that cannot start any token").zh == (
        "此处的字符不能作为值的开头(如 @ 或 `;请给整个值加引号),却遇到了“@”"
    )
    assert syntax_text("expected ',' or '}', but got '<stream end>'").zh == (
        "花括号映射“{ … }”没有正确闭合:应为“,”或“}”,却遇到了文件结尾"
    )


def test_an_unknown_wording_is_quoted_as_the_parser_gives_it() -> None:
    text = syntax_text("found something no parser says yet")
    assert (text.zh, text.en) == ("found something no parser says yet",) * 2
