"""Regions and the catalog index: levels, chains, upstream and downstream items."""

from __future__ import annotations

from catalog_tool.catalog.index import CatalogIndex, ItemSummary
from catalog_tool.catalog.regions import RegionInfo, RegionTree, level_from_code
from catalog_tool.model.enums import Level


def tree() -> RegionTree:
    return RegionTree(
        [
            RegionInfo("000000", "全国", None, Level.NATIONAL),
            RegionInfo("370000", "山东省", "000000", Level.PROVINCE),
            RegionInfo("370800", "济宁市", "370000", Level.CITY),
            RegionInfo("370811", "任城区", "370800", Level.COUNTY),
            RegionInfo("429004", "仙桃市", "420000", Level.COUNTY),
            RegionInfo("420000", "湖北省", "000000", Level.PROVINCE),
        ]
    )


def summary(region: str, code: str = "000101001000") -> ItemSummary:
    return ItemSummary(
        file=f"{region}/{code}.yaml",
        region=region,
        code=code,
        name="食品经营许可",
        type="行政许可",
        basis=(),
        status="在用",
        valid=True,
    )


def test_levels_from_codes() -> None:
    assert level_from_code("000000") is Level.NATIONAL
    assert level_from_code("370000") is Level.PROVINCE
    assert level_from_code("370800") is Level.CITY
    assert level_from_code("370811") is Level.COUNTY
    assert level_from_code("370811001") is Level.TOWNSHIP


def test_chains_follow_parents_not_code_patterns() -> None:
    regions = tree()
    assert regions.upstream("370811") == ("370800", "370000", "000000")
    assert regions.upstream("429004") == ("420000", "000000")
    assert list(regions.descendants("370000")) == ["370800", "370811"]
    assert regions.issues == []


def test_cycles_and_unknown_parents_are_issues_not_hangs() -> None:
    regions = RegionTree(
        [
            RegionInfo("000000", "全国", None, Level.NATIONAL),
            RegionInfo("371000", "威海市", "371002", Level.CITY),
            RegionInfo("371002", "环翠区", "371000", Level.COUNTY),
            RegionInfo("370826", "微山县", "379900", Level.COUNTY),
        ]
    )
    kinds = sorted(i.kind for i in regions.issues)
    assert kinds == ["cycle", "cycle", "unknown_parent"]
    assert regions.upstream("371000") == ("371002",)


def test_upstream_is_the_nearest_region_with_the_code() -> None:
    index = CatalogIndex(tree(), [summary("000000"), summary("370000"), summary("370811")])
    county = index.get("370811", "000101001000")
    assert county is not None
    upstream = index.upstream(county)
    assert upstream is not None and upstream.region == "370000"
    national = index.get("000000", "000101001000")
    assert national is not None
    assert [s.region for s in index.downstream(national)] == ["370000", "370811"]
    assert index.upstream(national) is None


def test_duplicates_are_grouped() -> None:
    twin = ItemSummary(
        file="370811/spxk.yaml",
        region="370811",
        code="000101001000",
        name="食品经营许可",
        type="行政许可",
        basis=(),
        status="在用",
        valid=True,
    )
    index = CatalogIndex(tree(), [summary("370811"), twin])
    assert [[s.file for s in g] for g in index.duplicates()] == [
        ["370811/000101001000.yaml", "370811/spxk.yaml"]
    ]
    assert len(index) == 1
