"""catalog-tool: standardize China's government service-item catalogs (政务服务事项目录).

The library is the product; the ``catalog`` command is a thin layer over it::

    import catalog_tool
    report = catalog_tool.validate("items")
    for d in report.diagnostics:
        print(d.file, d.line, d.rule, d.message.zh)

Names are imported on first use (PEP 562), so that ``catalog --version`` and other light
commands do not pay for the whole engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from catalog_tool._version import __version__

if TYPE_CHECKING:
    from catalog_tool.config import Config, LoadedConfig, find_config, load_config
    from catalog_tool.diagnostics import Diagnostic, Severity
    from catalog_tool.diff import diff
    from catalog_tool.engine.run import validate
    from catalog_tool.errors import CatalogError
    from catalog_tool.merge import merge
    from catalog_tool.report import Report
    from catalog_tool.text import Lang, Text

_LAZY = {
    "CatalogError": "catalog_tool.errors",
    "Config": "catalog_tool.config",
    "Diagnostic": "catalog_tool.diagnostics",
    "Lang": "catalog_tool.text",
    "LoadedConfig": "catalog_tool.config",
    "Report": "catalog_tool.report",
    "Severity": "catalog_tool.diagnostics",
    "Text": "catalog_tool.text",
    "diff": "catalog_tool.diff",
    "find_config": "catalog_tool.config",
    "load_config": "catalog_tool.config",
    "merge": "catalog_tool.merge",
    "validate": "catalog_tool.engine.run",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'catalog_tool' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "CatalogError",
    "Config",
    "Diagnostic",
    "Lang",
    "LoadedConfig",
    "Report",
    "Severity",
    "Text",
    "__version__",
    "diff",
    "find_config",
    "load_config",
    "merge",
    "validate",
]
