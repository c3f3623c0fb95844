"""Field ownership and the recorded upstream hash."""

from __future__ import annotations

import re

from catalog_tool.merge import Owner, content_hash, owner_of
from catalog_tool.merge.ownership import OWNERSHIP, upstream_projection
from catalog_tool.model.item import Item, SyncedFrom

UPSTREAM = {
    "code": "000101001000",
    "name": "食品经营许可",
    "type": "行政许可",
    "region": "370800",
    "basis": ["《中华人民共和国食品安全法》第三十五条第一款"],
    "materials": [{"name": "申请书", "copies": 1, "blank_form": "forms/申请书.docx"}],
    "steps": [{"name": "受理", "days": 1}],
    "time_limit": {"legal_days": 20, "promised_days": 5, "unit": "工作日"},
    "venue": {"address": "济宁市为民服务中心"},
}


def test_four_same_fields_and_standard_content_are_upstream_owned() -> None:
    for field in ("code", "name", "type", "basis", "materials", "conditions", "materials.copies",
                  "time_limit.legal_days", "fees", "service_objects", "result.name"):  # fmt: skip
        assert owner_of(field, "行政许可") is Owner.UPSTREAM, field


def test_local_fields_are_local_owned() -> None:
    for field in ("agency", "agency.name", "venue.phone", "online.url", "time_limit.promised_days",
                  "handling", "visits", "materials.blank_form", "synced_from", "not_a_field"):  # fmt: skip
        assert owner_of(field, "行政许可") is Owner.LOCAL, field


def test_steps_are_upstream_owned_for_enforcement_items_only() -> None:
    for kind in ("行政处罚", "行政强制", "行政检查"):
        assert owner_of("steps", kind) is Owner.UPSTREAM
        assert owner_of("steps.days", kind) is Owner.UPSTREAM
    assert owner_of("steps", "行政许可") is Owner.LOCAL


def test_the_table_covers_every_top_level_field() -> None:
    listed = {o.field for o in OWNERSHIP}
    assert set(Item.model_fields) <= listed


def test_the_hash_covers_upstream_owned_content_only() -> None:
    digest = content_hash(UPSTREAM)
    assert re.fullmatch(r"[0-9a-f]{16}", digest)
    SyncedFrom(region="370800", hash=digest)  # the model accepts it
    assert content_hash({**UPSTREAM, "venue": {"address": "别处"}}) == digest
    assert content_hash({**UPSTREAM, "region": "370811"}) == digest
    moved = {**UPSTREAM, "time_limit": {"legal_days": 15, "promised_days": 5, "unit": "工作日"}}
    assert content_hash(moved) != digest
    local_form = {**UPSTREAM, "materials": [{"name": "申请书", "copies": 1}]}
    assert content_hash(local_form) == digest
    reordered = dict(reversed(list(UPSTREAM.items())))
    assert content_hash(reordered) == digest


def test_the_projection_is_what_a_local_item_inherits() -> None:
    assert upstream_projection(UPSTREAM) == {
        "code": "000101001000",
        "name": "食品经营许可",
        "type": "行政许可",
        "basis": ["《中华人民共和国食品安全法》第三十五条第一款"],
        "materials": [{"name": "申请书", "copies": 1}],
        "time_limit": {"legal_days": 20, "unit": "工作日"},
    }
