"""Command-line usage errors in the user's language.

The CLI framework words its usage errors in English only ("Missing option '--region'.",
"Invalid value for '--format'…"), in a box. Each kind is said again here, in Chinese by
default, with the command's ``--help`` to turn to. The errors are recognised by class
name: typer either vendors click or depends on it, and both name them alike.
"""

from __future__ import annotations

import re
from typing import Any

from catalog_tool.text import Lang, Text

_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)")
_COMMAND = re.compile(r"No such command '(?P<name>[^']*)'\.(?: Did you mean '(?P<guess>[^']*)'\?)?")
_NOT_ONE_OF = re.compile(r"(?:Value error, )?(?P<value>'.*') is not one of (?P<allowed>.*)\.")
_BOUND = re.compile(r"Input should be (?P<how>greater|less) than (?P<equal>or equal to )?(?P<n>.+)")
_NOT_INTEGER = re.compile(r"Input should be a valid integer.*")
_PATH = re.compile(
    r"(?P<kind>[Ff]ile|[Dd]irectory|[Pp]ath|dir) '(?P<path>.*)' (?P<problem>does not exist"
    r"|is a directory|is a file|is not readable|is not writable)\."
)
_PATH_PROBLEMS = {
    "does not exist": "不存在",
    "is a directory": "是文件夹,这里要的是文件",
    "is a file": "是文件,这里要的是文件夹",
    "is not readable": "无法读取(没有权限)",
    "is not writable": "无法写入(没有权限)",
}


def is_usage_error(error: BaseException) -> bool:
    """True for the framework's usage errors (its ``UsageError`` and subclasses)."""
    return any(cls.__name__ == "UsageError" for cls in type(error).__mro__)


def shows_help(error: BaseException) -> bool:
    """True for the error that stands for "no arguments: show the help"."""
    return type(error).__name__ == "NoArgsIsHelpError"


def usage_message(error: Any, lang: Lang) -> str:
    """The two lines to print for usage error ``error``: what is wrong, and where to look."""
    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "catalog"
    problem = _problem(error, context)
    hint = Text(f"运行 {command} --help 查看用法。", f"Run '{command} --help' for usage.")
    prefix = "错误" if lang is Lang.ZH else "error"
    return f"{prefix}: {problem.get(lang)}\n{hint.get(lang)}\n"


def _problem(error: Any, context: Any) -> Text:
    english = str(error.format_message())
    kind = type(error).__name__
    if kind == "NoSuchOption":
        possible = list(getattr(error, "possibilities", None) or ())
        also = f",是不是 {'、'.join(possible)}?" if possible else ""
        return Text(f"没有 {error.option_name} 这个选项{also}", english)
    param = getattr(error, "param", None)
    hint = _param_hint(error, param)
    if kind == "MissingParameter":
        kind_name = getattr(error, "param_type", None) or getattr(param, "param_type_name", "")
        what = "选项" if kind_name == "option" else "参数"
        return Text(f"缺少{what} {hint}", english)
    if kind == "BadParameter":
        return Text(f"{hint} {_bad_value(str(error.message))}", english)
    if kind == "BadOptionUsage" and "requires an argument" in english:
        return Text(f"选项 {error.option_name} 后面要跟一个值", english)
    found = _EXTRA.fullmatch(english)
    if found is not None:
        return Text(f"多余的参数:{found.group('args')}", english)
    if english == "Missing command.":
        return Text("缺少命令,如 catalog validate", english)
    found = _COMMAND.fullmatch(english)
    if found is not None:
        guess = found.group("guess")
        also = f",是不是 {guess}?" if guess else ""
        return Text(f"没有 {found.group('name')} 这个命令{also}", english)
    return Text(f"用法有误:{english}", english)


def _bad_value(message: str) -> str:
    """What is wrong with an option's value, in Chinese."""
    found = _NOT_ONE_OF.fullmatch(message)
    if found is not None:
        return f"的值 {found.group('value')} 不可用,应为 {found.group('allowed')} 之一"
    found = _BOUND.fullmatch(message)
    if found is not None:
        how = "不小于" if found.group("how") == "greater" else "不大于"
        if not found.group("equal"):
            how = "大于" if found.group("how") == "greater" else "小于"
        return f"的值应{how} {found.group('n')}"
    if _NOT_INTEGER.fullmatch(message):
        return "的值应为整数"
    found = _PATH.fullmatch(message)
    if found is not None:
        return f"的路径 {found.group('path')} {_PATH_PROBLEMS[found.group('problem')]}"
    return f"的值无效:{message}"


def _param_hint(error: Any, param: Any) -> str:
    """How the option or argument is written: ``--format / -f``, ``FILE``."""
    given = getattr(error, "param_hint", None)
    if isinstance(given, str):
        return given
    if isinstance(given, (list, tuple)) and given:
        return " / ".join(str(g) for g in given)
    if param is None:
        return ""
    opts = list(getattr(param, "opts", None) or ())
    if getattr(param, "param_type_name", "") == "option" and opts:
        return " / ".join(opts)
    return str(getattr(param, "human_readable_name", None) or getattr(param, "name", "")).upper()
