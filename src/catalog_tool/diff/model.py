"""What a diff finds, as frozen values: changed items, their field changes and the counts.

Renderers turn a :class:`DiffResult` or :class:`DriftResult` into text, JSON, Markdown or
a spreadsheet; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from catalog_tool.catalog.regions import RegionInfo
from catalog_tool.diff.fields import ChangeKind, FieldChange


class ItemKind(StrEnum):
    """How an item changed between the two sides."""

    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"
    """Same region and code, fields changed."""
    RENAMED = "renamed"
    """Same region and code, in another file."""
    MOVED = "moved"
    """Same content, now in another region."""
    RECODED = "recoded"
    """Same region and name (or same content), new 基本编码."""


@dataclass(frozen=True, slots=True)
class ItemRef:
    """One version of an item: where it is and what it is called."""

    region: str
    code: str
    name: str
    type: str
    file: str
    """Path relative to the catalog root."""


@dataclass(frozen=True, slots=True)
class Facts:
    """The figures of one version that reviewers count."""

    materials: int | None = None
    legal_days: int | None = None
    promised_days: int | None = None
    handling: str | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Facts:
        """The figures of plain item data."""
        materials = data.get("materials")
        limit = data.get("time_limit")
        limit = limit if isinstance(limit, Mapping) else {}
        legal, promised = limit.get("legal_days"), limit.get("promised_days")
        handling = data.get("handling")
        return cls(
            materials=len(materials) if isinstance(materials, list) else None,
            legal_days=legal if isinstance(legal, int) and not isinstance(legal, bool) else None,
            promised_days=(
                promised if isinstance(promised, int) and not isinstance(promised, bool) else None
            ),
            handling=handling if isinstance(handling, str) else None,
        )


@dataclass(frozen=True, slots=True)
class ItemChange:
    """One item that differs between the two sides."""

    kind: ItemKind
    old: ItemRef | None
    new: ItemRef | None
    fields: tuple[FieldChange, ...] = ()
    old_facts: Facts = field(default_factory=Facts)
    new_facts: Facts = field(default_factory=Facts)

    @property
    def ref(self) -> ItemRef:
        """The version to name the item by: the new one, or the old one if removed."""
        ref = self.new or self.old
        assert ref is not None
        return ref

    @property
    def materials_added(self) -> tuple[str, ...]:
        """Names of the materials the new version adds."""
        return _material_names(self.fields, ChangeKind.ADDED, "new")

    @property
    def materials_removed(self) -> tuple[str, ...]:
        """Names of the materials the new version no longer has."""
        return _material_names(self.fields, ChangeKind.REMOVED, "old")


def _material_names(
    changes: tuple[FieldChange, ...], kind: ChangeKind, side: Literal["old", "new"]
) -> tuple[str, ...]:
    names: list[str] = []
    for change in changes:
        if change.field != "materials" or change.kind is not kind:
            continue
        value = change.new if side == "new" else change.old
        elements = value if isinstance(value, list) else [value]
        for element in elements:
            if isinstance(element, Mapping) and isinstance(element.get("name"), str):
                names.append(element["name"])
    return tuple(names)


@dataclass(frozen=True, slots=True)
class KindCounts:
    """Items added, removed and changed in one group (a type or a level)."""

    added: int = 0
    removed: int = 0
    changed: int = 0

    @property
    def total(self) -> int:
        """All items of the group that differ."""
        return self.added + self.removed + self.changed


@dataclass(frozen=True, slots=True)
class BeforeAfter:
    """A sum over the items of the diff, before and after, with how many items had it."""

    before: int = 0
    after: int = 0
    items_before: int = 0
    items_after: int = 0

    @property
    def average_before(self) -> float | None:
        """The mean per item that has the figure, before."""
        return self.before / self.items_before if self.items_before else None

    @property
    def average_after(self) -> float | None:
        """The mean per item that has the figure, after."""
        return self.after / self.items_after if self.items_after else None


@dataclass(frozen=True, slots=True)
class ItemMaterials:
    """An item whose number of materials changed."""

    region: str
    code: str
    name: str
    before: int
    after: int


@dataclass(frozen=True, slots=True)
class DiffCounts:
    """The counts reviewers report (over the items that differ, except the catalog sizes)."""

    items_before: int
    """Item files on the old side (the whole catalog)."""
    items_after: int
    """Item files on the new side (the whole catalog)."""
    by_type: tuple[tuple[str, KindCounts], ...]
    by_level: tuple[tuple[str, KindCounts], ...]
    materials: BeforeAfter
    """Materials of the differing items: in total before and after."""
    materials_by_item: tuple[ItemMaterials, ...]
    legal_days: BeforeAfter
    promised_days: BeforeAfter
    immediate: BeforeAfter
    """即办件 among the differing items that state a 办件类型 (the share is before/items)."""

    @property
    def added(self) -> int:
        """Items added."""
        return sum(c.added for _, c in self.by_type)

    @property
    def removed(self) -> int:
        """Items removed."""
        return sum(c.removed for _, c in self.by_type)

    @property
    def changed(self) -> int:
        """Items changed (modified, renamed, moved or recoded)."""
        return sum(c.changed for _, c in self.by_type)


class RegionKind(StrEnum):
    """How an entry of ``regions.yaml`` changed between the two sides."""

    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"
    """Same code; another name, parent or level."""


RegionField = Literal["name", "parent", "level"]


@dataclass(frozen=True, slots=True)
class RegionFieldChange:
    """One attribute of a region that differs (the level as listed or as the code implies)."""

    field: RegionField
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class RegionChange:
    """One region of ``regions.yaml`` that differs between the two sides."""

    kind: RegionKind
    old: RegionInfo | None
    new: RegionInfo | None
    fields: tuple[RegionFieldChange, ...] = ()
    """What changed in a modified region; empty when added or removed."""

    @property
    def region(self) -> RegionInfo:
        """The version to name the region by: the new one, or the old one if removed."""
        region = self.new or self.old
        assert region is not None
        return region

    @property
    def code(self) -> str:
        """The region code."""
        return self.region.code


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a diff, as the report names it."""

    label: str
    kind: Literal["folder", "git"]
    root: str
    revision: str | None = None


