"""``catalog stats --format json``: the statistics as versioned JSON for other programs.

Rates are numbers between 0 and 1 (null when there is nothing to count); labels are the
catalog's own terms (types and levels in Chinese), whatever ``--lang`` says.
"""

from __future__ import annotations

import json
from typing import Any

from catalog_tool.stats.model import Share, Stats
from catalog_tool.text import Lang

STATS_VERSION = 1


def _share(value: Share) -> dict[str, Any]:
    return {"part": value.part, "total": value.total, "rate": value.rate}


def stats_data(stats: Stats) -> dict[str, Any]:
    """The statistics as plain JSON data."""
    return {
        "version": STATS_VERSION,
        "root": stats.root,
        "region": stats.region,
        "summary": {
            "files": stats.files,
            "items": stats.items,
            "skipped": stats.skipped,
            "applications": stats.applications,
        },
        "by_status": dict(stats.by_status),
        "by_type": dict(stats.by_type),
        "by_level": dict(stats.by_level),
        "by_type_level": {t: dict(levels) for t, levels in stats.by_type_level},
        "online": _share(stats.online),
        "online_by_level": [
            {"level": r.level, **_share(r.online), "target": r.target, "met": r.met}
            for r in stats.online_by_level
        ],
        "immediate": _share(stats.immediate),
        "promised_ratio": {"average": stats.promised_ratio, "items": stats.ratio_items},
        "visits": {
            "distribution": {str(v): n for v, n in stats.visits},
            "at_most_once": _share(stats.at_most_once),
            "zero": _share(stats.zero_visits),
        },
        "findings": {
            "validated": stats.validated,
            "by_family": dict(stats.findings),
            "regions": [
                {
                    "region": r.code,
                    "name": r.name,
                    "level": r.level,
                    "items": r.items,
                    "files": r.files,
                    "files_with_errors": r.files_with_errors,
                    "compliance": r.compliance.rate,
                    "online": _share(r.online),
                    "target": r.target,
                    "by_family": dict(r.findings),
                }
                for r in stats.regions
            ],
        },
    }


def render_json(stats: Stats, lang: Lang) -> bytes:
    """The statistics as JSON (``lang`` is not used: the data is language-neutral)."""
    del lang
    return (json.dumps(stats_data(stats), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
