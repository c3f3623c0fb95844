"""The dotted field names a diff reports, with their Chinese titles.

A name is a key of the item (``venue``), or a key with a key of its mapping or of its list
elements (``venue.phone``, ``materials.copies``), as :class:`~catalog_tool.model.item.Item`
defines them. These are the names ``--ignore-field`` and the config's ``diff-ignore``
accept: one list, so the command line and the config agree, and a typo is refused instead
of ignoring nothing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from functools import cache

from catalog_tool.errors import CatalogError
from catalog_tool.model.item import Item
from catalog_tool.model.nesting import model_in
from catalog_tool.text import Text


@cache
def field_titles() -> Mapping[str, str]:
    """Every field name, in format-v1 order, with its title (``venue.phone`` → 办理地点·咨询电话)."""
    out: dict[str, str] = {}
    for name, info in Item.model_fields.items():
        out[name] = info.title or name
        model = model_in(info.annotation)
        if model is not None:
            for sub, sub_info in model.model_fields.items():
                out[f"{name}.{sub}"] = f"{info.title}·{sub_info.title or sub}"
    return out


def unknown_fields(names: Iterable[str]) -> list[str]:
    """The ``names`` that are not field names, in order."""
    known = field_titles()
    return [name for name in names if name not in known]


def check_fields(names: Iterable[str], where: Text) -> None:
    """Raise :class:`CatalogError` for the first of ``names`` that is not a field name;
    ``where`` names the option or setting it came from (``--ignore-field``)."""
    unknown = unknown_fields(names)
    if not unknown:
        return
    name = unknown[0]
    guess = difflib.get_close_matches(name, field_titles(), n=1)
    valid = ", ".join(field_titles())
    raise CatalogError(
        Text(f"{where.zh} 的值 {name} 不是事项字段", f"{where.en}: {name!r} is not an item field"),
        Text(
            (f"是不是 {guess[0]}?" if guess else "") + f"可用的字段:{valid}",
            (f"Did you mean {guess[0]}? " if guess else "") + f"Valid fields: {valid}",
        ),
    )
