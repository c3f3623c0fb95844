"""Changes of ``regions.yaml`` between the two sides of a diff.

Regions are matched by code. A region is modified when its name, parent or level differs;
the level is the effective one (as listed, else as the code implies), so spelling out the
level the code already implies is no change.
"""

from __future__ import annotations

from catalog_tool.catalog.regions import RegionInfo, RegionTree
from catalog_tool.diff.model import RegionChange, RegionField, RegionFieldChange, RegionKind

REGION_FIELDS: tuple[RegionField, ...] = ("name", "parent", "level")
"""The attributes compared, in the order they are reported."""


def compare_regions(old: RegionTree, new: RegionTree) -> tuple[RegionChange, ...]:
    """Every region added, removed or modified from ``old`` to ``new``, by code."""
    changes: list[RegionChange] = []
    for code in sorted(set(old.regions) | set(new.regions)):
        before, after = old.get(code), new.get(code)
        if before is None:
            changes.append(RegionChange(RegionKind.ADDED, None, after))
        elif after is None:
            changes.append(RegionChange(RegionKind.REMOVED, before, None))
        else:
            fields = _fields(before, after)
            if fields:
                changes.append(RegionChange(RegionKind.MODIFIED, before, after, fields))
    return tuple(changes)


def _fields(old: RegionInfo, new: RegionInfo) -> tuple[RegionFieldChange, ...]:
    before, after = _values(old), _values(new)
    return tuple(
        RegionFieldChange(name, before[name], after[name])
        for name in REGION_FIELDS
        if before[name] != after[name]
    )


def _values(region: RegionInfo) -> dict[RegionField, str | None]:
    return {"name": region.name, "parent": region.parent, "level": region.level.value}
