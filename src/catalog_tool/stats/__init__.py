"""``catalog stats``: counts, service figures against targets, and findings per region.

from catalog_tool.stats import collect_stats, renderer, StatsFormat
stats = collect_stats(Path("items"), region="370800")
print(renderer(StatsFormat.TEXT)(stats, Lang.ZH).decode())

A renderer's module is imported when it is first asked for: importing this package does
not load openpyxl (xlsx) or the dashboard's HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from catalog_tool.config import LoadedConfig, find_config, load_config
from catalog_tool.lazy import LazyTable, lazy_names
from catalog_tool.stats.model import LevelOnline, RegionRow, Share, Stats
from catalog_tool.text import Lang

if TYPE_CHECKING:
    from catalog_tool.stats.compute import compute_stats


class StatsFormat(StrEnum):
    """Output formats of ``catalog stats``."""

    TEXT = "text"
    JSON = "json"
    XLSX = "xlsx"
    HTML = "html"

    @property
    def binary(self) -> bool:
        """True for formats that cannot go to a terminal."""
        return self is StatsFormat.XLSX


StatsRenderer = Callable[[Stats, Lang], bytes]

RENDERER_BY_NAME: Mapping[StatsFormat, StatsRenderer] = LazyTable(
    {
        StatsFormat.TEXT: ("catalog_tool.stats.render_text", "render_text"),
        StatsFormat.JSON: ("catalog_tool.stats.render_json", "render_json"),
        StatsFormat.XLSX: ("catalog_tool.stats.render_xlsx", "render_xlsx"),
        StatsFormat.HTML: ("catalog_tool.stats.render_html", "render_html"),
    }
)
"""Format → renderer, each module imported on first use."""


def renderer(fmt: StatsFormat) -> StatsRenderer:
    """The renderer of ``fmt`` (its module is imported now, not with this package)."""
    return RENDERER_BY_NAME[StatsFormat(fmt)]


def collect_stats(
    target: Path,
    config: LoadedConfig | None = None,
    *,
    region: str | None = None,
    jobs: int | None = None,
    findings: bool = True,
) -> Stats:
    """The statistics of the catalog at ``target`` (``region``: it and the regions below).

    ``findings`` runs ``validate`` for the findings per rule family and region (cached
    like any validate run); the O002 targets come from ``config`` (default: the nearest).
    """
    from catalog_tool.engine.run import validate
    from catalog_tool.publish.load import catalog_scope, map_items
    from catalog_tool.stats.compute import compute_stats, online_targets
    from catalog_tool.stats.facts import facts_of

    scope = catalog_scope(target, region)
    loaded = config if config is not None else load_config(find_config(scope.root))
    mapped = map_items(scope, facts_of, jobs)
    report = validate(scope.root, loaded, jobs=jobs) if findings else None
    return compute_stats(
        scope, mapped.results, mapped.skipped, report, online_targets(loaded.config)
    )


# The computation (and the item model under it) loads on first use: starting the CLI for
# ``catalog validate`` should not import it.
__getattr__ = lazy_names(__name__, {"compute_stats": "compute"}, globals())


__all__ = [
    "RENDERER_BY_NAME",
    "LevelOnline",
    "RegionRow",
    "Share",
    "Stats",
    "StatsFormat",
    "StatsRenderer",
    "collect_stats",
    "compute_stats",
    "renderer",
]
