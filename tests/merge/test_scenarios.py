"""Three-way merge behaviour on a real repository: conflicts, strategies, deletions,
local additions, cancellation, stubs, cascades and the first sync."""

from __future__ import annotations

from pathlib import Path

import pytest

import catalog_tool
from catalog_tool.catalog.read import parse_item
from catalog_tool.errors import CatalogError
from catalog_tool.merge import Action, ItemState, Strategy
from tests.diff.gitrepo import commit, edit
from tests.merge.conftest import ITEM, city, county


@pytest.fixture
def synced(repo: Path) -> Path:
    """The repository after a first merge, committed."""
    catalog_tool.merge(repo / "items")
    commit(repo, "first sync")
    return repo


def _name_on_both_sides(repo: Path) -> None:
    edit(county(repo), "name: 食品经营许可", "name: 食品经营许可(任城)")
    edit(city(repo), "name: 食品经营许可", "name: 食品经营许可证核发")


def test_changes_on_both_sides_are_a_conflict_and_the_file_is_untouched(synced: Path) -> None:
    _name_on_both_sides(synced)
    edit(city(synced), "legal_days: 20", "legal_days: 15")
    before = county(synced).read_bytes()
    result = catalog_tool.merge(synced / "items", into=["370811"])
    (item,) = result.items
    assert item.state is ItemState.CONFLICT
    (conflict,) = item.conflicts
    assert (conflict.path, conflict.line) == ("name", 4)
    assert (conflict.base, conflict.ours, conflict.theirs) == (
        "食品经营许可",
        "食品经营许可(任城)",
        "食品经营许可证核发",
    )
    # the one-sided change is pending, not applied: the whole file waits
    assert [c.path for c in item.changes] == ["time_limit.legal_days"]
    assert county(synced).read_bytes() == before
    assert result.conflicts == 1


@pytest.mark.parametrize(
    ("strategy", "name"),
    [(Strategy.THEIRS, "食品经营许可证核发"), (Strategy.OURS, "食品经营许可(任城)")],
)
def test_a_strategy_resolves_conflicts(synced: Path, strategy: Strategy, name: str) -> None:
    _name_on_both_sides(synced)
    (item,) = catalog_tool.merge(synced / "items", into=["370811"], strategy=strategy).items
    assert item.state is ItemState.UPDATED
    parsed = parse_item(county(synced).read_bytes(), "370811")
    assert parsed.item is not None and parsed.item.name == name
    # the new base is recorded: the next merge has nothing to do
    assert catalog_tool.merge(synced / "items", into=["370811"]).items == ()


def test_an_upstream_deletion_of_a_material_changed_locally_is_a_conflict(synced: Path) -> None:
    edit(county(synced), "    basis: [《中华人民共和国行政许可法》第二十九条第二款]",
         "    basis: [《中华人民共和国行政许可法》第二十九条]")  # fmt: skip
    text = city(synced).read_text(encoding="utf-8")
    start, end = text.index("  - name: 授权委托书"), text.index("steps:")
    city(synced).write_text(text[:start] + text[end:], encoding="utf-8")
    (item,) = catalog_tool.merge(synced / "items", into=["370811"]).items
    (conflict,) = item.conflicts
    assert conflict.path == "materials[授权委托书]"
    assert conflict.theirs is None and conflict.ours is not None
    assert conflict.line == 36


def test_a_local_addition_beyond_the_standard_stays(synced: Path) -> None:
    edit(county(synced), "steps:", "  - name: 区级补充材料\n    required: true\n    form: 原件\n"
         "    copies: 1\n    media: 纸质\n    source: 申请人自备\nsteps:")  # fmt: skip
    edit(city(synced), "legal_days: 20", "legal_days: 15")
    (item,) = catalog_tool.merge(synced / "items", into=["370811"]).items
    assert item.state is ItemState.UPDATED
    text = county(synced).read_text(encoding="utf-8")
    assert "  - name: 区级补充材料\n" in text
    assert [n.zh for n in item.notes] == [
        "materials[区级补充材料] 超出上级标准,已保留(catalog validate 报告 F006)"
    ]


def test_an_upstream_cancellation_marks_local_items_and_keeps_the_files(synced: Path) -> None:
    edit(city(synced), "status: 在用", "status: 取消")
    result = catalog_tool.merge(synced / "items")
    cancelled = {
        i.region for i in result.items if any(c.action is Action.CANCELLED for c in i.changes)
    }
    assert cancelled == {"370811", "370826"}
    assert "status: 取消\n" in county(synced).read_text(encoding="utf-8")
    assert county(synced).is_file()


