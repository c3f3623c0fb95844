"""Field-level changes: lists matched by normalized name, reorders, nested keys, ignores."""

from __future__ import annotations

from typing import Any

from catalog_tool.diff.fields import ChangeKind, FieldChange, compare


def _item(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "code": "000101001000",
        "name": "食品经营许可",
        "type": "行政许可",
        "region": "370811",
        "basis": ["《中华人民共和国食品安全法》第三十五条第一款"],
        "conditions": ["具有经营场所", "具有经营设备"],
        "materials": [
            {"name": "食品经营许可申请书", "required": True, "copies": 1},
            {"name": "营业执照复印件\uff08加盖公章\uff09", "required": True, "copies": 1},
            {"name": "授权委托书", "required": False, "copies": 1},
        ],
        "steps": [{"name": "受理", "days": 1}, {"name": "审查", "days": 2}],
        "time_limit": {"legal_days": 20, "promised_days": 5, "unit": "工作日"},
        "venue": {"address": "为民服务中心", "phone": "0537-1234567"},
    }
    item.update(changes)
    return item


def test_identical_items_have_no_changes() -> None:
    assert compare(_item(), _item()) == ()


def test_a_reorder_of_materials_is_not_a_change_unless_asked() -> None:
    old = _item()
    new = _item(materials=list(reversed(old["materials"])))
    assert compare(old, new) == ()
    (change,) = compare(old, new, order=True)
    assert change.kind is ChangeKind.REORDERED
    assert change.path == "materials"
    assert change.old == ["食品经营许可申请书", "营业执照复印件（加盖公章）", "授权委托书"]
    assert change.new == ["授权委托书", "营业执照复印件（加盖公章）", "食品经营许可申请书"]


def test_removed_and_added_materials_are_listed_by_name() -> None:
    old = _item()
    new = _item(
        materials=[
            old["materials"][0],
            old["materials"][1],
            {"name": "健康证明", "required": True, "copies": 1},
        ]
    )
    assert compare(old, new) == (
        FieldChange(
            "materials[健康证明]",
            "materials",
            ChangeKind.ADDED,
            None,
            {"name": "健康证明", "required": True, "copies": 1},
            "/materials/2",
        ),
        FieldChange(
            "materials[授权委托书]",
            "materials",
            ChangeKind.REMOVED,
            {"name": "授权委托书", "required": False, "copies": 1},
            None,
            "/materials/2",
        ),
    )


def test_a_material_is_matched_by_normalized_name_and_compared_field_by_field() -> None:
    old = _item()
    materials = [dict(m) for m in old["materials"]]
    # half-width brackets: the same material, written differently
    materials[1] = {"name": "营业执照复印件(加盖公章)", "required": True, "copies": 2}
    changes = compare(old, _item(materials=materials))
    assert [(c.path, c.field, c.old, c.new) for c in changes] == [
        (
            "materials[营业执照复印件(加盖公章)].name",
            "materials.name",
            "营业执照复印件（加盖公章）",
            "营业执照复印件(加盖公章)",
        ),
        ("materials[营业执照复印件(加盖公章)].copies", "materials.copies", 1, 2),
    ]


def test_nested_mappings_compare_key_by_key() -> None:
    old = _item()
    new = _item(time_limit={"legal_days": 20, "promised_days": 3, "unit": "工作日"})
    assert compare(old, new) == (
        FieldChange(
            "time_limit.promised_days",
            "time_limit.promised_days",
            ChangeKind.CHANGED,
            5,
            3,
            "/time_limit/promised_days",
        ),
    )


def test_conditions_match_by_text_and_report_additions_and_removals() -> None:
    changes = compare(_item(), _item(conditions=["具有经营场所", "具有食品安全管理人员"]))
    assert [(c.kind, c.path) for c in changes] == [
        (ChangeKind.ADDED, "conditions[具有食品安全管理人员]"),
        (ChangeKind.REMOVED, "conditions[具有经营设备]"),
    ]


def test_ignored_fields_do_not_count() -> None:
    new = _item(venue={"address": "为民服务中心", "phone": "0537-7654321"})
    assert len(compare(_item(), new)) == 1
    assert compare(_item(), new, ignore=["venue.phone"]) == ()
    assert compare(_item(), new, ignore=["venue"]) == ()


def test_an_empty_value_reads_as_an_absent_one() -> None:
    old = _item()
    new = {**_item(), "visits_reason": None}
    assert compare(old, new) == ()


def test_types_are_not_confused() -> None:
    (change,) = compare(_item(visits=1), _item(visits=True))
    assert (change.path, change.old, change.new) == ("visits", 1, True)
