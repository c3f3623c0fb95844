"""catalog-tool: standardize China's government service-item catalogs (政务服务事项目录).

The library is the product; the ``catalog`` command is a thin layer over it::

    import catalog_tool
    report = catalog_tool.validate("items")
    for d in report.diagnostics:
        print(d.file, d.line, d.rule, d.message.zh)
"""

from catalog_tool._version import __version__
from catalog_tool.config import Config, LoadedConfig, find_config, load_config
from catalog_tool.diagnostics import Diagnostic, Severity
from catalog_tool.engine.run import validate
from catalog_tool.errors import CatalogError
from catalog_tool.report import Report
from catalog_tool.text import Lang, Text

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
    "find_config",
    "load_config",
    "validate",
]
