"""``catalog merge``: carry upstream changes down into descendant items (three-way).

::

    import catalog_tool
    result = catalog_tool.merge("items", into=["370811"], write=False)   # a dry run
    for item in result.items:
        print(item.state, item.file, [c.path for c in item.conflicts])

``catalog_tool.merge`` is both this package and its main function: the package can be
called, so ``catalog_tool.merge(...)`` works whichever of the two an import left there.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from catalog_tool.merge.base import content_hash
from catalog_tool.merge.model import (
    Action,
    FieldMerge,
    ItemMerge,
    ItemState,
    MergeResult,
    MissingItem,
    Strategy,
)
from catalog_tool.merge.ownership import OWNERSHIP, Owner, owner_of, ownership_table
from catalog_tool.merge.run import merge


class _CallableModule(types.ModuleType):
    # Importing a submodule binds the package itself to ``catalog_tool.merge``, hiding the
    # function of the same name; a callable package keeps ``catalog_tool.merge(...)`` working.
    def __call__(self, *args: Any, **kwargs: Any) -> MergeResult:
        return merge(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

__all__ = [
    "OWNERSHIP",
    "Action",
    "FieldMerge",
    "ItemMerge",
    "ItemState",
    "MergeResult",
    "MissingItem",
    "Owner",
    "Strategy",
    "content_hash",
    "merge",
    "owner_of",
    "ownership_table",
]
