"""The three-way merge of one item: base (last synced upstream), theirs (upstream now),
ours (the local item), field by field, on plain data.

Only upstream-owned fields (:mod:`catalog_tool.merge.ownership`) are merged; local-owned
fields are always ours. For each upstream-owned field:

* theirs equals ours: nothing to do;
* only upstream changed it since the base: theirs is applied;
* only the region changed it: ours stays;
* both changed it differently: a **conflict**, never resolved silently (``--strategy``
  picks a side).

Lists merge element by element, keyed by the normalized name or text (as the diff
matches them): an upstream addition is inserted after its upstream predecessor, an
upstream deletion removes the element locally (a conflict if the region had changed that
element's standard content), and a local element the standard does not have stays
(validate reports it as F006).

**No base** (the first sync, or a recorded base that git no longer has): an upstream-owned
field that differs takes the upstream value, because the standard wins and F001–F006
would demand it anyway; a field the upstream item does not have at all (the national
catalog has only four) is left alone; local list elements beyond the standard stay. A
local value marked deliberate (its line carries a ``# catalog: ignore[F…]`` suppression
of the rule that would report the deviation) is a conflict instead, so an accepted local
deviation is never overwritten without ``--strategy theirs``.

An upstream item whose status is 取消 marks the local item 取消 (files are never deleted).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from catalog_tool.diff.fields import (
    NESTED,
    clean,
    is_list_field,
    keyed,
    label_of,
    ordered_keys,
    same,
)
from catalog_tool.merge.model import Action, FieldMerge, Strategy
from catalog_tool.merge.ownership import Owner, owner_of
from catalog_tool.model.enums import Status

Deliberate = Callable[[str, str], bool]
"""``(pointer, top-level field) -> True`` when the local value there is marked deliberate."""

_NEVER = frozenset({"code", "region", "synced_from", "status"})
_CANCELLED = Status.CANCELLED.value


@dataclass(frozen=True, slots=True)
class Outcome:
    """The merged data of one item and the decisions that made it."""

    merged: dict[str, Any]
    """Ours with the decisions applied (conflicts resolved by the strategy, else ours)."""
    applied: tuple[FieldMerge, ...]
    conflicts: tuple[FieldMerge, ...]
    extras: tuple[str, ...]
    """Local list elements beyond the upstream standard, kept (F006)."""


def _never(pointer: str, field: str) -> bool:
    return False


def _as_is(data: Any) -> Any:
    return data


def merge_item(
    base: Mapping[str, Any] | None,
    theirs: Mapping[str, Any],
    ours: Mapping[str, Any],
    *,
    strategy: Strategy | None = None,
    deliberate: Deliberate = _never,
    cleaned: bool = False,
) -> Outcome:
    """Merge upstream ``theirs`` into local ``ours``; ``base`` None means no base.

    ``cleaned`` says the data has no empty values already (as read by the catalog), which
    saves walking it again.
    """
    tidy: Callable[[Any], Any] = _as_is if cleaned else clean
    merger = _Merger(base is not None, strategy, deliberate, theirs, ours)
    merged = merger.run(tidy(base) if base is not None else {}, tidy(theirs), tidy(ours))
    return Outcome(merged, tuple(merger.applied), tuple(merger.conflicts), tuple(merger.extras))


def standard_part(field: str, value: Any, item_type: str | None) -> Any:
    """The upstream-owned part of a list element (the whole of a string)."""
    if not isinstance(value, Mapping):
        return value
    return {k: v for k, v in value.items() if owner_of(f"{field}.{k}", item_type) is Owner.UPSTREAM}


def _equal(a: Any, b: Any) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and same(a, b))


class _Merger:
    def __init__(
        self,
        base_known: bool,
        strategy: Strategy | None,
        deliberate: Deliberate,
        theirs: Mapping[str, Any],
        ours: Mapping[str, Any],
    ) -> None:
        self.base_known = base_known
        self.strategy = strategy
        self.deliberate = deliberate
        kind = theirs.get("type", ours.get("type"))
        self.item_type = kind if isinstance(kind, str) else None
        self.applied: list[FieldMerge] = []
        self.conflicts: list[FieldMerge] = []
        self.extras: list[str] = []

    def owner(self, field: str) -> Owner:
        return owner_of(field, self.item_type)

    def run(
        self, base: Mapping[str, Any], theirs: Mapping[str, Any], ours: Mapping[str, Any]
    ) -> dict[str, Any]:
        merged = dict(ours)
        keys = ordered_keys(theirs, ours) + [k for k in base if k not in theirs and k not in ours]
        for key in keys:
            if key in _NEVER:
                continue
            b, t, o = base.get(key), theirs.get(key), ours.get(key)
            if t is None and not self.base_known:
                continue  # upstream sets no standard for this field
            if is_list_field(key) and all(isinstance(v, list) or v is None for v in (b, t, o)):
                if self.owner(key) is Owner.UPSTREAM:
                    _put(merged, key, self._list(key, b, t, o))
            elif key in NESTED and all(isinstance(v, Mapping) or v is None for v in (b, t, o)):
                _put(merged, key, self._map(key, b, t, o))
            elif self.owner(key) is Owner.UPSTREAM:
                _put(merged, key, self._scalar(key, f"/{key}", key, b, t, o))
        if theirs.get("status") == _CANCELLED and ours.get("status") != _CANCELLED:
            merged["status"] = _CANCELLED
            self.applied.append(
                FieldMerge(
                    "status", Action.CANCELLED, base.get("status"), ours.get("status"),
                    _CANCELLED, "/status",
                )
            )  # fmt: skip
        return merged

    def _scalar(self, path: str, pointer: str, top: str, b: Any, t: Any, o: Any) -> Any:
        if _equal(t, o):
            return o
        if self.base_known:
            if _equal(t, b):
                return o  # only the region changed it
            if _equal(o, b):
                action = Action.REMOVED if t is None else Action.THEIRS
                self.applied.append(FieldMerge(path, action, b, o, t, pointer))
                return t
            return self._conflict(path, pointer, b, t, o)
        if t is None:
            return o
        if self.deliberate(pointer, top):
            return self._conflict(path, pointer, b, t, o)
        self.applied.append(FieldMerge(path, Action.ADOPTED, None, o, t, pointer))
        return t

    def _conflict(self, path: str, pointer: str, b: Any, t: Any, o: Any) -> Any:
        decision = FieldMerge(path, Action.CONFLICT, b, o, t, pointer)
        self.conflicts.append(decision)
        if self.strategy is Strategy.THEIRS:
            return t
        return o

    def _map(self, key: str, b: Any, t: Any, o: Any) -> dict[str, Any] | None:
        bm: Mapping[str, Any] = b or {}
        tm: Mapping[str, Any] = t or {}
        om: Mapping[str, Any] = o or {}
        result = dict(om)
        subs = list(dict.fromkeys([*om, *tm, *bm]))
        for sub in subs:
            field = f"{key}.{sub}"
            if self.owner(field) is not Owner.UPSTREAM:
                continue
            value = self._scalar(field, f"/{key}/{sub}", key, bm.get(sub), tm.get(sub), om.get(sub))
            _put(result, sub, value)
        if not result and o is None:
            return None
        return result

    def _list(self, key: str, b: Any, t: Any, o: Any) -> list[Any] | None:
        before, upstream, local = keyed(key, b or []), keyed(key, t or []), keyed(key, o or [])
        result: list[tuple[str, Any]] = []
        for k, (index, mine) in local.items():
            pointer, label = f"/{key}/{index}", f"{key}[{label_of(key, mine)}]"
            if k in upstream:
                was = before[k][1] if k in before else None
                result.append((k, self._element(key, label, pointer, was, upstream[k][1], mine)))
            elif self.base_known and k in before:
                if self._deleted_upstream(key, label, pointer, before[k][1], mine):
                    continue
                result.append((k, mine))
            else:
                if t is not None:
                    self.extras.append(label)
                result.append((k, mine))
        for position, (k, (_, theirs)) in enumerate(upstream.items()):
            if k in local:
                continue
            label = f"{key}[{label_of(key, theirs)}]"
            pointer = f"/{key}"
            if self.base_known and k in before:
                was = before[k][1]
                if _equal(self._standard(key, theirs), self._standard(key, was)):
                    continue  # the region deleted it and upstream did not touch it
                self._conflict(label, pointer, was, theirs, None)
                if self.strategy is not Strategy.THEIRS:
                    continue
            else:
                action = Action.THEIRS if self.base_known else Action.ADOPTED
                self.applied.append(FieldMerge(label, action, None, None, theirs, pointer))
            _insert(result, list(upstream)[:position], k, theirs)
        if not result and o is None:
            return None
        return [value for _, value in result]

    def _deleted_upstream(self, key: str, label: str, pointer: str, was: Any, mine: Any) -> bool:
        """Handle an element upstream deleted; True when it goes."""
        if _equal(self._standard(key, mine), self._standard(key, was)):
            self.applied.append(FieldMerge(label, Action.REMOVED, was, mine, None, pointer))
            return True
        self._conflict(label, pointer, was, None, mine)
        return self.strategy is Strategy.THEIRS

    def _element(self, key: str, label: str, pointer: str, was: Any, theirs: Any, mine: Any) -> Any:
        if not (isinstance(theirs, Mapping) and isinstance(mine, Mapping)):
            return self._scalar(label, pointer, key, was, theirs, mine)
        base: Mapping[str, Any] = was if isinstance(was, Mapping) else {}
        result = dict(mine)
        for sub in dict.fromkeys([*mine, *theirs, *base]):
            if self.owner(f"{key}.{sub}") is not Owner.UPSTREAM:
                continue
            value = self._scalar(
                f"{label}.{sub}",
                f"{pointer}/{sub}",
                key,
                base.get(sub),
                theirs.get(sub),
                mine.get(sub),
            )
            _put(result, sub, value)
        return result

    def _standard(self, key: str, value: Any) -> Any:
        return standard_part(key, value, self.item_type)


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        target.pop(key, None)
    else:
        target[key] = value


def _insert(result: list[tuple[str, Any]], predecessors: list[str], key: str, value: Any) -> None:
    """Insert after the nearest upstream predecessor present locally, else first."""
    present = [k for k, _ in result]
    for previous in reversed(predecessors):
        if previous in present:
            result.insert(present.index(previous) + 1, (key, value))
            return
    result.insert(0, (key, value))
