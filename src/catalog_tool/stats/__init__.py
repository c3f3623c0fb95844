"""``catalog stats``: counts, service figures against targets, and findings per region.

from catalog_tool.stats import collect_stats, RENDERER_BY_NAME, StatsFormat
stats = collect_stats(Path("items"), region="370800")
print(RENDERER_BY_NAME[StatsFormat.TEXT](stats, Lang.ZH).decode())
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from catalog_tool.config import LoadedConfig, find_config, load_config
from catalog_tool.stats.compute import compute_stats, online_targets
from catalog_tool.stats.model import LevelOnline, RegionRow, Share, Stats
from catalog_tool.stats.render_html import render_html
from catalog_tool.stats.render_json import render_json
from catalog_tool.stats.render_text import render_text
from catalog_tool.stats.render_xlsx import render_xlsx
from catalog_tool.text import Lang


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

RENDERER_BY_NAME: dict[StatsFormat, StatsRenderer] = {
    StatsFormat.TEXT: render_text,
    StatsFormat.JSON: render_json,
    StatsFormat.XLSX: render_xlsx,
    StatsFormat.HTML: render_html,
}


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
    from catalog_tool.stats.facts import facts_of

    scope = catalog_scope(target, region)
    loaded = config if config is not None else load_config(find_config(scope.root))
    mapped = map_items(scope, facts_of, jobs)
    report = validate(scope.root, loaded, jobs=jobs) if findings else None
    return compute_stats(
        scope, mapped.results, mapped.skipped, report, online_targets(loaded.config)
    )


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
]
