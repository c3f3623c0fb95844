"""Item data → YAML: new files in canonical form, and existing files changed in place.

New files are emitted directly (canonical key order, codes double-quoted, the schema
header line): the round-trip dumper costs milliseconds per file, too slow for a
province-sized import. Each string is written plain only when it cannot read back as
anything else; otherwise it is double-quoted (a JSON string is a valid YAML
double-quoted scalar). A test reads every emitted file back with the project's readers.

Existing files are changed through :mod:`catalog_tool.io.roundtrip`: only keys whose
value changes are touched, so comments, key order, quoting, flow or block style and every
key the sheet does not carry stay as they were.
"""

from __future__ import annotations

import json
import re
from contextlib import nullcontext
from functools import cache, lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from catalog_tool.io import entry_comments, roundtrip
from catalog_tool.model.item import Item
from catalog_tool.model.nesting import model_in

SCHEMA_HEADER = "# yaml-language-server: $schema=../../schemas/item.schema.json\n"
QUOTED_KEYS = frozenset({"code", "region", "impl_code", "credit_code"})
"""Codes: always double-quoted strings, so that leading zeros survive every reader."""
PHONE_KEYS = frozenset({"phone", "complaint_phone"})
FLOW_KEYS = frozenset({"time_limit", "online", "result", "synced_from"})
"""Small mappings written on one line, as in the sample catalog."""

_TYPED = re.compile(
    r"[-+.~0-9]|(?:true|false|yes|no|on|off|y|n|null|none)$|\.(?:inf|nan)$", re.IGNORECASE
)
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = frozenset(",[]{}:#?")
"""Plain in a block, not in a flow mapping: libyaml ends or rejects the scalar there
(``{url: a?b}`` is a parse error for it)."""


@cache
def nested_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The model a field of ``model`` holds (directly or as list entries), if any."""
    info = model.model_fields.get(key)
    return model_in(info.annotation) if info is not None else None


@cache
def field_default(model: type[BaseModel], key: str) -> Any:
    """The default of a field that has a non-empty one (``status: 在用``), else the
    sentinel :data:`PydanticUndefined`."""
    info = model.model_fields.get(key)
    if info is None or info.default is PydanticUndefined or info.default is None:
        return PydanticUndefined
    default = info.default
    return default.value if hasattr(default, "value") else default


@cache
def field_defaults(model: type[BaseModel]) -> dict[str, Any]:
    """:func:`field_default` of every field of ``model`` that has one."""
    found = {key: field_default(model, key) for key in model.model_fields}
    return {key: value for key, value in found.items() if value is not PydanticUndefined}


# -- new files ------------------------------------------------------------------------------


def emit_item(data: dict[str, Any]) -> str:
    """The canonical YAML text of a new item file."""
    lines = [SCHEMA_HEADER.rstrip("\n")]
    _emit_mapping(lines, data, Item, 0)
    return "\n".join(lines) + "\n"


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, ...], frozenset[str]]:
    names = tuple(model.model_fields)
    return names, frozenset(names)


def _ordered(data: dict[str, Any], model: type[BaseModel]) -> list[str]:
    """The keys of ``data`` in the model's field order, unknown keys last."""
    names, known = _fields(model)
    return [k for k in names if k in data] + [k for k in data if k not in known]


def _emit_mapping(
    lines: list[str], data: dict[str, Any], model: type[BaseModel], indent: int
) -> None:
    pad = " " * indent
    for key in _ordered(data, model):
        value = data[key]
        child = nested_model(model, key)
        if isinstance(value, dict):
            if key in FLOW_KEYS and child is not None:
                lines.append(f"{pad}{key}: {_flow_mapping(value, child)}")
            else:
                lines.append(f"{pad}{key}:")
                _emit_mapping(lines, value, child or Item, indent + 2)
        elif isinstance(value, list):
            if not value:
                lines.append(f"{pad}{key}: []")
                continue
            lines.append(f"{pad}{key}:")
            for entry in value:
                if isinstance(entry, dict):
                    inner: list[str] = []
                    _emit_mapping(inner, entry, child or Item, indent + 4)
                    first = inner[0][indent + 4 :]
                    lines.append(f"{pad}  - {first}")
                    lines.extend(inner[1:])
                else:
                    lines.append(f"{pad}  - {scalar(entry, key)}")
        else:
            lines.append(f"{pad}{key}: {scalar(value, key)}")


def _flow_mapping(data: dict[str, Any], model: type[BaseModel]) -> str:
    parts = [f"{k}: {scalar(data[k], k, flow=True)}" for k in _ordered(data, model)]
    return "{" + ", ".join(parts) + "}"


