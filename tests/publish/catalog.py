"""A small catalog built in the test itself, so that every expected value is visible here.

Items are written as JSON, which is YAML too (codes come out quoted, as format v1 wants).

The catalog: 全国 → 山东省 → 济宁市 → 任城区 (370811), 微山县 (370826).

| file                          | name                                   | notes                          |
|-------------------------------|----------------------------------------|--------------------------------|
| 000000/000101001000           | 食品经营许可                            | national: not published        |
| 000000/000201001000           | 对未取得食品经营许可…的行政处罚          | national                       |
| 000000/000101002000           | 药品经营许可                            | national                       |
| 370811/000101001000           | 食品经营许可                            | 4 materials, uncounted step, online, 承诺件 20→5 days, 0 visits |
| 370811/000201001000           | 对未取得食品经营许可…的行政处罚          | 行政处罚: no materials         |
| 370826/000101001000           | 食品经营许可                            | offline, 即办件 20→0, 1 visit    |
| 370826/000101002000           | 药品经营许可                            | online, 承诺件 20→10, 0 visits   |
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from catalog_tool.domain.uscc import check_character

FOOD = "食品经营许可"
PENALTY = "对未取得食品经营许可从事食品经营活动的行政处罚"
DRUG = "药品经营许可"
FOOD_BASIS = "《中华人民共和国食品安全法》第三十五条第一款"
PENALTY_BASIS = "《中华人民共和国食品安全法》第一百二十二条第一款"
DRUG_BASIS = "《中华人民共和国药品管理法》第五十一条第一款"
FOOD_MATERIALS = [
    "食品经营许可申请书",
    "与食品经营相适应的主要设备设施布局图、操作流程等文件",
    "食品安全管理制度文本",
    "授权委托书",
]
REGIONS = """\
- {code: "000000", name: 全国}
- {code: "370000", name: 山东省, parent: "000000"}
- {code: "370800", name: 济宁市, parent: "370000"}
- {code: "370811", name: 任城区, parent: "370800"}
- {code: "370826", name: 微山县, parent: "370800"}
"""
CONFIG = """\
[rules.O002]
targets = { "县级" = 0.9 }
"""


def credit_code(region: str, serial: str) -> str:
    """A valid 统一社会信用代码 of an organ in ``region``."""
    body = f"11{region}{serial}"
    return body + check_character(body)


def national(code: str, name: str, type_: str, basis: str) -> dict[str, Any]:
    """An item of the national basic catalog."""
    return {"code": code, "name": name, "type": type_, "region": "000000", "basis": [basis]}


def food(region: str, agency: str, serial: str) -> dict[str, Any]:
    """食品经营许可 as a county implements it (the sample catalog's 任城区 item)."""
    credit = credit_code(region, serial)
    return {
        "code": "000101001000",
        "name": FOOD,
        "type": "行政许可",
        "region": region,
        "basis": [FOOD_BASIS],
        "impl_code": f"{credit}4000101001000",
        "agency": {"name": agency, "credit_code": credit, "nature": "法定机关"},
        "conditions": ["具有与经营的食品品种、数量相适应的经营场所"],
        "materials": [
            {
                "name": FOOD_MATERIALS[0],
                "required": True,
                "form": "原件",
                "copies": 1,
                "media": "纸质和电子",
                "source": "申请人自备",
                "kind": "申请表",
                "basis": ["《中华人民共和国行政许可法》第二十九条第一款"],
                "blank_form": "forms/食品经营许可申请书.pdf",
                "sample": "forms/食品经营许可申请书-示例.pdf",
            },
            {
                "name": FOOD_MATERIALS[1],
                "required": True,
                "form": "原件",
                "copies": 1,
                "media": "纸质和电子",
                "source": "申请人自备",
                "kind": "其他",
                "basis": ["《中华人民共和国食品安全法》第三十三条第一款"],
            },
            {
                "name": FOOD_MATERIALS[2],
                "required": True,
                "form": "原件",
                "copies": 1,
                "media": "纸质",
                "source": "申请人自备",
                "kind": "其他",
                "basis": ["《中华人民共和国食品安全法》第四十五条第一款"],
            },
            {
                "name": FOOD_MATERIALS[3],
                "required": False,
                "form": "原件",
                "copies": 2,
                "media": "纸质和电子",
                "source": "申请人自备",
                "kind": "其他",
                "basis": ["《中华人民共和国行政许可法》第二十九条第二款"],
                "notes": "委托他人办理的提供",
            },
        ],
        "steps": [
            {"name": "受理", "days": 1},
            {"name": "审查", "days": 2},
            {"name": "现场核查", "days": 3, "counted": False},
            {"name": "决定", "days": 1},
        ],
        "time_limit": {"legal_days": 20, "promised_days": 5, "unit": "工作日"},
        "handling": "承诺件",
        "fees": [],
        "visits": 0,
        "online": {"available": True, "depth": 4, "url": "https://zwfw.example.gov.cn/item/1"},
        "delivery": True,
        "service_objects": ["企业法人", "自然人"],
        "venue": {
            "address": "为民服务中心（政务服务大厅）",
            "hours": "周一至周五 9:00-17:00",
            "phone": "0537-2216800",
            "complaint_phone": "12345",
        },
        "result": {"name": "食品经营许可证", "kind": "证照"},
        "status": "在用",
    }


def penalty(region: str, agency: str, serial: str) -> dict[str, Any]:
    """The 行政处罚 of the sample catalog: no conditions, no materials."""
    credit = credit_code(region, serial)
    return {
        "code": "000201001000",
        "name": PENALTY,
        "type": "行政处罚",
        "region": region,
        "basis": [PENALTY_BASIS],
        "impl_code": f"{credit}4000201001000",
        "agency": {"name": agency, "credit_code": credit, "nature": "法定机关"},
        "conditions": [],
        "materials": [],
        "steps": [{"name": n} for n in ("立案", "调查取证", "审查", "告知", "决定", "送达")],
        "time_limit": {"legal_days": 90, "unit": "自然日"},
        "handling": "承诺件",
        "fees": [],
        "visits": 0,
        "online": {"available": False},
        "service_objects": ["企业法人", "自然人"],
        "venue": {
            "address": "为民服务中心（政务服务大厅）",
            "hours": "周一至周五 9:00-17:00",
            "phone": "0537-2216900",
            "complaint_phone": "12345",
        },
        "result": {"name": "行政处罚决定书", "kind": "文书"},
        "status": "在用",
    }


def items() -> dict[str, dict[str, Any]]:
    """Every item of the catalog by its file."""
    weishan_food = food("370826", "微山县行政审批服务局", "MB2831000")
    weishan_food.update(
        {
            "online": {"available": False},
            "handling": "即办件",
            "time_limit": {"legal_days": 20, "promised_days": 0, "unit": "工作日"},
            "visits": 1,
            "visits_reason": "需现场核验原件",
        }
    )
    drug = copy.deepcopy(food("370826", "微山县行政审批服务局", "MB2831000"))
    drug.update(
        {
            "code": "000101002000",
            "name": DRUG,
            "basis": [DRUG_BASIS],
            "impl_code": drug["impl_code"][:19] + "000101002000",
            "time_limit": {"legal_days": 20, "promised_days": 10, "unit": "工作日"},
        }
    )
    for material in drug["materials"]:
        material.pop("blank_form", None)
        material.pop("sample", None)
    drug["materials"][0]["name"] = "药品经营许可申请表"
    return {
        "000000/000101001000.yaml": national("000101001000", FOOD, "行政许可", FOOD_BASIS),
        "000000/000101002000.yaml": national("000101002000", DRUG, "行政许可", DRUG_BASIS),
        "000000/000201001000.yaml": national("000201001000", PENALTY, "行政处罚", PENALTY_BASIS),
        "370811/000101001000.yaml": food("370811", "济宁市任城区行政审批服务局", "MB2822838"),
        "370811/000201001000.yaml": penalty("370811", "济宁市任城区市场监督管理局", "004355022"),
        "370826/000101001000.yaml": weishan_food,
        "370826/000101002000.yaml": drug,
    }


def write_item(root: Path, file: str, data: dict[str, Any]) -> None:
    """Write one item file (JSON is YAML)."""
    path = root / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def make_catalog(root: Path) -> Path:
    """Write the catalog into ``root`` and return it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "regions.yaml").write_text(REGIONS, encoding="utf-8")
    (root / "catalog.toml").write_text(CONFIG, encoding="utf-8")
    forms = root / "forms"
    forms.mkdir()
    (forms / "食品经营许可申请书.pdf").write_bytes(b"%PDF-1.4\n% blank form\n")
    (forms / "食品经营许可申请书-示例.pdf").write_bytes(b"%PDF-1.4\n% sample\n")
    for file, data in items().items():
        write_item(root, file, data)
    return root


def add_item(root: Path, data: dict[str, Any], code: str, name: str) -> str:
    """Publish a copy of the item ``data`` under the new basic code ``code`` and ``name``,
    with its national item, so that the odd name stays valid (F001: an implementation
    item keeps the national name). Returns the new item's file."""
    data = copy.deepcopy(data)
    data.update(code=code, name=name, impl_code=data["impl_code"][:19] + code)
    write_item(root, f"000000/{code}.yaml", national(code, name, data["type"], data["basis"][0]))
    new = f"{data['region']}/{code}.yaml"
    write_item(root, new, data)
    return new
