"""Publishing: 办事指南 as a static searchable site, Word, Markdown and PDF.

Every format renders the same guide view of an item (:mod:`catalog_tool.publish.model`),
so the guide says the same wherever it is published (同源发布)::

    from catalog_tool.publish import GuideFormat, export_guide
    result = export_guide(Path("items"), Path("site"), GuideFormat.HTML, region="370800")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from catalog_tool.lazy import lazy_names
from catalog_tool.publish.formats import GuideFormat

if TYPE_CHECKING:
    from catalog_tool.publish.export import ExportResult, export_guide
    from catalog_tool.publish.load import Scope, Skipped, catalog_scope
    from catalog_tool.publish.model import GUIDE_ORDER, GuideItem
    from catalog_tool.publish.output import MANIFEST, OutputSummary
    from catalog_tool.publish.site import SiteResult, build_site

# The renderers load on first use, so that starting the CLI (``catalog validate`` on
# every commit) does not import the site, Word and PDF code.
_HOME = {
    "ExportResult": "export",
    "export_guide": "export",
    "Scope": "load",
    "Skipped": "load",
    "catalog_scope": "load",
    "GUIDE_ORDER": "model",
    "GuideItem": "model",
    "MANIFEST": "output",
    "OutputSummary": "output",
    "SiteResult": "site",
    "build_site": "site",
}


__getattr__ = lazy_names(__name__, _HOME, globals())

__all__ = [
    "GUIDE_ORDER",
    "MANIFEST",
    "ExportResult",
    "GuideFormat",
    "GuideItem",
    "OutputSummary",
    "Scope",
    "SiteResult",
    "Skipped",
    "build_site",
    "catalog_scope",
    "export_guide",
]
