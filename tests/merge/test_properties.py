"""Properties of merge (hypothesis): an unchanged upstream merges as a no-op, and after an
upstream change is merged, merging again gives the same bytes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import catalog_tool
from catalog_tool.catalog.read import parse_item
from tests.diff.gitrepo import commit, init
from tests.merge.conftest import ITEM, write_catalog

UPSTREAM = [
    ("legal_days: 20", "legal_days: 15"),
    ("    copies: 1\n", "    copies: 2\n"),
    ("name: 食品经营许可\n", "name: 食品经营许可证核发\n"),
    ("  - 具有合理的设备布局和工艺流程\n", ""),
    ("  - 具有合理的设备布局和工艺流程\n", "  - 具有合理的设备布局和工艺流程\n  - 有食品安全管理人员\n"),
    ("  - name: 授权委托书\n    required: false\n", "  - name: 委托书\n    required: false\n"),
    ("  - name: 食品安全管理制度文本\n", "  - name: 健康证明\n    required: true\n    form: 原件\n"
     "    copies: 1\n    media: 纸质\n    source: 申请人自备\n  - name: 食品安全管理制度文本\n"),
    ("第三十五条第一款", "第三十五条"),
    ("status: 在用", "status: 取消"),
    ("service_objects: [企业法人]", "service_objects: [企业法人, 自然人]"),
]  # fmt: skip
LOCAL = [
    ("phone: 0537-2216800", "phone: 0537-2216888"),
    ("promised_days: 3", "promised_days: 2"),
    ("# 实施主体\n", "# 实施主体(2025 年调整)\n"),
    ("steps:\n", "  - name: 区级补充材料\n    required: true\n    form: 原件\n    copies: 1\n"
     "    media: 纸质\n    source: 申请人自备\nsteps:\n"),
    ("name: 食品经营许可\n", "name: 食品经营许可(任城)\n"),
    ('    blank_form: forms/任城区申请书.docx\n', ""),
]  # fmt: skip

changes = st.lists(st.integers(0, len(UPSTREAM) - 1), unique=True, max_size=4)
local_changes = st.lists(st.integers(0, len(LOCAL) - 1), unique=True, max_size=3)
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _apply(path: Path, edits: list[tuple[str, str]]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def _synced(folder: str) -> Path:
    repo = init(Path(folder) / "repo")
    write_catalog(repo / "items")
    catalog_tool.merge(repo / "items")
    commit(repo, "synced")
    return repo


def _snapshot(repo: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((repo / "items").rglob("*.yaml"))}


@SETTINGS
@given(local_changes)
def test_merging_an_unchanged_upstream_is_a_no_op(local: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        repo = _synced(folder)
        _apply(repo / "items" / "370811" / ITEM, [LOCAL[i] for i in local])
        before = _snapshot(repo)
        result = catalog_tool.merge(repo / "items")
        assert result.items == ()
        assert _snapshot(repo) == before


@SETTINGS
@given(changes, local_changes)
def test_after_merging_an_upstream_change_a_second_merge_gives_the_same_bytes(
    upstream: list[int], local: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        repo = _synced(folder)
        items = repo / "items"
        _apply(items / "370811" / ITEM, [LOCAL[i] for i in local])
        _apply(items / "370800" / ITEM, [UPSTREAM[i] for i in upstream])
        first = catalog_tool.merge(items)
        after_first = _snapshot(repo)
        second = catalog_tool.merge(items)
        assert _snapshot(repo) == after_first
        unresolved = [i.file for i in first.items if i.conflicts]
        # conflicts stay conflicts (files untouched); everything else is up to date
        assert [i.file for i in second.items] == unresolved
        if not unresolved:
            # every merged county still reads as a valid item and carries the standard
            for region in ("370811", "370826"):
                parsed = parse_item((items / region / ITEM).read_bytes(), region)
                standard = parse_item((items / "370800" / ITEM).read_bytes(), "370800")
                assert parsed.item is not None and standard.item is not None
                assert parsed.item.time_limit is not None and standard.item.time_limit is not None
                assert parsed.item.time_limit.legal_days == standard.item.time_limit.legal_days
                if standard.item.status == "取消":
                    assert parsed.item.status == "取消"
