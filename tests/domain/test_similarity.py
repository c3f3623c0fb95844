"""N002's blocking finds what comparing every pair would find."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from catalog_tool.rules.names import similar_pairs

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


def brute_force(keys: list[str], threshold: float) -> set[tuple[int, int]]:
    return {
        (i, j)
        for i, j in itertools.combinations(range(len(keys)), 2)
        if fuzz.ratio(keys[i], keys[j]) / 100 >= threshold
    }


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map("".join), max_size=30))
def test_blocking_matches_brute_force(keys: list[str]) -> None:
    found = {(i, j) for i, j, _ in similar_pairs(keys, 0.9)}
    assert found == brute_force(keys, 0.9)


def test_identical_and_near_names() -> None:
    keys = ["食品经营许可", "食品经营许可证", "药品零售企业经营许可", "食品经营许可"]
    assert {(i, j) for i, j, _ in similar_pairs(keys, 0.9)} == {(0, 1), (0, 3), (1, 3)}
