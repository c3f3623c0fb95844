"""``catalog doctor``: is this machine and this catalog ready for catalog-tool?

:func:`run_checks` returns one :class:`Check` per aspect (Python, dependencies, YAML
parsers, Chromium, fonts, git, config, law registry, write access, lock, cache, file
encodings), each ``ok``, ``warning`` or ``error`` with a hint. Nothing is printed and
nothing in the catalog is changed.
"""

from __future__ import annotations

from catalog_tool.doctor.model import Check, Status, worst
from catalog_tool.doctor.run import run_checks

__all__ = ["Check", "Status", "run_checks", "worst"]
