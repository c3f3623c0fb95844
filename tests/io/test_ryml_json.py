"""rapidyaml → JSON: the same text whatever the reused tree and buffer held before."""

from __future__ import annotations

import json

import pytest
import ryml

from catalog_tool.io.yaml_factory import ryml_json


def _exact(source: bytes) -> bytes:
    """The JSON emitted at rapidyaml's computed length (the slow, always-right way)."""
    buf = bytearray(source)  # the tree points into it: keep it alive while emitting
    tree = ryml.parse_in_place(buf)
    out = bytearray(ryml.compute_json_length(tree))
    ryml.emit_json_in_place(tree, out)
    return bytes(out)


def test_an_item_emits_its_json_exactly() -> None:
    source = "code: '000101001000'\nname: 食品经营许可\nmaterials:\n  - {name: 申请书, copies: 1}\n"
    out = ryml_json(source.encode())
    assert bytes(out) == _exact(source.encode())
    assert json.loads(out) == {
        "code": "000101001000",
        "name": "食品经营许可",
        "materials": [{"name": "申请书", "copies": 1}],
    }


def test_json_longer_than_the_buffer_enlarges_it() -> None:
    # "-\n" is two bytes of YAML and "null," plus indentation in JSON: four times as long.
    source = b"-\n" * 20000
    expected = _exact(source)
    assert len(expected) > 1 << 16  # longer than the buffer a thread starts with
    out = ryml_json(source)
    assert out == expected
    assert json.loads(out) == [None] * 20000


def test_a_parse_leaves_nothing_behind_for_the_next() -> None:
    long = "code: '000101001000'\n" + "".join(f"k{i}: {i}\n" for i in range(500))
    assert json.loads(ryml_json(long.encode()))["k499"] == 499
    with pytest.raises(ryml.ExceptionParse):
        ryml_json(b"a: [1, 2\n")
    assert json.loads(ryml_json(b"name: x\n")) == {"name": "x"}
    assert ryml_json(b"- 1\n") == _exact(b"- 1\n")
