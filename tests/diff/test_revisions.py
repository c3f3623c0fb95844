"""``diff`` between git revisions of a real repository: matching by region and code,
renames, moves, new codes, and reading revisions without touching the work tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import catalog_tool
from catalog_tool.diff import ItemKind
from catalog_tool.diff.fields import ChangeKind
from catalog_tool.errors import CatalogError
from tests.diff.gitrepo import commit, edit, git, sample_repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample catalog committed, then a second commit with every kind of change."""
    repo = sample_repo(tmp_path_factory.mktemp("revisions"))
    items = repo / "items"
    county = items / "370811"
    # modified: promised days, a material removed
    edit(county / "000101001000.yaml", "promised_days: 5", "promised_days: 3")
    text = (county / "000101001000.yaml").read_text(encoding="utf-8")
    start = text.index("  - name: 授权委托书")
    end = text.index("steps:")
    (county / "000101001000.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    # renamed: same item in another file of the same region
    git(repo, "mv", "items/370811/000101002000.yaml", "items/370811/公共场所卫生许可.yaml")
    # moved: an item of 微山县 now in 任城区, otherwise identical
    moved = items / "370826" / "000301001000.yaml"
    text = moved.read_text(encoding="utf-8").replace('region: "370826"', 'region: "370811"')
    (county / "000301001000.yaml").write_text(text, encoding="utf-8")
    moved.unlink()
    # recoded: same region and name, new 基本编码
    old = county / "000601001000.yaml"
    text = old.read_text(encoding="utf-8").replace("000601001000", "000601009000")
    (county / "000601009000.yaml").write_text(text, encoding="utf-8")
    old.unlink()
    # removed and added
    (county / "000101004000.yaml").unlink()
    added = (items / "370826" / "000101002000.yaml").read_text(encoding="utf-8")
    added = added.replace("000101002000", "000101008000").replace(
        "公共场所卫生许可", "游泳场所卫生许可"
    )
    (items / "370826" / "000101008000.yaml").write_text(added, encoding="utf-8")
    # only a comment changes: not a difference
    edit(
        items / "370800" / "000101001000.yaml",
        "# yaml-language-server",
        "# 济宁市\n# yaml-language-server",
    )
    commit(repo, "second version")
    return repo


def _by_key(
    result: catalog_tool.diff.DiffResult,
) -> dict[tuple[str, str], catalog_tool.diff.ItemChange]:
    return {(c.ref.region, c.ref.code): c for c in result.changes}


def test_revisions_are_compared_item_by_item(repo: Path) -> None:
    result = catalog_tool.diff("HEAD~1", "HEAD", cwd=repo)
    found = {key: change.kind for key, change in _by_key(result).items()}
    assert found == {
        ("370811", "000101001000"): ItemKind.MODIFIED,
        ("370811", "000101002000"): ItemKind.RENAMED,
        ("370811", "000101004000"): ItemKind.REMOVED,
        ("370811", "000301001000"): ItemKind.MOVED,
        ("370811", "000601009000"): ItemKind.RECODED,
        ("370826", "000101008000"): ItemKind.ADDED,
    }
    assert result.reformatted == 1
    assert result.old.revision is not None and result.new.revision is not None
    assert result.old.root == result.new.root == "items"


def test_field_changes_and_removed_materials_are_listed(repo: Path) -> None:
    change = _by_key(catalog_tool.diff("HEAD~1", "HEAD", cwd=repo))[("370811", "000101001000")]
    assert [(f.kind, f.path) for f in change.fields] == [
        (ChangeKind.REMOVED, "materials[授权委托书]"),
        (ChangeKind.CHANGED, "time_limit.promised_days"),
    ]
    assert change.materials_removed == ("授权委托书",)
    assert (change.old_facts.materials, change.new_facts.materials) == (4, 3)


def test_moves_renames_and_new_codes_keep_both_versions(repo: Path) -> None:
    changes = _by_key(catalog_tool.diff("HEAD~1", "HEAD", cwd=repo))
    renamed = changes[("370811", "000101002000")]
    assert renamed.old is not None and renamed.new is not None
    assert (renamed.old.file, renamed.new.file) == (
        "370811/000101002000.yaml",
        "370811/公共场所卫生许可.yaml",
    )
    assert renamed.fields == ()
    moved = changes[("370811", "000301001000")]
    assert moved.old is not None and moved.old.region == "370826"
    assert [(f.path, f.old, f.new) for f in moved.fields] == [("region", "370826", "370811")]
    recoded = changes[("370811", "000601009000")]
    assert recoded.old is not None and recoded.old.code == "000601001000"
    assert [f.path for f in recoded.fields] == ["code", "impl_code"]


def test_counts_per_type_and_level(repo: Path) -> None:
    counts = catalog_tool.diff("HEAD~1", "HEAD", cwd=repo).counts
    assert (counts.added, counts.removed, counts.changed) == (1, 1, 4)
    assert dict(counts.by_level)["县级"].total == 6
    assert dict(counts.by_type)["行政许可"].added == 1
    assert counts.items_before == counts.items_after == 37


def test_revisions_are_read_without_touching_the_work_tree(repo: Path) -> None:
    target = repo / "items" / "370811" / "000101001000.yaml"
    original = target.read_bytes()
    try:
        edit(target, "promised_days: 3", "promised_days: 1")
        result = catalog_tool.diff("HEAD~1", "HEAD", cwd=repo)
        change = _by_key(result)[("370811", "000101001000")]
        assert [f.new for f in change.fields if f.field == "time_limit.promised_days"] == [3]
        assert target.read_text(encoding="utf-8").count("promised_days: 1") == 1
        assert git(repo, "status", "--porcelain") == " M items/370811/000101001000.yaml\n"
        # a revision against the catalog on disk sees the uncommitted change
        (local,) = catalog_tool.diff("HEAD", cwd=repo).changes
        assert [(f.old, f.new) for f in local.fields] == [(3, 1)]
    finally:
        target.write_bytes(original)


def test_the_catalog_root_is_found_or_given(repo: Path) -> None:
    from_top = catalog_tool.diff("HEAD~1", "HEAD", root="items", cwd=repo)
    from_inside = catalog_tool.diff("HEAD~1", "HEAD", cwd=repo / "items")
    assert len(from_top.changes) == len(from_inside.changes) == 6
    with pytest.raises(CatalogError) as error:
        catalog_tool.diff("HEAD~1", "HEAD", root="items/370811", cwd=repo)
    assert "regions.yaml" in error.value.text.zh
    assert "--root" in (error.value.hint.zh if error.value.hint else "")


def test_a_folder_compares_with_a_revision(repo: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(repo / "items", old)
    (old / "370811" / "000101001000.yaml").write_text(
        (old / "370811" / "000101001000.yaml")
        .read_text(encoding="utf-8")
        .replace("promised_days: 3", "promised_days: 4"),
        encoding="utf-8",
    )
    (change,) = catalog_tool.diff(str(old), "HEAD", cwd=repo).changes
    assert [(f.old, f.new) for f in change.fields] == [(4, 3)]
    assert catalog_tool.diff(str(repo / "items"), "HEAD", cwd=repo).changes == ()


def test_an_unknown_revision_is_unusable_input(repo: Path) -> None:
    with pytest.raises(CatalogError) as error:
        catalog_tool.diff("no-such-branch", "HEAD", cwd=repo)
    assert "no-such-branch" in error.value.text.en


def test_a_broken_item_is_reported_not_fatal(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path)
    (repo / "items" / "370811" / "000101001000.yaml").write_text("code: [\n", encoding="utf-8")
    commit(repo, "broken")
    result = catalog_tool.diff("HEAD~1", "HEAD", cwd=repo)
    assert [(u.side, u.file, u.reason) for u in result.unreadable] == [
        ("new", "370811/000101001000.yaml", "Y001")
    ]
    assert result.has_differences
