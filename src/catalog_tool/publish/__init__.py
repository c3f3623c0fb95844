"""Publishing: 办事指南 as a static searchable site, Word, Markdown and PDF.

Every format renders the same guide view of an item (:mod:`catalog_tool.publish.model`),
so the guide says the same wherever it is published (同源发布)::

    from catalog_tool.publish import GuideFormat, export_guide
    result = export_guide(Path("items"), Path("site"), GuideFormat.HTML, region="370800")
"""

from __future__ import annotations

from catalog_tool.publish.export import ExportResult, GuideFormat, export_guide
from catalog_tool.publish.load import Scope, Skipped, catalog_scope
from catalog_tool.publish.model import GUIDE_ORDER, GuideItem
from catalog_tool.publish.output import MANIFEST, OutputSummary
from catalog_tool.publish.site import SiteResult, build_site

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
