"""A comment belongs to the entry below it: when `import` or `merge` removes, moves or adds
list entries (or keys), each comment and blank line goes with its own entry, and an end-of-line
comment stays on its entry's line.

ruamel keeps a comment line with the node before it, so the naive edit moved the comment of
a removed material onto the next one and dropped that one's own comment."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog_tool.io import roundtrip
from catalog_tool.merge.apply import plain, rewrite
from catalog_tool.sheets.item_yaml import update_text

MATERIALS = """\
code: "000101004000"
materials:  # 申请材料
  - name: 药品经营许可证申请表
    copies: 1
  # 2023年起改为告知承诺
  - name: 营业场所平面布置图
    copies: 1
  - name: 质量管理机构设置情况
    copies: 1  # 含人员名单
  # 保留：省局要求
  - name: 药品质量管理制度文件
    copies: 1
    basis:
      - 《药品管理法》第五十二条  # 第（四）项
# 办理流程
steps:
  - {name: 受理, days: 1}  # 当场
  # 现场核查另计
  - {name: 审查, days: 3}
  - {name: 决定, days: 1}
status: 在用
"""


def _data(text: str) -> dict[str, Any]:
    document, _ = roundtrip.load(text)
    data: dict[str, Any] = plain(document)
    return data


def _without(text: str, *blocks: str) -> str:
    for block in blocks:
        assert block in text
        text = text.replace(block, "", 1)
    return text


def _by_import(text: str, field: str, entries: list[Any]) -> str:
    return update_text(text, {field: entries})


def _by_merge(text: str, field: str, entries: list[Any]) -> str:
    return rewrite(text, {**_data(text), field: entries})


WRITERS: dict[str, Callable[[str, str, list[Any]], str]] = {
    "import": _by_import,
    "merge": _by_merge,
}


def test_import_drops_the_comments_of_removed_materials_and_keeps_the_others() -> None:
    materials = _data(MATERIALS)["materials"]
    after = _by_import(MATERIALS, "materials", [materials[0], materials[3]])
    assert after == _without(
        MATERIALS,
        "  # 2023年起改为告知承诺\n  - name: 营业场所平面布置图\n    copies: 1\n",
        "  - name: 质量管理机构设置情况\n    copies: 1  # 含人员名单\n",
    )


def test_merge_drops_the_comments_of_removed_elements_and_keeps_the_others() -> None:
    materials = _data(MATERIALS)["materials"]
    after = _by_merge(MATERIALS, "materials", [materials[0], materials[3]])
    assert after == _without(
        MATERIALS,
        "  # 2023年起改为告知承诺\n  - name: 营业场所平面布置图\n    copies: 1\n",
        "  - name: 质量管理机构设置情况\n    copies: 1  # 含人员名单\n",
    )


def test_a_removed_last_entry_leaves_the_comment_of_what_follows_the_list() -> None:
    for writer in WRITERS.values():
        materials = _data(MATERIALS)["materials"]
        after = writer(MATERIALS, "materials", materials[:3])
        assert after == _without(
            MATERIALS,
            "  # 保留：省局要求\n  - name: 药品质量管理制度文件\n    copies: 1\n"
            "    basis:\n      - 《药品管理法》第五十二条  # 第（四）项\n",
        )


def test_the_merge_is_not_misled_by_repeated_comment_lines() -> None:
    text = (
        'code: "1"\nmaterials:  # 申请材料\n  # 容缺\n  # 省局要求\n  - name: 甲\n'
        "    copies: 1  # 容缺\n\n  # 省局要求\n  - name: 乙\n    copies: 1  # 当场\n"
        "  # 备注\n  # 省局要求\n  - name: 丙\n    copies: 1\nstatus: 在用\n"
    )
    kept = _data(text)["materials"][1]
    assert _by_merge(text, "materials", [kept]) == (
        'code: "1"\nmaterials:  # 申请材料\n\n  # 省局要求\n  - name: 乙\n'
        "    copies: 1  # 当场\nstatus: 在用\n"
    )


def test_reordered_entries_take_their_comments_along() -> None:
    steps = _data(MATERIALS)["steps"]
    after = _by_import(MATERIALS, "steps", [steps[2], steps[0], steps[1]])
    assert after == MATERIALS.replace(
        "  - {name: 受理, days: 1}  # 当场\n  # 现场核查另计\n  - {name: 审查, days: 3}\n"
        "  - {name: 决定, days: 1}\n",
        "  - {name: 决定, days: 1}\n  - {name: 受理, days: 1}  # 当场\n  # 现场核查另计\n"
        "  - {name: 审查, days: 3}\n",
    )


def test_removing_every_entry_leaves_the_lines_after_the_list() -> None:
    after = _by_import(MATERIALS, "steps", [])
    assert "steps: []\nstatus: 在用\n" in after
    after = _by_import(MATERIALS, "materials", [])
    assert "materials: [] # 申请材料\n# 办理流程\nsteps:" in after


def test_merge_removes_a_key_with_its_comment_and_adds_one_above_the_next_keys() -> None:
    text = (
        'code: "1"\n# 收费\nfees:\n  - {name: 工本费, standard: 10元}\n'
        "# 网办\nonline: {available: true, depth: 4}\nstatus: 在用\n"
    )
    data = _data(text)
    del data["fees"]
    assert rewrite(text, data) == (
        'code: "1"\n# 网办\nonline: {available: true, depth: 4}\nstatus: 在用\n'
    )
    data = {**_data(text), "visits": 0}
    assert rewrite(text, data) == text.replace("# 网办", "visits: 0\n# 网办")


# -- property: any removal (and, for import, any order) keeps each comment with its entry --

_LEADS = st.lists(st.sampled_from(["  # 容缺", "  # 省局要求", "", "  # 备注"]), max_size=2)
_EOL = st.sampled_from(["", "  # 当场", "  # 容缺"])


@st.composite
def _blocks(draw: st.DrawFn) -> tuple[str, list[tuple[list[str], list[str]]]]:
    """A list field and its entries, each as (lines above it, its own lines)."""
    kind = draw(st.sampled_from(["materials", "conditions", "steps"]))
    blocks: list[tuple[list[str], list[str]]] = []
    for number in range(draw(st.integers(1, 5))):
        lead, eol = draw(_LEADS), draw(_EOL)
        if kind == "materials":
            body = [f"  - name: 材料{number}", f"    copies: 1{eol}"]
            if draw(st.booleans()):
                body += ["    basis:", f"      - 《法》第{number}条{draw(_EOL)}"]
        elif kind == "steps":
            # ruamel itself loses lines between a flow entry without an end-of-line comment
            # and an entry with one, so such files are not generated.
            if blocks and lead and eol and not blocks[-1][1][-1].endswith(("场", "缺")):
                eol = ""
            body = [f"  - {{name: 环节{number}, days: 1}}{eol}"]
        else:
            body = [f"  - 条件{number}{eol}"]
        blocks.append((lead, body))
    return kind, blocks


def _render(field: str, blocks: list[tuple[list[str], list[str]]], order: list[int]) -> str:
    lines = ['code: "1"', f"{field}:  # 头"]
    for index in order:
        lines += blocks[index][0] + blocks[index][1]
    if not order:
        lines[-1] = f"{field}: [] # 头"
    return "\n".join(lines) + "\n# 末尾\nstatus: 在用\n"


@settings(max_examples=300, deadline=None, database=None)
@given(_blocks(), st.data())
def test_each_comment_stays_with_its_entry(
    listing: tuple[str, list[tuple[list[str], list[str]]]], data: st.DataObject
) -> None:
    field, blocks = listing
    text = _render(field, blocks, list(range(len(blocks))))
    entries = _data(text)[field]
    writer = data.draw(st.sampled_from(sorted(WRITERS)))
    if writer == "import":
        order = data.draw(st.permutations(range(len(blocks))))
        order = order[: data.draw(st.integers(0, len(order)))]
    else:  # merge keeps the local order and removes what upstream removed
        order = sorted(data.draw(st.sets(st.sampled_from(range(len(blocks))))))
    chosen = [copy.deepcopy(entries[index]) for index in order]
    assert WRITERS[writer](text, field, chosen) == _render(field, blocks, order)
