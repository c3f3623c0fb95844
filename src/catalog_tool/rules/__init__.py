"""Every rule module in this package registers its rules when imported.

:func:`all_rules` imports them all by walking the package, so there is no hand-kept list
to forget a rule in; a meta-test checks that every Rule subclass is registered.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from catalog_tool.rules.base import REGISTRY, Rule


@cache
def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, by code, in code order."""
    for module in pkgutil.walk_packages(__path__, prefix=__name__ + "."):
        importlib.import_module(module.name)
    return dict(sorted(REGISTRY.items()))


def resolve_rule(key: str) -> type[Rule] | None:
    """The rule with code or dotted name ``key``."""
    rules = all_rules()
    if key in rules:
        return rules[key]
    return next((r for r in rules.values() if r.name == key), None)
