"""The search index: every published item, as a script that sets a global.

A script, not a ``.json`` file fetched by the page: browsers refuse ``fetch`` from
``file://``, but load a ``<script src>`` from anywhere. The index is compact — names, codes
and types repeat across the regions that implement the same item (四级四同), so each
distinct (name, code, type) is stored once and an item is three numbers::

    window.CATALOG_SEARCH = {"v": 1,
      "regions": [["370811", "任城区"], …], "departments": ["…审批服务局", …],
      "types": ["行政许可", …], "keys": [["食品经营许可", "000101001000", 0], …],
      "items": [key, region, department, key, region, department, …]}

An item's page is ``items/<region code>/<code>.html``; department -1 means none.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from catalog_tool.model.enums import ItemType
from catalog_tool.publish.index_pages import Entry

GLOBAL = "CATALOG_SEARCH"
INDEX_VERSION = 1


def search_index(
    entries: Sequence[Entry], region_order: Sequence[str], names: dict[str, str]
) -> bytes:
    """The index script for ``entries`` (already in display order)."""
    types = [t.value for t in ItemType]
    type_index = {name: i for i, name in enumerate(types)}
    used = {e.region for e in entries}
    regions = [c for c in region_order if c in used]
    region_index = {c: i for i, c in enumerate(regions)}
    departments = sorted({e.agency for e in entries if e.agency})
    department_index = {name: i for i, name in enumerate(departments)}
    keys: dict[tuple[str, str, int], int] = {}
    items: list[int] = []
    for e in entries:
        key = (e.name, e.code, type_index.get(e.type, -1))
        number = keys.setdefault(key, len(keys))
        items += [
            number,
            region_index[e.region],
            department_index[e.agency] if e.agency else -1,
        ]
    data = {
        "v": INDEX_VERSION,
        "regions": [[c, names.get(c, c)] for c in regions],
        "departments": departments,
        "types": types,
        "keys": [list(k) for k in keys],
        "items": items,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.{GLOBAL}={text};\n".encode()
