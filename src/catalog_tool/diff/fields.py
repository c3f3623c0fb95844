"""Field-level changes between two versions of an item, as plain data.

Lists are compared the way reviewers read them: materials, steps and fees by their
normalized name (:func:`~catalog_tool.domain.normalize.form_key`), and basis, conditions
and service objects by their normalized text. A reorder is therefore not a change, unless
``order`` is asked for. Nested mappings (agency, time limit, venue …) compare key by key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from catalog_tool.domain.normalize import form_key
from catalog_tool.model.item import Item

KEYED_LISTS: Mapping[str, str] = {"materials": "name", "steps": "name", "fees": "name"}
"""Lists of mappings, each element known by its name."""
TEXT_LISTS = frozenset({"basis", "conditions", "service_objects"})
"""Lists of strings, each element known by its normalized text."""
NESTED = frozenset({"agency", "time_limit", "online", "venue", "result", "synced_from"})
"""Mappings compared key by key."""
FIELD_ORDER: tuple[str, ...] = tuple(Item.model_fields)


class ChangeKind(StrEnum):
    """What happened to one field or list element."""

    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"
    REORDERED = "reordered"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One difference inside an item."""

    path: str
    """Where, for people: ``time_limit.promised_days``, ``materials[授权委托书].copies``."""
    field: str
    """Which field, without element names: ``materials.copies``; ignore rules match it."""
    kind: ChangeKind
    old: Any = None
    """The old value (plain data); None when added."""
    new: Any = None
    """The new value (plain data); None when removed."""
    pointer: str = ""
    """JSON pointer in the new version (in the old one for a removal)."""


def canonical(value: Any) -> str:
    """``value`` as canonical JSON: equal text for equal data (1 and True differ)."""
    # default=str: data of a file that failed validation may hold dates or other scalars.
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def json_value(value: Any) -> Any:
    """``value`` as JSON data: a file that failed validation may hold dates and the like."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return json.loads(canonical(value))


def same(a: Any, b: Any) -> bool:
    """True when two plain values are the same data."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, str | int | float | bool):
        return bool(a == b)
    return canonical(a) == canonical(b)


def clean(value: Any) -> Any:
    """``value`` without None entries in mappings: an empty key reads as an absent one."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float:
        return value  # the common case first: ABC checks cost more than the walk
    if kind is dict or isinstance(value, Mapping):
        return {str(k): clean(v) for k, v in value.items() if v is not None}
    if kind is list or isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value


def element_key(field: str, value: Any) -> str:
    """The key a list element is matched by: its normalized name or text."""
    name_key = KEYED_LISTS.get(field)
    if name_key is not None and isinstance(value, Mapping):
        name = value.get(name_key)
        if isinstance(name, str):
            return form_key(name)
    if isinstance(value, str):
        return form_key(value)
    return canonical(value)


def keyed(field: str, values: Sequence[Any]) -> dict[str, tuple[int, Any]]:
    """Elements by key, with their index; a repeated key gets ``#2``, ``#3`` …"""
    out: dict[str, tuple[int, Any]] = {}
    for index, value in enumerate(values):
        key = element_key(field, value)
        unique, n = key, 1
        while unique in out:
            n += 1
            unique = f"{key}#{n}"
        out[unique] = (index, value)
    return out


def label_of(field: str, value: Any) -> str:
    """How a list element is named in a path: its name, or its text."""
    name_key = KEYED_LISTS.get(field)
    if name_key is not None and isinstance(value, Mapping):
        name = value.get(name_key)
        if isinstance(name, str):
            return name
    return value if isinstance(value, str) else canonical(value)


def is_list_field(field: str) -> bool:
    """True for the lists matched element by element."""
    return field in KEYED_LISTS or field in TEXT_LISTS


