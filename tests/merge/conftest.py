"""A small catalog in a real git repository: a national item, a city standard and two
counties, one of them written with comments, blank lines and its own quoting."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.diff.gitrepo import commit, init

REGIONS = """\
- {code: "000000", name: 全国}
- {code: "370000", name: 山东省, parent: "000000"}
- {code: "370800", name: 济宁市, parent: "370000"}
- {code: "370811", name: 任城区, parent: "370800"}
- {code: "370826", name: 微山县, parent: "370800"}
"""

NATIONAL = """\
code: "000101001000"
name: 食品经营许可
type: 行政许可
region: "000000"
basis:
  - 《中华人民共和国食品安全法》第三十五条第一款
"""

CITY = """\
# yaml-language-server: $schema=../../schemas/item.schema.json
code: "000101001000"
name: 食品经营许可
type: 行政许可
region: "370800"
basis:
  - 《中华人民共和国食品安全法》第三十五条第一款
agency: {name: 济宁市行政审批服务局, credit_code: "11370800MB2800604T", nature: 法定机关}
conditions:
  - 具有与经营的食品品种、数量相适应的经营场所
  - 具有合理的设备布局和工艺流程
materials:
  - name: 食品经营许可申请书
    required: true
    form: 原件
    copies: 1
    media: 纸质和电子
    source: 申请人自备
    basis: [《中华人民共和国食品安全法》第三十五条第二款]
  - name: 食品安全管理制度文本
    required: true
    form: 原件
    copies: 1
    media: 纸质和电子
    source: 申请人自备
    basis: [《中华人民共和国食品安全法》第三十三条第一款第（三）项]
  - name: 授权委托书
    required: false
    form: 原件
    copies: 1
    media: 纸质和电子
    source: 申请人自备
    basis: [《中华人民共和国行政许可法》第二十九条第二款]
steps:
  - {name: 受理, days: 1}
  - {name: 审查, days: 2}
  - {name: 决定, days: 1}
time_limit: {legal_days: 20, promised_days: 5, unit: 工作日}
handling: 承诺件
fees: []
visits: 0
online: {available: true, depth: 4, url: "https://www.jining.gov.cn/"}
service_objects: [企业法人]
venue: {address: 济宁市为民服务中心, hours: "工作日 9:00-17:00", phone: 0537-2967100, complaint_phone: "12345"}
result: {name: 食品经营许可证, kind: 证照}
status: 在用
"""

COUNTY = """\
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
materials:
  # 申请书用区里的模板
  - name: 食品经营许可申请书
    required: true
    form: 原件
    copies: 1
    media: 纸质和电子
    source: 申请人自备
    basis: [《中华人民共和国食品安全法》第三十五条第二款]
    blank_form: forms/任城区申请书.docx
  - name: 食品安全管理制度文本
    required: true
    form: 原件
    copies: 1
    media: 纸质和电子
    source: 申请人自备
    basis: [《中华人民共和国食品安全法》第三十三条第一款第（三）项]
  # 委托办理时才要
  - name: 授权委托书
    required: false
    form: 原件
    copies: 1
    media: 纸质和电子
    source: 申请人自备
    basis: [《中华人民共和国行政许可法》第二十九条第二款]
steps:
  - {name: 受理, days: 1}
  - {name: 审查, days: 2}
  - {name: 决定, days: 1}
time_limit: {legal_days: 20, promised_days: 3, unit: 工作日}  # 承诺提速
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
"""

OTHER_COUNTY = (
    CITY.replace('region: "370800"', 'region: "370826"')
    .replace("济宁市行政审批服务局", "微山县行政审批服务局")
    .replace("11370800MB2800604T", "11370826MB2831612R")
    .replace("www.jining.gov.cn", "www.weishan.gov.cn")
    .replace("济宁市为民服务中心", "微山县为民服务中心")
)

ITEM = "000101001000.yaml"


def write_catalog(root: Path) -> None:
    """The small catalog, written under ``root``."""
    files = {
        "regions.yaml": REGIONS,
        f"000000/{ITEM}": NATIONAL,
        f"370800/{ITEM}": CITY,
        f"370811/{ITEM}": COUNTY,
        f"370826/{ITEM}": OTHER_COUNTY,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The small catalog in ``items/`` of a new repository, committed once."""
    repo = init(tmp_path / "repo")
    write_catalog(repo / "items")
    commit(repo, "catalog")
    return repo


def city(repo: Path) -> Path:
    return repo / "items" / "370800" / ITEM


def county(repo: Path) -> Path:
    return repo / "items" / "370811" / ITEM
