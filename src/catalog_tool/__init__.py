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

from typing import TYPE_CHECKING

from catalog_tool._version import __version__
from catalog_tool.lazy import lazy_names

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
    "CatalogError": "errors",
    "Config": "config",
    "Diagnostic": "diagnostics",
    "Lang": "text",
    "LoadedConfig": "config",
    "Report": "report",
    "Severity": "diagnostics",
    "Text": "text",
    "diff": "diff",
    "find_config": "config",
    "load_config": "config",
    "merge": "merge",
    "validate": "engine.run",
}


__getattr__ = lazy_names(__name__, _LAZY, globals())

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
