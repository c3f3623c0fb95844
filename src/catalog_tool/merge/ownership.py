"""Who owns each field of an implementation item: the upstream standard, or the region.

四级四同 fields (name, code, type, basis) and the standard content (conditions, materials,
fees, service objects, the result, legal days, and the steps of 处罚/强制/检查 under
三级五统一) are **upstream-owned**: ``catalog merge`` carries their changes down, and
``catalog diff --upstream`` counts a local difference as a forbidden deviation. Everything
about how a region delivers the service (agency, venue, online url, promised days within
the legal limit, visits …) is **local-owned**: merge never touches it.

The table is data and is published with the diff schema (``x-field-ownership`` in
``schemas/diff.schema.json``). A field not in the table is local-owned, so merge never
overwrites what it does not know.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from catalog_tool.model.enums import ENFORCEMENT_TYPES
from catalog_tool.text import Text

_ENFORCEMENT = frozenset(t.value for t in ENFORCEMENT_TYPES)


class Owner(StrEnum):
    """Who decides a field's value."""

    UPSTREAM = "upstream"
    LOCAL = "local"


@dataclass(frozen=True, slots=True)
class Ownership:
    """The owner of one field (dotted path; a list's element fields as ``materials.basis``)."""

    field: str
    owner: Owner
    why: Text
    enforcement_only: bool = False
    """The owner holds for 处罚/强制/检查 only; for other types the other one does."""

    def owner_for(self, item_type: str | None) -> Owner:
        """The owner for an item of ``item_type``."""
        if self.enforcement_only and item_type not in _ENFORCEMENT:
            return Owner.LOCAL if self.owner is Owner.UPSTREAM else Owner.UPSTREAM
        return self.owner


_FOUR_SAME = Text("四级四同:名称、编码、类型、依据各级相同", "四级四同: equal at every level")
_STANDARD = Text("标准内容:下级不得超出上级标准", "standard content: the upstream is the ceiling")
_LOCAL = Text("本地办理信息", "how the region delivers the service")
U, L = Owner.UPSTREAM, Owner.LOCAL

OWNERSHIP: tuple[Ownership, ...] = (
    Ownership("code", U, _FOUR_SAME),
    Ownership("name", U, _FOUR_SAME),
    Ownership("type", U, _FOUR_SAME),
    Ownership("region", L, Text("本级区划", "the region itself")),
    Ownership("basis", U, _FOUR_SAME),
    Ownership("impl_code", L, Text("由本级实施主体决定", "follows the local agency")),
    Ownership("agency", L, _LOCAL),
    Ownership("conditions", U, _STANDARD),
    Ownership("materials", U, _STANDARD),
    Ownership("materials.blank_form", L, Text("本地可提供自己的空白表格", "a local blank form")),
    Ownership("materials.sample", L, Text("本地可提供自己的示例样表", "a local sample")),
    Ownership(
        "steps",
        U,
        Text(
            "三级五统一:处罚、强制、检查的实施流程与上级一致;其他事项的流程由本地定",
            "三级五统一: steps of 处罚/强制/检查 follow upstream; other steps are local",
        ),
        enforcement_only=True,
    ),
    Ownership("time_limit", L, _LOCAL),
    Ownership("time_limit.legal_days", U, Text("法定时限由法律规定", "set by law")),
    Ownership("time_limit.unit", U, Text("法定时限的单位", "the unit of the legal limit")),
    Ownership(
        "time_limit.promised_days",
        L,
        Text("承诺时限由本地定,不得超过法定时限", "local, within the legal limit"),
    ),
    Ownership("handling", L, _LOCAL),
    Ownership("fees", U, Text("收费须有法律依据", "fees need a legal basis")),
    Ownership("visits", L, _LOCAL),
    Ownership("visits_reason", L, _LOCAL),
    Ownership("online", L, _LOCAL),
    Ownership("delivery", L, _LOCAL),
    Ownership("in_hall", L, _LOCAL),
    Ownership("service_objects", U, _STANDARD),
    Ownership("venue", L, _LOCAL),
    Ownership("result", L, _LOCAL),
    Ownership("result.name", U, _STANDARD),
    Ownership("result.kind", U, _STANDARD),
    Ownership(
        "status",
        L,
        Text("本地可暂停;上级取消时本级随之取消", "local, but an upstream 取消 is carried down"),
    ),
    Ownership("synced_from", L, Text("由 catalog merge 维护", "maintained by catalog merge")),
)
"""The ownership table (longest dotted prefix wins)."""

_BY_FIELD: Mapping[str, Ownership] = {o.field: o for o in OWNERSHIP}


@cache
def owner_of(field: str, item_type: str | None = None) -> Owner:
    """The owner of dotted ``field`` in an item of ``item_type`` (unknown: local)."""
    parts = field.split(".")
    for end in range(len(parts), 0, -1):
        found = _BY_FIELD.get(".".join(parts[:end]))
        if found is not None:
            return found.owner_for(item_type)
    return Owner.LOCAL


def upstream_projection(data: Mapping[str, Any]) -> dict[str, Any]:
    """The upstream-owned part of plain item data (what a local item inherits)."""
    item_type = data.get("type") if isinstance(data.get("type"), str) else None
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, Mapping):
            sub = {
                k: v
                for k, v in value.items()
                if v is not None and owner_of(f"{key}.{k}", item_type) is Owner.UPSTREAM
            }
            if sub:
                out[key] = sub
        elif owner_of(key, item_type) is Owner.UPSTREAM:
            if isinstance(value, list):
                out[key] = [_element_projection(key, e, item_type) for e in value]
            else:
                out[key] = value
    return out


def _element_projection(field: str, element: Any, item_type: str | None) -> Any:
    if not isinstance(element, Mapping):
        return element
    return {
        k: v
        for k, v in element.items()
        if v is not None and owner_of(f"{field}.{k}", item_type) is Owner.UPSTREAM
    }


def ownership_table() -> dict[str, Any]:
    """The table as JSON data, for the published schema."""
    return {
        o.field: {
            "owner": o.owner.value,
            "applies_to": "行政处罚、行政强制、行政检查" if o.enforcement_only else "全部事项",
            "otherwise": (L if o.owner is U else U).value if o.enforcement_only else None,
            "description": o.why.zh,
            "description_en": o.why.en,
        }
        for o in OWNERSHIP
    }
