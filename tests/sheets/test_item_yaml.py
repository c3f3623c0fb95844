"""New item files read back exactly; updates touch only the values that change."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from catalog_tool.catalog.read import parse_item
from catalog_tool.io.load import load_yaml
from catalog_tool.sheets.item_yaml import emit_item, update_text

NATIONAL: dict[str, Any] = {
    "code": "000101001000",
    "name": "食品经营许可",
    "type": "行政许可",
    "region": "000000",
    "basis": ["《中华人民共和国食品安全法》第三十五条第一款"],
}

# Text that YAML could read as something else, or that needs quoting to stay as it is.
tricky = st.one_of(
    st.sampled_from(
        [
            "yes",
            "No",
            "null",
            "~",
            "0x1F",
            "007",
            "1_000",
            "2024-05-20",
            ".inf",
            "- a",
            "a: b",
            "a #b",
            "#a",
            "[a]",
            "{a}",
            "*a",
            "&a",
            "!a",
            "|",
            ">",
            "'a'",
            '"a"',
            "%a",
            "@a",
            "`a",
            "=1+1",
            "a:",
            "  a",
            "a  ",
            "a\nb",
            "\t",
            "12345",
            "3.0",
            "e3",
            "NaN",
            "true",
        ]
    ),
    st.text(min_size=1, max_size=30),
)


@settings(max_examples=300, deadline=None)
@given(name=tricky, notes=tricky, phone=tricky)
@example(name="yes", notes=";?", phone="a?b")  # ? ends a plain scalar in a flow mapping
def test_any_text_reads_back_as_written(name: str, notes: str, phone: str) -> None:
    data = dict(NATIONAL, name=name)
    text = emit_item(data)
    loaded = load_yaml(text.encode("utf-8"), fast=False)
    assert loaded.usable and not loaded.problems, text
    assert loaded.data == data
    venue = {"address": notes, "hours": name, "phone": phone, "complaint_phone": "12345"}
    flow = emit_item(dict(NATIONAL, online={"available": True, "url": notes}, venue=venue))
    again = load_yaml(flow.encode("utf-8"), fast=False)
    assert again.data["online"] == {"available": True, "url": notes}
    assert again.data["venue"] == venue


def test_the_fast_reader_agrees_on_emitted_files() -> None:
    data = dict(
        NATIONAL, name="对“未经许可”从事经营的处罚: 第 1 类", basis=["《法》第一条", "2024-05-20"]
    )
    parsed = parse_item(emit_item(data).encode("utf-8"), "000000")
    assert parsed.item is not None
    assert parsed.item.model_dump(mode="json", exclude_unset=True) == data


def test_an_update_changes_only_the_lines_of_changed_values() -> None:
    text = (
        "# yaml-language-server: $schema=../../schemas/item.schema.json\n"
        'code: "000101001000"   # 基本编码\n'
        "name: 食品经营许可\n"
        "type: 行政许可\n"
        'region: "000000"\n'
        "basis:\n"
        "    - 《中华人民共和国食品安全法》第三十五条第一款  # 国家\n"
        "steps:\n"
        "    - {name: 受理, days: 1}\n"
        "    - {name: 审查, days: 2}   # 含现场核查\n"
    )
    target = dict(
        NATIONAL,
        steps=[{"name": "受理", "days": 1}, {"name": "审查", "days": 3, "counted": True}],
        status="在用",
        handling="即办件",
    )
    after = update_text(text, target)
    lines = after.splitlines()
    assert lines[1] == 'code: "000101001000"   # 基本编码'
    assert lines[6] == "    - 《中华人民共和国食品安全法》第三十五条第一款  # 国家"
    assert lines[9] == "    - {name: 审查, days: 3}   # 含现场核查"
    # A new key lands at its place in format-v1 order; a default the file leaves out stays out.
    assert lines[10] == "handling: 即办件"
    assert "status" not in after and "counted" not in after