def scalar(value: Any, key: str = "", *, flow: bool = False) -> str:
    """One YAML scalar: plain when that reads back as the same string, else quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if key in QUOTED_KEYS or (key in PHONE_KEYS and text.isdigit()) or not _plain_safe(text, flow):
        return double_quoted(text)
    return text


def double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: JSON's escapes, plus escapes for what YAML
    does not allow raw (DEL, C1 controls such as NEL, line and paragraph separators, BOM)."""
    return _NOT_YAML_PRINTABLE.sub(
        lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(text, ensure_ascii=False)
    )


@lru_cache(maxsize=65536)
def _plain_safe(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or not text.isprintable():
        return False
    if text[0] in _INDICATORS or _TYPED.match(text):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    return not (flow and any(ch in _FLOW_UNSAFE for ch in text))


# -- existing files -------------------------------------------------------------------------


def update_text(text: str, target: dict[str, Any], *, where: str = "") -> str:
    """``text`` with the values of ``target`` written into it; untouched keys stay as they
    are. A key the file lacks whose value is the field's default is not added. The file's
    line breaks are kept, CRLF or LF."""

    def updated(text: str) -> str:
        document, yaml = roundtrip.load(text, where=where)
        if not isinstance(document, CommentedMap):
            raise ValueError("an item file must be a mapping")
        _apply(document, target, Item)
        return roundtrip.dump(document, yaml)

    return roundtrip.keeping_line_ends(text, updated)


def plain(node: Any) -> Any:
    """A round-trip value as plain Python data."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def _apply(node: CommentedMap, target: dict[str, Any], model: type[BaseModel]) -> None:
    adding = any(k not in node and v != field_default(model, k) for k, v in target.items())
    with entry_comments.lines_kept(node) if adding else nullcontext():
        _apply_keys(node, target, model)


def _apply_keys(node: CommentedMap, target: dict[str, Any], model: type[BaseModel]) -> None:
    for key in _ordered(target, model):
        new = target[key]
        child = nested_model(model, key)
        if key not in node:
            if new == field_default(model, key):
                continue
            node.insert(_position(node, key, model), key, _to_yaml(new, key, child))
            continue
        old = node[key]
        if plain(old) == new:
            continue
        if isinstance(new, dict) and isinstance(old, CommentedMap) and child is not None:
            _apply(old, new, child)
        elif isinstance(new, list) and isinstance(old, CommentedSeq):
            _apply_list(node, key, new, child)
        else:
            node[key] = _to_yaml(new, key, child)


def _apply_list(
    node: CommentedMap, key: str, new: list[Any], model: type[BaseModel] | None
) -> None:
    """Bring the list ``node[key]`` to ``new``. An entry the list already has (a mapping
    with the same name, or an equal value) keeps its node, so its comments and style go
    with it wherever it moves; an entry left out takes its comments away."""
    seq = node[key]
    was_empty = len(seq) == 0
    by_name = model is not None and all(isinstance(v, dict) for v in new)
    unused = {
        index: entry
        for index, entry in enumerate(seq)
        if not by_name or isinstance(entry, CommentedMap)
    }
    entries: list[entry_comments.Entry] = []
    for value in new:
        index = next((i for i, e in unused.items() if _same_entry(e, value, by_name)), None)
        if index is None:
            entries.append((None, _to_yaml(value, key, model if by_name else None)))
            continue
        entry = unused.pop(index)
        if by_name and model is not None:
            _apply(entry, value, model)
            _drop_keys(entry, [k for k in entry if k not in value])
        entries.append((index, entry))
    entry_comments.replace_entries(node, key, entries)
    if was_empty or any(isinstance(v, dict) for v in new):
        seq.fa.set_block_style()


def _drop_keys(node: CommentedMap, keys: list[Any]) -> None:
    if keys:
        with entry_comments.lines_kept(node):
            for key in keys:
                del node[key]


def _same_entry(entry: Any, value: Any, by_name: bool) -> bool:
    if by_name:
        return bool(plain(entry).get("name") == value.get("name"))
    return bool(plain(entry) == value)


def _position(node: CommentedMap, key: str, model: type[BaseModel]) -> int:
    order = list(_fields(model)[0])
    rank = order.index(key) if key in order else len(order)
    position = 0
    for index, existing in enumerate(node):
        if existing in order and order.index(existing) < rank:
            position = index + 1
    return position


def _to_yaml(value: Any, key: str, model: type[BaseModel] | None) -> Any:
    if isinstance(value, dict):
        mapping = CommentedMap()
        inner = model or Item
        for k in _ordered(value, inner):
            mapping[k] = _to_yaml(value[k], k, nested_model(inner, k))
        if key in FLOW_KEYS:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq(_to_yaml(v, key, model) for v in value)
        if not value:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and (key in QUOTED_KEYS or (key in PHONE_KEYS and value.isdigit())):
        return DoubleQuotedScalarString(value)
    return value
