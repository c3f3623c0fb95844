"""N002's index finds exactly the near-duplicates that comparing every pair would find."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from catalog_tool.rules.names import ShorterForms, similar_pairs

WORDS = [
    "食品",
    "经营",
    "许可",
    "药品",
    "零售",
    "登记",
    "特种",
    "设备",
    "使用",
    "取水",
    "证",
    "核发",
]


def one_insertion(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return any(
        long[:i] + long[i + len(long) - len(short) :] == short for i in range(len(short) + 1)
    )


def brute_force(keys: list[str], threshold: float) -> set[tuple[int, int]]:
    return {
        (i, j)
        for i, j in itertools.combinations(range(len(keys)), 2)
        if fuzz.ratio(keys[i], keys[j]) / 100 >= threshold and one_insertion(keys[i], keys[j])
    }


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map("".join), max_size=30))
def test_index_matches_brute_force(keys: list[str]) -> None:
    found = {(i, j) for i, j, _ in similar_pairs(keys, 0.9)}
    assert found == brute_force(keys, 0.9)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map("".join), max_size=20),
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map("".join), max_size=20),
)
def test_an_index_of_every_regions_names_finds_the_same_pairs(
    keys: list[str], elsewhere: list[str]
) -> None:
    """N002 indexes the names of all regions at once: names of other regions must neither
    add pairs nor hide any."""
    forms = ShorterForms([*keys, *elsewhere], 0.9)
    found = {(i, j) for i, j, _ in similar_pairs(keys, 0.9, forms)}
    assert found == brute_force(keys, 0.9)


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("食品经营许可", "食品经营许可证", True),
        ("食品经营许可", "食品经营许可", True),
        ("对拒绝、阻挠消防监督检查的行政处罚", "对拒绝、阻挠防雷监督检查的行政处罚", False),
        ("对未经许可擅自从事药品活动的行政处罚", "对未经许可擅自从事食品活动的行政处罚", False),
        ("对伪造、涂改广告许可证件的行政处罚", "对伪造、涂改户外广告许可证件的行政处罚", True),
        ("药品零售企业经营许可", "食品经营许可", False),
    ],
)
def test_near_duplicates(a: str, b: str, near: bool) -> None:
    assert bool(list(similar_pairs([a, b], 0.9))) is near
