"""Canonical form of one document, changed in place on ruamel's round-trip data.

* keys in the order of format v1 (the model's field order), unknown keys after them;
* codes as double-quoted strings (``code``, ``region``, ``impl_code``, ``credit_code``,
  and phone numbers made only of digits);
* names, citations, material names, conditions and step names in canonical text
  (:func:`catalog_tool.domain.normalize.canonical_text`).

Comments travel with their keys; everything else is left as written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from catalog_tool.domain.normalize import canonical_text
from catalog_tool.model.item import Item
from catalog_tool.model.nesting import model_in
from catalog_tool.model.regions import Region

_QUOTED = frozenset({"code", "region", "impl_code", "credit_code", "parent"})
_PHONES = frozenset({"phone", "complaint_phone"})
_TEXT_KEYS = frozenset({"name", "basis", "conditions"})


def _order(mapping: CommentedMap, model: type[BaseModel]) -> None:
    fields = list(model.model_fields)
    known = [k for k in fields if k in mapping]
    unknown = [k for k in mapping if k not in model.model_fields]
    if list(mapping) != known + unknown:
        for key in known + unknown:
            mapping.move_to_end(key)


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    fixed = canonical_text(value)
    if fixed == value:
        return value
    return type(value)(fixed) if isinstance(value, ScalarString) else fixed


def _quoted(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        # An unquoted code was read as a number; ruamel remembers how many digits it had.
        width = getattr(value, "_width", None) or 0
        return DoubleQuotedScalarString(f"{int(value):0{width}d}")
    if isinstance(value, str) and not isinstance(value, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(value)
    return value


def _visit(node: Any, model: type[BaseModel], text_fields: bool) -> None:
    if isinstance(node, CommentedSeq):
        for i, element in enumerate(node):
            if isinstance(element, CommentedMap):
                _visit(element, model, text_fields)
            elif text_fields:
                node[i] = _text(element)
        return
    if not isinstance(node, CommentedMap):
        return
    _order(node, model)
    for key in list(node):
        value = node[key]
        if key in _QUOTED or (
            key in _PHONES
            and (
                (isinstance(value, str) and value.isdigit())
                or (isinstance(value, int) and not isinstance(value, bool))
            )
        ):
            node[key] = _quoted(value)
        elif key in _TEXT_KEYS and isinstance(value, str):
            node[key] = _text(value)
        elif key in _TEXT_KEYS and isinstance(value, CommentedSeq):
            _visit(value, model, text_fields=True)
        info = model.model_fields.get(key)
        child = model_in(info.annotation) if info is not None else None
        if child is not None and isinstance(node[key], CommentedMap | CommentedSeq):
            _visit(node[key], child, text_fields=False)


def canonicalize_item(document: Any) -> None:
    """Bring an item document into canonical form (no-op on non-mappings)."""
    _visit(document, Item, text_fields=False)


def canonicalize_regions(document: Any) -> None:
    """Bring a ``regions.yaml`` document into canonical form."""
    if isinstance(document, CommentedSeq):
        for entry in document:
            _visit(entry, Region, text_fields=False)


CANONICALIZERS: dict[str, Callable[[Any], None]] = {
    "item": canonicalize_item,
    "regions": canonicalize_regions,
}