@dataclass(frozen=True, slots=True)
class Unreadable:
    """An item file that differs but could not be read as an item."""

    side: Literal["old", "new"]
    file: str
    reason: str


@dataclass(frozen=True, slots=True)
class DiffResult:
    """The semantic diff of two catalogs."""

    old: Side
    new: Side
    changes: tuple[ItemChange, ...]
    """Sorted by region, then code."""
    counts: DiffCounts
    region_names: Mapping[str, str]
    region_levels: Mapping[str, str]
    ignore: tuple[str, ...] = ()
    order: bool = False
    reformatted: int = 0
    """Files whose text changed but whose data did not (comments, layout)."""
    unreadable: tuple[Unreadable, ...] = ()
    regions: tuple[RegionChange, ...] = ()
    """Changes of ``regions.yaml``, sorted by region code."""

    @property
    def items_differ(self) -> bool:
        """True when an item file differs (changed, or unreadable on a side)."""
        return bool(self.changes or self.unreadable)

    @property
    def has_differences(self) -> bool:
        """True when an item or a region differs (what ``--exit-code`` reports)."""
        return self.items_differ or bool(self.regions)


class Category(StrEnum):
    """How a deviation from the upstream item is judged."""

    ALLOWED = "allowed"
    """A local field (agency, venue, promised days within the legal limit …)."""
    FORBIDDEN = "forbidden"
    """A 四级四同 field or the standard content differs, or goes beyond the standard."""
    MISSING = "missing"
    """Upstream has it, the local item does not."""


@dataclass(frozen=True, slots=True)
class Deviation:
    """One field in which a local item differs from its upstream item."""

    path: str
    field: str
    category: Category
    owner: str
    """``upstream`` or ``local``: who owns the field (see the ownership table)."""
    local: Any = None
    upstream: Any = None


@dataclass(frozen=True, slots=True)
class ItemDrift:
    """A local item and how it deviates from its nearest upstream item."""

    region: str
    code: str
    name: str
    file: str
    upstream_region: str | None
    """None when no upstream region has the code."""
    upstream_file: str | None
    deviations: tuple[Deviation, ...] = ()

    @property
    def conforming(self) -> bool:
        """No forbidden deviation and nothing missing."""
        return self.upstream_region is not None and not any(
            d.category is not Category.ALLOWED for d in self.deviations
        )


@dataclass(frozen=True, slots=True)
class RegionConformance:
    """The conformance of one region's items."""

    region: str
    name: str
    level: str
    items: int
    with_upstream: int
    conforming: int

    @property
    def share(self) -> float | None:
        """Items in full conformance among those with an upstream item."""
        return self.conforming / self.with_upstream if self.with_upstream else None


@dataclass(frozen=True, slots=True)
class DriftResult:
    """How the items of a region (and the regions below it) deviate from upstream."""

    root: str
    region: str
    regions: tuple[RegionConformance, ...]
    items: tuple[ItemDrift, ...]
    """Every item of the regions, sorted by region and code; most have no deviation."""
    region_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def has_differences(self) -> bool:
        """True when an item is not in full conformance."""
        return any(not i.conforming and i.upstream_region is not None for i in self.items)
