"""Properties of the diff: a catalog has no differences from itself, a reorder is no
change, and swapping the sides swaps additions and removals."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import catalog_tool
from catalog_tool.diff.fields import compare
from tests.diff.gitrepo import SAMPLE

names = st.text(alphabet="申请书（）() ", min_size=1, max_size=3)
scalars = st.one_of(st.integers(-3, 30), st.booleans(), names, st.none())
materials = st.lists(
    st.fixed_dictionaries(
        {"name": names}, optional={"copies": st.integers(0, 3), "required": st.booleans()}
    ),
    max_size=6,
)
items = st.fixed_dictionaries(
    {"code": st.just("000101001000"), "name": names},
    optional={
        "materials": materials,
        "conditions": st.lists(names, max_size=4),
        "basis": st.lists(names, max_size=3),
        "steps": st.lists(
            st.fixed_dictionaries({"name": names, "days": st.integers(0, 9)}), max_size=4
        ),
        "time_limit": st.fixed_dictionaries(
            {}, optional={"legal_days": scalars, "promised_days": scalars}
        ),
        "visits": scalars,
        "status": st.sampled_from(["在用", "暂停", "取消"]),
    },
)


@given(items)
def test_an_item_has_no_changes_from_itself(item: dict[str, Any]) -> None:
    assert compare(item, item) == ()
    assert compare(item, item, order=True) == ()


@given(items, st.randoms(use_true_random=False))
def test_a_reorder_of_lists_is_no_change(item: dict[str, Any], rnd: random.Random) -> None:
    shuffled = dict(item)
    for key in ("materials", "conditions", "basis", "steps"):
        if key in item:
            shuffled[key] = rnd.sample(item[key], len(item[key]))
    assert compare(item, shuffled) == ()


MUTATIONS = [
    ("370811/000101001000.yaml", "promised_days: 5", "promised_days: 2"),
    ("370811/000101001000.yaml", "handling: 承诺件", "handling: 即办件"),
    ("370800/000101003000.yaml", "legal_days: 7", "legal_days: 5"),
    ("370826/000101002000.yaml", "name: 公共场所卫生许可", "name: 公共场所卫生许可证"),
    ("000000/000101001000.yaml", "第三十五条第一款", "第三十五条"),
]


def _mutated(root: Path, chosen: list[int], deleted: list[str]) -> None:
    shutil.copytree(SAMPLE, root)
    for index in chosen:
        file, old, new = MUTATIONS[index]
        path = root / file
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    for file in deleted:
        (root / file).unlink(missing_ok=True)


files = st.lists(
    st.sampled_from(
        ["370811/000101004000.yaml", "370826/000301001000.yaml", "370000/000701001000.yaml"]
    ),
    unique=True,
    max_size=2,
)
mutations = st.lists(st.integers(0, len(MUTATIONS) - 1), unique=True, max_size=3)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations, files)
def test_a_catalog_has_no_differences_from_itself(chosen: list[int], deleted: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        a, b = Path(folder) / "a", Path(folder) / "b"
        _mutated(a, chosen, deleted)
        _mutated(b, chosen, deleted)
        result = catalog_tool.diff(str(a), str(b))
        assert result.changes == ()
        assert not result.has_differences


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations, files, mutations, files)
def test_swapping_the_sides_swaps_additions_and_removals(
    first: list[int], first_deleted: list[str], second: list[int], second_deleted: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        a, b = Path(folder) / "a", Path(folder) / "b"
        _mutated(a, first, first_deleted)
        _mutated(b, second, second_deleted)
        forward = catalog_tool.diff(str(a), str(b)).counts
        backward = catalog_tool.diff(str(b), str(a)).counts
        assert (forward.added, forward.removed, forward.changed) == (
            backward.removed,
            backward.added,
            backward.changed,
        )
        assert (forward.materials.before, forward.materials.after) == (
            backward.materials.after,
            backward.materials.before,
        )
