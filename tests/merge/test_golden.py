"""Merges into a local file written by hand: the exact text afterwards is golden.

Comments, blank lines, key order and quoting survive; only the lines the merge changes
change; the recorded base makes a second merge a no-op.
"""

from __future__ import annotations

from pathlib import Path

import catalog_tool
from catalog_tool.catalog.read import parse_item
from catalog_tool.merge import Action, ItemState, content_hash
from tests.diff.gitrepo import commit, edit
from tests.merge.conftest import COUNTY, city, county

HEALTH = """\
  - name: 健康证明
    required: true
    form: 原件
    copies: 1
    media: 纸质
    source: 申请人自备
    basis: [《中华人民共和国食品安全法》第四十五条第一款]
"""


def city_hash(repo: Path) -> str:
    parsed = parse_item(city(repo).read_bytes(), "370800")
    assert parsed.item is not None
    return content_hash(parsed.data)


def test_first_sync_records_the_base_and_changes_nothing_else(repo: Path) -> None:
    result = catalog_tool.merge(repo / "items")
    local = next(i for i in result.items if i.file == county(repo))
    assert local.state is ItemState.UPDATED
    assert local.changes == ()
    assert local.base_found is None
    expected = COUNTY + f'synced_from: {{region: "370800", hash: "{city_hash(repo)}"}}\n'
    assert county(repo).read_text(encoding="utf-8") == expected


def _upstream_changes(repo: Path) -> None:
    """The city deletes 授权委托书, asks for two application forms, adds 健康证明 and a
    condition, and shortens the legal limit."""
    text = city(repo).read_text(encoding="utf-8")
    start, end = text.index("  - name: 授权委托书"), text.index("steps:")
    text = text[:start] + text[end:]
    text = text.replace("    copies: 1\n", "    copies: 2\n", 1)
    text = text.replace("  - name: 食品安全管理制度文本", HEALTH + "  - name: 食品安全管理制度文本")
    text = text.replace(
        "  - 具有合理的设备布局和工艺流程\n",
        "  - 具有合理的设备布局和工艺流程\n  - 有专职或者兼职的食品安全管理人员\n",
    )
    text = text.replace("legal_days: 20", "legal_days: 15")
    city(repo).write_text(text, encoding="utf-8")


GOLDEN = """\
# yaml-language-server: $schema=../../schemas/item.schema.json
# 任城区食品经营许可:本地信息由区行政审批服务局维护。
code: "000101001000"
name: 食品经营许可
type: 行政许可
region: "370811"
basis:
  - 《中华人民共和国食品安全法》第三十五条第一款

# 实施主体
agency:
  name: 济宁市任城区行政审批服务局
  credit_code: '11370811MB2822838H'   # 单引号也要保留
  nature: 法定机关
conditions:
  - 具有与经营的食品品种、数量相适应的经营场所
  - 具有合理的设备布局和工艺流程
  - 有专职或者兼职的食品安全管理人员
materials:
  # 申请书用区里的模板
  - name: 食品经营许可申请书
    required: true
    form: 原件
    copies: 2
    media: 纸质和电子
    source: 申请人自备
    basis: [《中华人民共和国食品安全法》第三十五条第二款]
    blank_form: forms/任城区申请书.docx
  - name: 健康证明
    required: true
    form: 原件
    copies: 1
    media: 纸质
    source: 申请人自备
    basis: [《中华人民共和国食品安全法》第四十五条第一款]
  - name: 食品安全管理制度文本
    required: true
    form: 原件
    copies: 1
    media: 纸质和电子
    source: 申请人自备
    basis: [《中华人民共和国食品安全法》第三十三条第一款第（三）项]
steps:
  - {name: 受理, days: 1}
  - {name: 审查, days: 2}
  - {name: 决定, days: 1}
time_limit: {legal_days: 15, promised_days: 3, unit: 工作日}  # 承诺提速
handling: 承诺件
fees: []
visits: 0
online: {available: true, depth: 4, url: "https://www.rencheng.gov.cn/"}
service_objects: [企业法人]

venue:
  address: 济宁市任城区为民服务中心
  hours: "工作日 9:00-17:00"
  phone: 0537-2216800
  complaint_phone: "12345"
result: {name: 食品经营许可证, kind: 证照}
status: 在用
synced_from: {region: "370800", hash: "HASH"}
"""


def test_upstream_changes_are_carried_down_keeping_the_file_as_written(repo: Path) -> None:
    catalog_tool.merge(repo / "items")
    commit(repo, "first sync")
    _upstream_changes(repo)
    commit(repo, "city: new standard")
    result = catalog_tool.merge(repo / "items", into=["370811"])
    (item,) = result.items
    assert item.base_found is True
    assert [(c.path, c.action) for c in item.changes] == [
        ("conditions[有专职或者兼职的食品安全管理人员]", Action.THEIRS),
        ("materials[食品经营许可申请书].copies", Action.THEIRS),
        ("materials[授权委托书]", Action.REMOVED),
        ("materials[健康证明]", Action.THEIRS),
        ("time_limit.legal_days", Action.THEIRS),
    ]
    golden = GOLDEN.replace("HASH", city_hash(repo))
    assert county(repo).read_text(encoding="utf-8") == golden
    # --into: the other county is left for later
    other = (repo / "items" / "370826" / "000101001000.yaml").read_text(encoding="utf-8")
    assert "授权委托书" in other


def test_a_second_merge_is_a_no_op(repo: Path) -> None:
    catalog_tool.merge(repo / "items")
    commit(repo, "first sync")
    _upstream_changes(repo)
    catalog_tool.merge(repo / "items")
    before = {p: p.read_bytes() for p in (repo / "items").rglob("*.yaml")}
    again = catalog_tool.merge(repo / "items")
    assert again.items == ()
    assert again.checked == 3
    assert {p: p.read_bytes() for p in (repo / "items").rglob("*.yaml")} == before


def test_the_base_is_recovered_from_uncommitted_history_too(repo: Path) -> None:
    # first sync and upstream change without any commit in between: the base is the city
    # file as it was on disk, which is still HEAD's version
    catalog_tool.merge(repo / "items")
    _upstream_changes(repo)
    (item,) = catalog_tool.merge(repo / "items", into=["370811"]).items
    assert item.base_found is True
    assert "授权委托书" not in county(repo).read_text(encoding="utf-8")


def test_local_changes_to_local_fields_survive(repo: Path) -> None:
    catalog_tool.merge(repo / "items")
    commit(repo, "first sync")
    edit(county(repo), "phone: 0537-2216800", "phone: 0537-2216899")
    edit(county(repo), "promised_days: 3", "promised_days: 2")
    _upstream_changes(repo)
    catalog_tool.merge(repo / "items", into=["370811"])
    text = county(repo).read_text(encoding="utf-8")
    assert "  phone: 0537-2216899\n" in text
    assert "time_limit: {legal_days: 15, promised_days: 2, unit: 工作日}  # 承诺提速\n" in text
