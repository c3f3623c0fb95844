"""The careful reader: values, positions and hygiene problems."""

from __future__ import annotations

import datetime

import pytest

from catalog_tool.io.compose import compose
from catalog_tool.io.nodes import locate


def kinds(text: str) -> list[tuple[str, int, int]]:
    return [(p.kind, p.line, p.column) for p in compose(text).problems]


def test_values_follow_yaml_1_2_like_ruamel() -> None:
    data = compose("a: 1\nb: yes\nc: 0o17\nd: 2024-01-01\ne: ~\nf: True\n").data
    assert data == {
        "a": 1,
        "b": "yes",
        "c": 15,
        "d": datetime.date(2024, 1, 1),
        "e": None,
        "f": True,
    }


def test_positions_are_one_based_keys_for_members_and_starts_for_elements() -> None:
    text = 'code: "1"\nmaterials:\n  - name: 甲\n    form: 原件\n  - name: 乙\n    form: 复印件\n'
    root = compose(text).root
    assert locate(root, "/materials/1/form") == (6, 5)
    assert locate(root, "/materials/1") == (5, 5)
    assert locate(root, "/materials") == (2, 1)
    assert locate(root, "") == (1, 1)


def test_missing_key_locates_at_the_mapping_that_lacks_it() -> None:
    root = compose("agency:\n  name: 某局\n").root
    assert locate(root, "/agency/credit_code") == (1, 1)


def test_duplicate_key_names_the_first_line() -> None:
    composed = compose("name: a\nx: 1\nname: b\n")
    assert composed.data == {"name": "a", "x": 1}
    assert [(p.kind, p.line, p.params) for p in composed.problems] == [
        ("duplicate_key", 3, {"key": "name", "first_line": 1})
    ]


def test_aliases_are_reported_and_never_expanded() -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    composed = compose(bomb)
    assert composed.data["c"] == [None, None]
    assert ("alias", 2, 8) in kinds(bomb)
    assert ("anchor", 1, 4) in kinds(bomb)


def test_explicit_tags_are_reported_and_read_as_text() -> None:
    composed = compose("a: !!int '1'\nb: !custom x\n")
    assert composed.data == {"a": "1", "b": "x"}
    assert kinds("a: !!int '1'\nb: !custom x\n") == [("tag", 1, 4), ("tag", 2, 4)]


def test_second_document_is_reported_and_ignored() -> None:
    composed = compose("a: 1\n---\na: 2\n")
    assert composed.data == {"a": 1}
    assert kinds("a: 1\n---\na: 2\n") == [("multi_doc", 2, 1)]


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("code: 000117001000\n", "000117001000"),
        ("region: 370811\n", "370811"),
        ("x: 0537\n", "0537"),
    ],
)
def test_unquoted_codes_keep_their_text(text: str, raw: str) -> None:
    composed = compose(text)
    assert list(composed.data.values()) == [raw]
    assert [p.kind for p in composed.problems] == ["unquoted_code"]


def test_plain_numbers_elsewhere_stay_numbers() -> None:
    assert compose("visits: 1\ndays: 20\n").data == {"visits": 1, "days": 20}
    assert compose("visits: 1\n").problems == []


def test_syntax_error_has_the_parser_position() -> None:
    composed = compose("name: a: b\n")
    assert not composed.usable
    assert kinds("name: a: b\n") == [("syntax", 1, 8)]


def test_deep_nesting_is_rejected_not_recursed() -> None:
    text = "a: " + "[" * 200 + "]" * 200 + "\n"
    composed = compose(text)
    assert not composed.usable
    assert [p.kind for p in composed.problems] == ["too_deep"]
