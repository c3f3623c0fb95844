"""How figures are written in every format: percentages, shares, scope."""

from __future__ import annotations

from catalog_tool.stats import labels as lb
from catalog_tool.stats.model import Share, Stats
from catalog_tool.text import Lang


def percent(rate: float | None, digits: int = 1) -> str:
    """``0.8333`` → ``83.3%``; None → ``—``."""
    return "—" if rate is None else f"{rate:.{digits}%}"


def share(value: Share) -> str:
    """``5/6 (83.3%)``."""
    return f"{value.part}/{value.total} ({percent(value.rate)})"


def scope(stats: Stats, lang: Lang) -> str:
    """What the statistics cover."""
    if stats.region is None:
        return lb.SCOPE_ALL.get(lang)
    return lb.SCOPE_REGION.format(lang, name=stats.region_name, code=stats.region)


def target_state(met: bool | None, has_target: bool, lang: Lang) -> str:
    """达标 / 未达标 / 无目标."""
    if not has_target:
        return lb.NO_TARGET.get(lang)
    if met is None:
        return "—"
    return (lb.MET if met else lb.NOT_MET).get(lang)