def ordered_keys(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Top-level keys of both versions in format-v1 order, unknown keys after them."""
    present = set(old) | set(new)
    known = [k for k in FIELD_ORDER if k in present]
    return known + sorted(present - set(FIELD_ORDER))


def ignored(field: str, patterns: Iterable[str]) -> bool:
    """Whether ``field`` (dotted, like ``venue.phone``) falls under an ignore pattern."""
    return any(field == p or field.startswith(p + ".") for p in patterns)


def compare(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    order: bool = False,
    ignore: Sequence[str] = (),
) -> tuple[FieldChange, ...]:
    """Every field-level change from ``old`` to ``new`` (plain item data)."""
    before, after = clean(old), clean(new)
    changes: list[FieldChange] = []
    for key in ordered_keys(before, after):
        if key in before and key in after and same(before[key], after[key]):
            continue
        changes.extend(compare_field(key, before.get(key), after.get(key), order=order))
    return tuple(c for c in changes if not ignored(c.field, ignore))


def compare_field(field: str, old: Any, new: Any, *, order: bool = False) -> Iterator[FieldChange]:
    """The changes of one top-level field (``None`` for an absent value)."""
    if old is None and new is None:
        return
    if old is None:
        yield FieldChange(field, field, ChangeKind.ADDED, None, new, f"/{field}")
    elif new is None:
        yield FieldChange(field, field, ChangeKind.REMOVED, old, None, f"/{field}")
    elif is_list_field(field) and isinstance(old, list) and isinstance(new, list):
        yield from _compare_list(field, old, new, order)
    elif field in NESTED and isinstance(old, Mapping) and isinstance(new, Mapping):
        yield from _compare_map(field, field, f"/{field}", old, new)
    elif not same(old, new):
        yield FieldChange(field, field, ChangeKind.CHANGED, old, new, f"/{field}")


def _compare_map(
    path: str, field: str, pointer: str, old: Mapping[str, Any], new: Mapping[str, Any]
) -> Iterator[FieldChange]:
    for key in [*new, *(k for k in old if k not in new)]:
        a, b = old.get(key), new.get(key)
        if a is not None and b is not None and same(a, b):
            continue
        where, name, at = f"{path}.{key}", f"{field}.{key}", f"{pointer}/{key}"
        if a is None:
            yield FieldChange(where, name, ChangeKind.ADDED, None, b, at)
        elif b is None:
            yield FieldChange(where, name, ChangeKind.REMOVED, a, None, at)
        else:
            yield FieldChange(where, name, ChangeKind.CHANGED, a, b, at)


Indexed = tuple[int, Any]


def pair_elements(
    field: str, old: Sequence[Any], new: Sequence[Any]
) -> tuple[list[tuple[Indexed, Indexed]], list[Indexed], list[Indexed]]:
    """Match list elements by key: (pairs, removed, added), each with its index.

    Elements sharing a key (a duplicate, M005) pair identical ones first, then in order,
    so a reorder of duplicates is not a change either.
    """
    groups_old: dict[str, list[Indexed]] = {}
    groups_new: dict[str, list[Indexed]] = {}
    for index, value in enumerate(old):
        groups_old.setdefault(element_key(field, value), []).append((index, value))
    for index, value in enumerate(new):
        groups_new.setdefault(element_key(field, value), []).append((index, value))
    pairs: list[tuple[Indexed, Indexed]] = []
    removed: list[Indexed] = []
    added: list[Indexed] = []
    for key in dict.fromkeys([*groups_new, *groups_old]):
        olds, news = list(groups_old.get(key, ())), list(groups_new.get(key, ()))
        for element in list(news):
            twin = next((o for o in olds if same(o[1], element[1])), None)
            if twin is not None:
                pairs.append((twin, element))
                olds.remove(twin)
                news.remove(element)
        pairs.extend(zip(olds, news, strict=False))
        removed.extend(olds[len(news) :])
        added.extend(news[len(olds) :])
    pairs.sort(key=lambda p: p[1][0])
    removed.sort(key=lambda e: e[0])
    added.sort(key=lambda e: e[0])
    return pairs, removed, added


def _compare_list(field: str, old: list[Any], new: list[Any], order: bool) -> Iterator[FieldChange]:
    pairs, removed, added = pair_elements(field, old, new)
    events: list[tuple[int, FieldChange]] = []
    for index, value in added:
        label = f"{field}[{label_of(field, value)}]"
        change = FieldChange(label, field, ChangeKind.ADDED, None, value, f"/{field}/{index}")
        events.append((index, change))
    for (_, previous), (index, value) in pairs:
        if same(previous, value):
            continue
        label = f"{field}[{label_of(field, value)}]"
        pointer = f"/{field}/{index}"
        if isinstance(previous, Mapping) and isinstance(value, Mapping):
            events.extend((index, c) for c in _compare_map(label, field, pointer, previous, value))
        else:
            change = FieldChange(label, field, ChangeKind.CHANGED, previous, value, pointer)
            events.append((index, change))
    events.sort(key=lambda e: e[0])
    yield from (change for _, change in events)
    for index, value in removed:
        label = f"{field}[{label_of(field, value)}]"
        yield FieldChange(label, field, ChangeKind.REMOVED, value, None, f"/{field}/{index}")
    if order:
        by_old = sorted(pairs, key=lambda p: p[0][0])
        if [p[1][0] for p in by_old] != sorted(p[1][0] for p in by_old):
            yield FieldChange(
                field,
                field,
                ChangeKind.REORDERED,
                [label_of(field, p[0][1]) for p in by_old],
                [label_of(field, p[1][1]) for p in pairs],
                f"/{field}",
            )
