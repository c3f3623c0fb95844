"""rapidyaml → JSON: the same text whether the guessed buffer fits or not."""

from __future__ import annotations

import json

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


def test_json_longer_than_the_guess_falls_back_to_the_exact_length() -> None:
    # "-\n" is two bytes of YAML and "null," plus indentation in JSON: four times as long.
    source = b"-\n" * 2000
    expected = _exact(source)
    assert len(expected) > 2 * len(source) + 256  # the guessed buffer is really too short
    out = ryml_json(source)
    assert bytes(out) == expected
    assert json.loads(out) == [None] * 2000
