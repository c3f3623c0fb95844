"""``catalog diff``: semantic diffs of catalogs, and drift from upstream items.

::

    import catalog_tool
    result = catalog_tool.diff("v2024", "v2025", root="items")   # git revisions or folders
    for change in result.changes:
        print(change.kind, change.ref.region, change.ref.code, len(change.fields))
    drift = catalog_tool.diff.drift("items", "370811")

``catalog_tool.diff`` is both this package and its main function: the package can be
called, so ``catalog_tool.diff(...)`` works whichever of the two an import left there.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from catalog_tool.diff.compare import diff
from catalog_tool.diff.drift import drift
from catalog_tool.diff.fields import ChangeKind, FieldChange
from catalog_tool.diff.model import (
    Category,
    Deviation,
    DiffCounts,
    DiffResult,
    DriftResult,
    ItemChange,
    ItemDrift,
    ItemKind,
    ItemRef,
    RegionChange,
    RegionConformance,
    RegionFieldChange,
    RegionKind,
)


class _CallableModule(types.ModuleType):
    # Importing a submodule binds the package itself to ``catalog_tool.diff``, hiding the
    # function of the same name; a callable package keeps ``catalog_tool.diff(...)`` working.
    def __call__(self, *args: Any, **kwargs: Any) -> DiffResult:
        return diff(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

__all__ = [
    "Category",
    "ChangeKind",
    "Deviation",
    "DiffCounts",
    "DiffResult",
    "DriftResult",
    "FieldChange",
    "ItemChange",
    "ItemDrift",
    "ItemKind",
    "ItemRef",
    "RegionChange",
    "RegionConformance",
    "RegionFieldChange",
    "RegionKind",
    "diff",
    "drift",
]
