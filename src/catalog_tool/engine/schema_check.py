"""Pydantic validation, with each error turned into a positioned S/C finding.

Pydantic's ``loc`` is mapped to a JSON pointer into the data, union-member tags are
dropped, and the error type picks the rule: a missing key is S001, an unknown key S002, a
value outside its vocabulary or range S004, a malformed 基本编码 C001, a malformed credit
code C005, anything else S003.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import types
import typing
from collections.abc import Sequence
from enum import Enum
from typing import Any, Union

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from catalog_tool.diagnostics import Finding
from catalog_tool.io.nodes import join_pointer
from catalog_tool.rules.identity import BadBasicCode, BadCreditCode, ImplementationCodeMismatch
from catalog_tool.rules.schema import MissingKey, UnknownKey, ValueNotAllowed, WrongType
from catalog_tool.text import Text

_TYPE_WORDS: dict[str, tuple[str, str]] = {
    "string_type": ("文字(字符串)", "text (a string)"),
    "int_type": ("整数", "an integer"),
    "int_from_float": ("整数", "an integer"),
    "float_type": ("数字", "a number"),
    "bool_type": ("true 或 false", "true or false"),
    "list_type": ("列表(每项以 - 开头)", "a list (items start with -)"),
    "dict_type": ("映射(键: 值)", "a mapping (key: value)"),
    "model_type": ("映射(键: 值)", "a mapping (key: value)"),
    "model_attributes_type": ("映射(键: 值)", "a mapping (key: value)"),
    "none_required": ("空值", "empty"),
}
_RANGE = {
    "greater_than_equal": ("不小于 {ge}", "at least {ge}"),
    "greater_than": ("大于 {gt}", "more than {gt}"),
    "less_than_equal": ("不大于 {le}", "at most {le}"),
    "less_than": ("小于 {lt}", "less than {lt}"),
}


_SUGGEST = 100
"""Unknown keys of one file that get a spelling suggestion."""


def check_model(model: type[BaseModel], data: Any) -> tuple[BaseModel | None, list[Finding]]:
    """Validate ``data`` against ``model``: the instance, or None and the findings."""
    if not isinstance(data, dict):
        return None, [MissingKey.finding("", "root")]
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        return None, findings_from_errors(model, data, err.errors(include_url=False))


def findings_from_errors(model: type[BaseModel], data: Any, errors: Sequence[Any]) -> list[Finding]:
    """One finding per offending place (union members' errors are merged)."""
    seen: dict[str, Finding] = {}
    for error in errors:
        tokens = _data_path(error["loc"], data, error["type"] == "missing")
        pointer = join_pointer(*tokens)
        if pointer in seen:
            continue
        # Spelling suggestions cost a millisecond each: a file of thousands of unknown
        # keys is garbage, not typos, and gets the plain message.
        seen[pointer] = _finding(model, tokens, pointer, error, suggest=len(seen) < _SUGGEST)
    return list(seen.values())


def _data_path(loc: Sequence[str | int], data: Any, missing: bool) -> list[str | int]:
    """The part of ``loc`` that exists in ``data`` (plus the missing key itself)."""
    path: list[str | int] = []
    node = data
    for i, token in enumerate(loc):
        in_dict = isinstance(node, dict) and token in node
        in_list = isinstance(node, list) and isinstance(token, int) and 0 <= token < len(node)
        if in_dict or in_list:
            node = node[token]
        elif missing and i == len(loc) - 1:
            path.append(token)
            break
        else:
            continue  # a union-member tag such as 'bool' or "literal['容缺后补']"
        path.append(token)
    return path


def _finding(
    model: type[BaseModel], tokens: list[str | int], pointer: str, error: Any, *, suggest: bool
) -> Finding:
    kind: str = error["type"]
    names = [t for t in tokens if isinstance(t, str)]
    info, parent = _field_at(model, tokens)
    title = info.title if info is not None and info.title else (names[-1] if names else "")
    key = names[-1] if names else "."
    value = _show(error.get("input"))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return MissingKey.finding(pointer, key=names[-1], title=title, about=_about(info))
    if kind == "extra_forbidden":
        allowed = list(parent.model_fields) if parent is not None else []
        key = str(tokens[-1])
        close = difflib.get_close_matches(key, allowed, n=1) if suggest else []
        if close:
            return UnknownKey.finding(pointer, "suggest", key=key, suggestion=close[0])
        return UnknownKey.finding(pointer, key=key, allowed=", ".join(allowed))
    if kind == "string_pattern_mismatch":
        if names[-1:] == ["code"] and len(names) == 1:
            return BadBasicCode.finding(pointer, value=error.get("input"))
        if names[-1:] == ["credit_code"]:
            return BadCreditCode.finding(pointer, "format", value=error.get("input"))
        if names[-1:] == ["impl_code"]:
            return ImplementationCodeMismatch.finding(pointer, "format", value=error.get("input"))
    if kind in ("enum", "literal_error"):
        allowed_values = _allowed(info)
        return ValueNotAllowed.finding(
            pointer,
            title=title,
            key=key,
            value=value,
            allowed=allowed_values or ctx.get("expected", ""),
        )
    if kind in _RANGE:
        zh, en = _RANGE[kind]
        bound = Text(zh.format(**ctx), en.format(**ctx))
        return ValueNotAllowed.finding(
            pointer, "range", title=title, key=key, value=value, bound=bound
        )
    expected = _expected(kind, ctx, info)
    return WrongType.finding(
        pointer, title=title, key=key, expected=expected, value=value, about=_about(info)
    )


def _about(info: FieldInfo | None) -> Text:
    """The field's Chinese description; the English message goes without it."""
    return Text(info.description or "", "") if info is not None else Text("", "")


def _expected(kind: str, ctx: dict[str, Any], info: FieldInfo | None) -> Text:
    if info is not None and _is_union_of_bool_and_literal(info):
        return Text("true、false 或“容缺后补”", "true, false or '容缺后补'")
    if kind in _TYPE_WORDS:
        zh, en = _TYPE_WORDS[kind]
        return Text(zh, en)
    if kind == "string_too_short":
        return Text("非空文字", "non-empty text")
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return Text(f"至少 {n} 项", f"at least {n} entries")
    if kind in ("string_too_long", "too_long"):
        n = ctx.get("max_length", "")
        return Text(f"不超过 {n} 个字", f"at most {n} characters")
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        return Text(f"符合格式 {pattern} 的文字", f"text matching {pattern}")
    return Text("有效的值", "a valid value")


def _is_union_of_bool_and_literal(info: FieldInfo) -> bool:
    args = typing.get_args(info.annotation)
    return bool in args and any(typing.get_origin(a) is typing.Literal for a in args)


def _allowed(info: FieldInfo | None) -> str:
    if info is None:
        return ""
    for arg in _flatten(info.annotation):
        if isinstance(arg, type) and issubclass(arg, Enum):
            return "、".join(str(m.value) for m in arg)
        if typing.get_origin(arg) is typing.Literal:
            return "、".join(str(v) for v in typing.get_args(arg))
    return ""


def _flatten(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _flatten(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType, list):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_flatten(arg))
        return out
    return [annotation]


def _field_at(
    model: type[BaseModel], tokens: list[str | int]
) -> tuple[FieldInfo | None, type[BaseModel] | None]:
    """The field named by ``tokens`` and the model that holds it."""
    current: type[BaseModel] | None = model
    info: FieldInfo | None = None
    parent: type[BaseModel] | None = model
    for token in tokens:
        if isinstance(token, int):
            continue
        if current is None or token not in current.model_fields:
            return None, current
        parent = current
        info = current.model_fields[token]
        current = next(
            (
                a
                for a in _flatten(info.annotation)
                if isinstance(a, type) and issubclass(a, BaseModel)
            ),
            None,
        )
    return info, parent


def _show(value: Any) -> str:
    """``value`` for a message, spelt as YAML spells it (never a Python repr)."""
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = f"“{value}”" if isinstance(value, str) else _yaml_scalar(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _yaml_scalar(value: Any) -> str:
    """A non-string scalar the way it is written in YAML: ``2024-01-01``, ``true``, ``null``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
    return str(value)
