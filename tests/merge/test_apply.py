"""Writing merged data into a file: only the lines that change change, comments stay with
the lines they describe, new elements look like their siblings."""

from __future__ import annotations

from catalog_tool.merge.apply import record_sync, rewrite

ODD = """\
code: "000101001000"
name:    食品经营许可
basis:   [a,   b]
time_limit: {legal_days: 20,promised_days: 5}
materials:
  # 申请书
  - name: 申请书
    copies: 1
  # 委托书:委托时提供
  - name: 委托书
    copies: 1
  # 身份证明
  - name: 身份证明
    copies: 1
steps:
  - {name: 受理, days: 1}
  - {name: 决定, days: 1}
status: 在用
"""

DATA = {
    "code": "000101001000",
    "name": "食品经营许可",
    "basis": ["a", "b"],
    "time_limit": {"legal_days": 20, "promised_days": 5},
    "materials": [
        {"name": "申请书", "copies": 1},
        {"name": "委托书", "copies": 1},
        {"name": "身份证明", "copies": 1},
    ],
    "steps": [{"name": "受理", "days": 1}, {"name": "决定", "days": 1}],
    "status": "在用",
}


def test_unchanged_data_gives_the_same_text_even_where_ruamel_would_respace() -> None:
    assert rewrite(ODD, DATA) == ODD


def test_lines_ruamel_would_respace_are_kept_when_the_merge_does_not_touch_them() -> None:
    data = {**DATA, "status": "取消"}
    assert rewrite(ODD, data) == ODD.replace("status: 在用", "status: 取消")


def test_a_deleted_element_takes_its_comment_and_leaves_the_next_one() -> None:
    data = {**DATA, "materials": [DATA["materials"][0], DATA["materials"][2]]}
    expected = ODD.replace("  # 委托书:委托时提供\n  - name: 委托书\n    copies: 1\n", "")
    assert rewrite(ODD, data) == expected
    first_gone = {**DATA, "materials": DATA["materials"][1:]}
    assert rewrite(ODD, first_gone) == ODD.replace(
        "  # 申请书\n  - name: 申请书\n    copies: 1\n", ""
    )


def test_an_inserted_element_goes_before_the_next_elements_comment_in_its_siblings_style() -> None:
    data = {
        **DATA,
        "materials": [
            *DATA["materials"][:1],
            {"name": "健康证明", "copies": 2},
            *DATA["materials"][1:],
        ],
        "steps": [DATA["steps"][0], {"name": "审查", "days": 2}, DATA["steps"][1]],
    }
    expected = ODD.replace("  # 委托书", "  - name: 健康证明\n    copies: 2\n  # 委托书").replace(
        "  - {name: 决定", "  - {name: 审查, days: 2}\n  - {name: 决定"
    )
    assert rewrite(ODD, data) == expected


def test_a_new_key_goes_where_format_v1_puts_it() -> None:
    data = {
        **DATA,
        "type": "行政许可",
        "synced_from": {"region": "370800", "hash": "0123456789abcdef"},
    }
    expected = ODD.replace("name:    食品经营许可\n", "name:    食品经营许可\ntype: 行政许可\n") + (
        'synced_from: {region: "370800", hash: "0123456789abcdef"}\n'
    )
    assert rewrite(ODD, data) == expected


def test_quoting_of_a_changed_value_is_kept() -> None:
    text = "code: '000101001000'\nname: \"食品经营许可\"\n"
    data = {"code": "000101001000", "name": "食品经营许可证核发"}
    assert rewrite(text, data) == "code: '000101001000'\nname: \"食品经营许可证核发\"\n"


def test_the_sync_record_alone_is_set_on_the_text() -> None:
    record = 'synced_from: {region: "370800", hash: "0123456789abcdef"}'
    assert record_sync("code: '1'\n", "370800", "0123456789abcdef") == f"code: '1'\n{record}\n"
    assert record_sync("code: '1'", "370800", "0123456789abcdef") == f"code: '1'\n{record}\n"
    assert (
        record_sync("code: '1'\r\n", "370800", "0123456789abcdef") == f"code: '1'\r\n{record}\r\n"
    )
    old = 'code: "1"\nsynced_from: {region: "370000", hash: "aaaaaaaaaaaaaaaa"}  # 省级\nstatus: 在用\n'
    assert record_sync(old, "370800", "0123456789abcdef") == (
        f'code: "1"\n{record}  # 省级\nstatus: 在用\n'
    )
    block = 'code: "1"\nsynced_from:\n  region: "370000"\n  hash: "aaaaaaaaaaaaaaaa"\n'
    assert record_sync(block, "370800", "0123456789abcdef") is None