def test_a_cascade_carries_a_national_change_down_in_one_run(synced: Path) -> None:
    national = synced / "items" / "000000" / ITEM
    edit(national, "第三十五条第一款", "第三十五条")
    result = catalog_tool.merge(synced / "items")
    assert {i.region for i in result.items} == {"370800", "370811", "370826"}
    for path in (city(synced), county(synced)):
        assert "  - 《中华人民共和国食品安全法》第三十五条\n" in path.read_text(encoding="utf-8")
    assert catalog_tool.merge(synced / "items").items == ()


def test_new_upstream_items_become_stubs_only_when_asked(synced: Path) -> None:
    new = synced / "items" / "370800" / "000101009000.yaml"
    new.write_text(
        city(synced).read_text(encoding="utf-8")
        .replace("000101001000", "000101009000")
        .replace("name: 食品经营许可", "name: 食品经营备案"),
        encoding="utf-8",
    )  # fmt: skip
    listed = catalog_tool.merge(synced / "items", into=["370811"])
    assert [(m.region, m.code) for m in listed.missing] == [("370811", "000101009000")]
    stub = synced / "items" / "370811" / "000101009000.yaml"
    assert not stub.exists()
    with pytest.raises(CatalogError):
        catalog_tool.merge(synced / "items", create=True)
    created = catalog_tool.merge(synced / "items", into=["370811"], create=True)
    assert [i.state for i in created.items] == [ItemState.CREATED]
    text = stub.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/item.schema.json\n")
    assert 'region: "370811"' in text and "name: 食品经营备案" in text
    assert "venue" not in text  # local elements are for the county to fill in
    assert catalog_tool.merge(synced / "items", into=["370811"]).items == ()


def test_first_sync_takes_the_standard_unless_the_local_value_is_deliberate(repo: Path) -> None:
    edit(county(repo), "name: 食品经营许可", "name: 食品经营许可(任城)")
    (item,) = catalog_tool.merge(repo / "items", into=["370811"], write=False).items
    assert [(c.path, c.action) for c in item.changes] == [("name", Action.ADOPTED)]
    edit(county(repo), "name: 食品经营许可(任城)",
         "name: 食品经营许可(任城)  # catalog: ignore[F001] 区政府批准的名称")  # fmt: skip
    (item,) = catalog_tool.merge(repo / "items", into=["370811"], write=False).items
    assert item.state is ItemState.CONFLICT
    assert [(c.path, c.line) for c in item.conflicts] == [("name", 4)]


def test_a_base_that_cannot_be_found_is_a_first_sync(synced: Path) -> None:
    text = county(synced).read_text(encoding="utf-8")
    start = text.index('hash: "') + len('hash: "')
    county(synced).write_text(
        text[:start] + "0123456789abcdef" + text[start + 16 :], encoding="utf-8"
    )
    edit(city(synced), "legal_days: 20", "legal_days: 15")
    (item,) = catalog_tool.merge(synced / "items", into=["370811"]).items
    assert item.base_found is False
    assert [(c.path, c.action) for c in item.changes] == [("time_limit.legal_days", Action.ADOPTED)]
    assert item.notes[0].en.startswith("the recorded synced_from version is in neither")


def test_from_limits_the_upstream_region(synced: Path) -> None:
    edit(city(synced), "legal_days: 20", "legal_days: 15")
    assert catalog_tool.merge(synced / "items", from_region="000000", write=False).items == ()
    result = catalog_tool.merge(synced / "items", from_region="370800", write=False)
    assert {i.region for i in result.items} == {"370811", "370826"}
    assert not result.written
    assert "legal_days: 20" in county(synced).read_text(encoding="utf-8")


def test_outside_git_an_unchanged_upstream_is_still_recognised(tmp_path: Path) -> None:
    from tests.merge.conftest import write_catalog

    root = tmp_path / "items"
    write_catalog(root)
    catalog_tool.merge(root)
    assert catalog_tool.merge(root).items == ()
    # a changed upstream has no history to find the base in: merged as a first sync
    edit(root / "370800" / ITEM, "legal_days: 20", "legal_days: 15")
    result = catalog_tool.merge(root, into=["370811"])
    (item,) = result.items
    assert item.base_found is False
    assert "legal_days: 15" in (root / "370811" / ITEM).read_text(encoding="utf-8")


def test_a_file_with_a_duplicate_key_is_skipped_untouched(synced: Path) -> None:
    edit(county(synced), "status: 在用\n", "status: 在用\nstatus: 在用\n")
    edit(city(synced), "legal_days: 20", "legal_days: 15")
    before = county(synced).read_bytes()
    (item,) = catalog_tool.merge(synced / "items", into=["370811"]).items
    assert item.state is ItemState.SKIPPED
    assert item.notes[0].en == "fix Y002 first (catalog validate shows where), then merge"
    assert county(synced).read_bytes() == before
