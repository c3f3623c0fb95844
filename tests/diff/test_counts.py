"""The counts reviewers report: materials 25 → 6, days, 即办件 share, per type and level."""

from __future__ import annotations

from pathlib import Path

import catalog_tool
from catalog_tool.diff.render.common import materials_sentence
from catalog_tool.text import Lang


def test_materials_before_and_after_per_item_and_in_total(pair: tuple[Path, Path]) -> None:
    counts = catalog_tool.diff(str(pair[0]), str(pair[1])).counts
    (item,) = counts.materials_by_item
    assert (item.region, item.code, item.before, item.after) == ("370811", "000101001000", 25, 6)
    assert materials_sentence(item.before, item.after, Lang.ZH) == "申请材料由25项减少至6项"
    assert materials_sentence(item.before, item.after, Lang.EN) == "materials cut from 25 to 6"
    # with the city item (5 materials) and the removed county item (5 materials)
    assert (counts.materials.before, counts.materials.after) == (25 + 5 + 5, 6 + 5)


def test_days_and_same_day_share(pair: tuple[Path, Path]) -> None:
    counts = catalog_tool.diff(str(pair[0]), str(pair[1])).counts
    assert (counts.promised_days.before, counts.promised_days.after) == (5 + 2 + 10, 0 + 2)
    assert (counts.legal_days.before, counts.legal_days.after) == (20 + 7 + 30, 20 + 5)
    assert counts.legal_days.average_after == 12.5
    immediate = counts.immediate
    assert (immediate.before, immediate.items_before) == (0, 3)
    assert (immediate.after, immediate.items_after) == (1, 2)


def test_items_per_type_and_level(pair: tuple[Path, Path]) -> None:
    counts = catalog_tool.diff(str(pair[0]), str(pair[1])).counts
    levels = {k: (c.added, c.removed, c.changed) for k, c in counts.by_level}
    assert levels == {"市级": (0, 0, 1), "县级": (0, 1, 1)}
    types = {k: (c.added, c.removed, c.changed) for k, c in counts.by_type}
    assert types == {"行政许可": (0, 1, 2)}
    assert (counts.items_before, counts.items_after) == (37, 36)
