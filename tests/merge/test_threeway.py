"""The three-way merge of one item on plain data, field by field."""

from __future__ import annotations

from typing import Any

from catalog_tool.merge import Action, Strategy
from catalog_tool.merge.threeway import merge_item


def _item(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "code": "000201001000",
        "name": "对未取得食品经营许可从事食品经营活动的行政处罚",
        "type": "行政处罚",
        "region": "370800",
        "basis": ["《中华人民共和国食品安全法》第一百二十二条第一款"],
        "materials": [{"name": "A", "copies": 1}, {"name": "B", "copies": 1}],
        "steps": [{"name": "立案"}, {"name": "调查取证"}, {"name": "决定"}],
        "time_limit": {"legal_days": 90, "promised_days": 60},
        "venue": {"address": "济宁市为民服务中心", "phone": "0537-1"},
        "status": "在用",
    }
    item.update(changes)
    return item


def test_nothing_changed_upstream_means_nothing_to_do() -> None:
    ours = _item(name="本地名称", venue={"address": "任城区", "phone": "0537-2"})
    outcome = merge_item(_item(), _item(), ours)
    assert outcome.merged == ours
    assert outcome.applied == outcome.conflicts == ()


def test_a_one_sided_upstream_change_is_applied() -> None:
    theirs = _item(time_limit={"legal_days": 60, "promised_days": 30})
    outcome = merge_item(_item(), theirs, _item(time_limit={"legal_days": 90, "promised_days": 20}))
    assert outcome.merged["time_limit"] == {"legal_days": 60, "promised_days": 20}
    assert [(d.path, d.action, d.ours, d.theirs) for d in outcome.applied] == [
        ("time_limit.legal_days", Action.THEIRS, 90, 60)
    ]


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    changed = _item(name="新名称")
    outcome = merge_item(_item(), changed, changed)
    assert outcome.conflicts == () and outcome.applied == ()


def test_different_changes_on_both_sides_conflict_and_the_strategy_decides() -> None:
    base, theirs, ours = _item(), _item(name="上级新名称"), _item(name="本级新名称")
    kept = merge_item(base, theirs, ours)
    assert kept.merged["name"] == "本级新名称"
    (conflict,) = kept.conflicts
    assert (conflict.base, conflict.ours, conflict.theirs, conflict.pointer) == (
        base["name"],
        "本级新名称",
        "上级新名称",
        "/name",
    )
    assert merge_item(base, theirs, ours, strategy=Strategy.THEIRS).merged["name"] == "上级新名称"
    assert merge_item(base, theirs, ours, strategy=Strategy.OURS).merged["name"] == "本级新名称"


def test_local_owned_fields_are_never_touched() -> None:
    theirs = _item(venue={"address": "新地址", "phone": "0537-9"})
    ours = _item(venue={"address": "任城区", "phone": "0537-2"})
    assert merge_item(_item(), theirs, ours).merged["venue"] == ours["venue"]


def test_steps_follow_upstream_for_enforcement_items_only() -> None:
    steps = [{"name": "立案"}, {"name": "调查取证"}, {"name": "告知"}, {"name": "决定"}]
    merged = merge_item(_item(), _item(steps=steps), _item()).merged
    assert merged["steps"] == steps
    licence = {"type": "行政许可"}
    merged = merge_item(_item(**licence), _item(steps=steps, **licence), _item(**licence)).merged
    assert merged["steps"] == _item()["steps"]


def test_an_upstream_addition_goes_after_its_upstream_predecessor() -> None:
    theirs = _item(
        materials=[
            {"name": "A", "copies": 1},
            {"name": "N", "copies": 1},
            {"name": "B", "copies": 1},
        ]
    )
    ours = _item(materials=[{"name": "B", "copies": 1}, {"name": "A", "copies": 1}])
    merged = merge_item(_item(), theirs, ours).merged
    assert [m["name"] for m in merged["materials"]] == ["B", "A", "N"]


def test_materials_are_matched_by_normalized_name() -> None:
    base = _item(materials=[{"name": "营业执照（副本）", "copies": 1}])
    theirs = _item(materials=[{"name": "营业执照（副本）", "copies": 2}])
    ours = _item(materials=[{"name": "营业执照(副本)", "copies": 1}])
    merged = merge_item(base, theirs, ours).merged
    assert merged["materials"] == [{"name": "营业执照(副本)", "copies": 2}]


def test_an_upstream_deletion_removes_the_material_unless_changed_locally() -> None:
    theirs = _item(materials=[{"name": "A", "copies": 1}])
    outcome = merge_item(_item(), theirs, _item())
    assert [m["name"] for m in outcome.merged["materials"]] == ["A"]
    assert [(d.path, d.action) for d in outcome.applied] == [("materials[B]", Action.REMOVED)]
    local = _item(materials=[{"name": "A", "copies": 1}, {"name": "B", "copies": 3}])
    changed = merge_item(_item(), theirs, local)
    assert [d.path for d in changed.conflicts] == ["materials[B]"]
    assert [m["name"] for m in changed.merged["materials"]] == ["A", "B"]


def test_a_local_deletion_stays_unless_upstream_changed_the_element() -> None:
    ours = _item(materials=[{"name": "A", "copies": 1}])
    assert merge_item(_item(), _item(), ours).merged["materials"] == ours["materials"]
    theirs = _item(materials=[{"name": "A", "copies": 1}, {"name": "B", "copies": 2}])
    outcome = merge_item(_item(), theirs, ours)
    assert [d.path for d in outcome.conflicts] == ["materials[B]"]


def test_without_a_base_the_standard_wins_for_upstream_owned_fields() -> None:
    theirs = _item(name="标准名称", materials=[{"name": "A", "copies": 2}])
    ours = _item(
        name="本地名称", materials=[{"name": "A", "copies": 1}, {"name": "X", "copies": 1}]
    )
    outcome = merge_item(None, theirs, ours)
    assert outcome.merged["name"] == "标准名称"
    assert outcome.merged["materials"] == [{"name": "A", "copies": 2}, {"name": "X", "copies": 1}]
    assert {d.action for d in outcome.applied} == {Action.ADOPTED}
    assert outcome.extras == ("materials[X]",)


def test_without_a_base_a_field_upstream_lacks_is_left_alone() -> None:
    national = {k: _item()[k] for k in ("code", "name", "type", "region", "basis")}
    ours = _item()
    assert merge_item(None, national, ours).merged == ours


def test_without_a_base_a_deliberate_local_value_is_a_conflict() -> None:
    def deliberate(pointer: str, field: str) -> bool:
        return field == "name"

    outcome = merge_item(
        None, _item(name="标准名称"), _item(name="本地名称"), deliberate=deliberate
    )
    assert [d.path for d in outcome.conflicts] == ["name"]
    assert outcome.merged["name"] == "本地名称"


def test_an_upstream_cancellation_always_reaches_the_local_item() -> None:
    outcome = merge_item(_item(), _item(status="取消"), _item(status="暂停"))
    assert outcome.merged["status"] == "取消"
    assert [(d.path, d.action) for d in outcome.applied] == [("status", Action.CANCELLED)]
