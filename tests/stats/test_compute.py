"""``collect_stats``: exact figures of the small catalog (see tests/publish/catalog.py).

Application items (依申请, in use, below the national catalog): 370811 食品经营许可
(online, 承诺件, 5 of 20 days, 0 visits), 370826 食品经营许可 (offline, 即办件, 0 of 20,
1 visit), 370826 药品经营许可 (online, 承诺件, 10 of 20, 0 visits). The 行政处罚 is not one.
"""

from __future__ import annotations

from pathlib import Path

from catalog_tool.config import load_config
from catalog_tool.rules.targets import DEFAULT_TARGETS
from catalog_tool.stats import LevelOnline, Share, collect_stats
from tests.publish.catalog import items, write_item


def test_counts_by_type_and_level(tiny: Path) -> None:
    stats = collect_stats(tiny)
    assert (stats.files, stats.items, stats.skipped, stats.applications) == (7, 7, 0, 3)
    assert dict(stats.by_type) == {
        "行政许可": 5,
        "行政处罚": 2,
        "行政强制": 0,
        "行政征收": 0,
        "行政给付": 0,
        "行政检查": 0,
        "行政确认": 0,
        "行政奖励": 0,
        "行政裁决": 0,
        "其他行政权力": 0,
        "公共服务": 0,
    }
    assert stats.by_level == (("国家级", 3), ("县级", 4))
    assert dict(stats.by_type_level)["行政许可"] == (("国家级", 2), ("县级", 3))
    assert dict(stats.by_type_level)["行政处罚"] == (("国家级", 1), ("县级", 1))
    assert stats.by_status == (("在用", 7),)


def test_service_figures(tiny: Path) -> None:
    stats = collect_stats(tiny)
    assert stats.online == Share(2, 3)
    assert stats.online_by_level == (LevelOnline("县级", Share(2, 3), 0.9),)
    assert stats.online_by_level[0].met is False
    assert stats.immediate == Share(1, 3)
    assert (stats.promised_ratio, stats.ratio_items) == (0.25, 3)  # (5/20 + 0/20 + 10/20) / 3
    assert stats.visits == ((0, 2), (1, 1))
    assert stats.at_most_once == Share(3, 3)
    assert stats.zero_visits == Share(2, 3)


def test_targets_come_from_the_o002_options(tiny: Path) -> None:
    (tiny / "catalog.toml").unlink()
    assert collect_stats(tiny, findings=False).online_by_level[0].target == DEFAULT_TARGETS["县级"]
    (tiny / "catalog.toml").write_text(
        '[rules."targets.online-rate"]\ntargets = { county = 0.5 }\n', encoding="utf-8"
    )
    level = collect_stats(tiny, load_config(tiny / "catalog.toml")).online_by_level[0]
    assert (level.target, level.met) == (0.5, True)


def test_findings_per_family_and_region_and_compliance(tiny: Path) -> None:
    data = items()["370811/000101001000.yaml"]
    wrong = "11370811MB2822838X"  # the check character should be H (C005)
    data["agency"]["credit_code"] = wrong
    data["impl_code"] = wrong + data["impl_code"][18:]
    write_item(tiny, "370811/000101001000.yaml", data)
    stats = collect_stats(tiny)
    rows = {r.code: r for r in stats.regions}
    assert [r.code for r in stats.regions] == ["000000", "370000", "370800", "370811", "370826"]
    county = rows["370811"]
    assert (county.files, county.files_with_errors, county.compliance) == (2, 1, Share(1, 2))
    assert dict(county.findings)["C"] == 1
    assert rows["370826"].compliance == Share(2, 2)  # warnings only
    assert dict(rows["370826"].findings)["O"] == 1  # O002: 县级 50% below 90%
    assert rows["370000"].compliance == Share(0, 0)
    assert "C" in stats.families and dict(stats.findings)["C"] == 1


def test_an_item_in_a_folder_missing_from_regions_yaml_is_not_counted_but_its_finding_is(
    tiny: Path,
) -> None:
    """Such an item belongs to no region of the table, so it is left out of the counts
    (and said to be); but validate fails the catalog on it (C004), so the statistics of
    the whole catalog must not say it has no problems."""
    data = items()["370826/000101001000.yaml"]
    data["region"] = "370899"
    write_item(tiny, "370899/000101001000.yaml", data)
    stats = collect_stats(tiny)
    assert stats.skipped == 1
    assert "370899" not in [r.code for r in stats.regions]
    assert dict(stats.findings)["C"] == 1
    narrowed = collect_stats(tiny, region="370826")
    assert dict(narrowed.findings).get("C", 0) == 0  # not below 微山县


def test_region_covers_the_region_and_below(tiny: Path) -> None:
    stats = collect_stats(tiny, region="370826", findings=False)
    assert (stats.region, stats.region_name, stats.items, stats.applications) == (
        "370826",
        "微山县",
        2,
        2,
    )
    assert [r.code for r in stats.regions] == ["370826"]
    assert stats.online == Share(1, 2)
    assert stats.validated is False and stats.families == ()
