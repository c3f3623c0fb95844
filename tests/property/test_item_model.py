"""Properties of the item model on disk, over generated implementation items.

- load → dump → load is identity: an item written as YAML reads back as the same model, with
  the fast reader and the careful one, and a round-trip rewrite of the file changes nothing;
- ``fmt`` is idempotent: formatting formatted text changes nothing, and formatting never
  changes what a valid item means beyond the normalizations it promises.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from catalog_tool.catalog.read import parse_item
from catalog_tool.formatting.run import format_text
from catalog_tool.io import roundtrip
from catalog_tool.model.enums import Handling, MaterialForm, MaterialMedia, MaterialSource
from catalog_tool.model.item import ImplementationItem
from catalog_tool.sheets.item_yaml import emit_item
from tests.conftest import REPO

SAMPLE = REPO / "items" / "370811" / "000101001000.yaml"

# Text a department might type, plus text that YAML could read as something else.
_awkward = st.sampled_from(
    [
        "yes",
        "null",
        "~",
        "007",
        "2024-05-20",
        "a: b",
        "a #b",
        "- a",
        "[a]",
        "*a",
        "&a",
        "!a",
        "|",
        "'a'",
        '"a"',
        "=1+1",
        "@a",
        "3.0",
        "true",
        "营业执照（副本）",
        "身份证明: 原件",
        "材料\n第二行",
        "《中华人民共和国食品安全法》第三十五条",
    ]
)
_cjk = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=12
)
_printable = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() == s and s.strip() != "")
text = st.one_of(_awkward, _cjk, _printable)


def _base() -> dict[str, Any]:
    data, _ = roundtrip.load(SAMPLE.read_text(encoding="utf-8"))
    return dict(_plain(data))


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


BASE = _base()


@st.composite
def materials(draw: st.DrawFn) -> list[dict[str, Any]]:
    names = draw(st.lists(text, min_size=0, max_size=4, unique=True))
    out = []
    for name in names:
        material: dict[str, Any] = {
            "name": name,
            "required": draw(st.booleans()),
            "form": draw(st.sampled_from([f.value for f in MaterialForm])),
            "copies": draw(st.integers(min_value=1, max_value=5)),
            "media": draw(st.sampled_from([m.value for m in MaterialMedia])),
            "source": draw(st.sampled_from([s.value for s in MaterialSource])),
            "kind": "其他",
            "basis": draw(st.lists(text, min_size=1, max_size=2)),
        }
        if draw(st.booleans()):
            material["notes"] = draw(text)
        out.append(material)
    return out


@st.composite
def items(draw: st.DrawFn) -> dict[str, Any]:
    """A valid implementation item: the sample item with generated values in every kind of
    field (names, lists, nested mappings, numbers, booleans)."""
    data = copy.deepcopy(BASE)
    data["name"] = draw(text)
    data["basis"] = draw(st.lists(text, min_size=1, max_size=3))
    data["conditions"] = draw(st.lists(text, max_size=3))
    data["materials"] = draw(materials())
    legal = draw(st.integers(min_value=1, max_value=90))
    data["time_limit"] = {
        "legal_days": legal,
        "promised_days": draw(st.integers(min_value=0, max_value=legal)),
        "unit": "工作日",
    }
    data["steps"] = [
        {"name": name, "days": draw(st.integers(min_value=0, max_value=10))}
        for name in draw(st.lists(text, min_size=1, max_size=4, unique=True))
    ]
    data["handling"] = draw(st.sampled_from([h.value for h in Handling]))
    data["venue"] = {
        "address": draw(text),
        "hours": draw(text),
        "phone": draw(st.one_of(text, st.from_regex(r"0[1-9][0-9]{2}-[0-9]{7,8}", fullmatch=True))),
        "complaint_phone": "12345",
    }
    data["online"] = {"available": draw(st.booleans()), "depth": draw(st.integers(1, 4))}
    data["visits"] = draw(st.integers(min_value=0, max_value=2))
    if data["visits"] > 0:
        data["visits_reason"] = draw(text)
    try:
        ImplementationItem.model_validate(data)
    except ValidationError:
        assume(False)
    return data


def _model(data: dict[str, Any]) -> ImplementationItem:
    return ImplementationItem.model_validate(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items())
def test_an_item_written_as_yaml_reads_back_as_the_same_model(data: dict[str, Any]) -> None:
    text_out = emit_item(data)
    source = text_out.encode("utf-8")
    fast = parse_item(source, "370811")
    careful = parse_item(source, "370811", fast=False)
    assert fast.findings == () and careful.findings == ()
    assert fast.item == _model(data)
    assert careful.item == _model(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items())
def test_a_round_trip_rewrite_of_an_item_file_changes_nothing(data: dict[str, Any]) -> None:
    text_in = emit_item(data)
    document, yaml = roundtrip.load(text_in)
    assert roundtrip.dump(document, yaml) == text_in


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items(), st.sampled_from(["  ", "\u3000", "", " "]))
def test_fmt_is_idempotent_and_keeps_the_item_valid(data: dict[str, Any], pad: str) -> None:
    messy = dict(data)
    messy["name"] = pad + data["name"] + pad  # stray spaces fmt trims
    text_in = emit_item(messy)
    once = format_text(text_in, "item")
    assert format_text(once, "item") == once
    formatted = parse_item(once.encode("utf-8"), "370811")
    assert formatted.findings == ()
    assert formatted.item is not None
    # Formatting only normalizes text; the structure and every number stay as they were.
    before, after = _model(data), formatted.item
    assert isinstance(after, ImplementationItem)
    assert len(after.materials) == len(before.materials)
    assert [s.days for s in after.steps] == [s.days for s in before.steps]
    assert after.time_limit == before.time_limit
    assert after.code == before.code and after.region == before.region
